"""Chart builders: matplotlib Figures from the analytics frames.

The same builders serve the dashboard (wrapped in a Qt canvas there), the ``crmdesk chart``
command, the monthly PDF and the tests. Figures are made with ``matplotlib.figure.Figure``
(no pyplot, no global state) and drawn by the Agg backend; Japanese text uses IPAexGothic
from :func:`crmdesk.paths.japanese_font`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg", force=False)

import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from crmdesk.paths import japanese_font  # noqa: E402

NO_DATA = "データがありません / No data"
SIZE = (6.4, 3.6)
COLORS = ["#2f6db5", "#e8833a", "#59a85b", "#c9463d", "#8c6bb1", "#7f7f7f"]


def _setup_fonts() -> str:
    path = japanese_font()
    font_manager.fontManager.addfont(str(path))
    name = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["font.family"] = [name, "sans-serif"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return name


FONT_NAME = _setup_fonts()


# --- numbers the Japanese way ------------------------------------------------------


def man(value: float) -> str:
    """1.2万, 3.4億, 1,234 below ten thousand."""
    v = float(value)
    if abs(v) >= 1e8:
        return f"{v / 1e8:,.1f}億".replace(".0億", "億")
    if abs(v) >= 1e4:
        return f"{v / 1e4:,.1f}万".replace(".0万", "万")
    return f"{v:,.0f}"


def yen(value: float, *, short: bool = False) -> str:
    """¥1,234 (or ¥1.2万 when ``short`` and the amount is large)."""
    return f"¥{man(value)}" if short else f"¥{round(float(value)):,}"


def count(value: float, unit: str = "人") -> str:
    return f"{round(float(value)):,}{unit}"


def percent(value: float) -> str:
    return f"{float(value) * 100:.1f}%"


YEN_AXIS = FuncFormatter(lambda v, _pos: yen(v, short=True))


def _count_axis(unit: str) -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: f"{man(v)}{unit}")


# --- building blocks -----------------------------------------------------------------


def _figure(title: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=SIZE, dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.set_title(title, fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def no_data(title: str) -> Figure:
    fig, ax = _figure(title)
    ax.set_axis_off()
    ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=13, color="#777777",
            transform=ax.transAxes)  # fmt: skip
    return fig


def _is_empty(df: pd.DataFrame, column: str) -> bool:
    return df is None or df.empty or column not in df or float(df[column].abs().sum()) == 0


def _x_labels(ax: Axes, labels: list[str], max_labels: int = 12) -> None:
    step = max(1, -(-len(labels) // max_labels))
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=0, fontsize=8)


def _short_day(day: str) -> str:
    return f"{int(day[5:7])}/{int(day[8:10])}"


def _short_month(month: str) -> str:
    return f"{month[2:4]}年{int(month[5:7])}月"


def _month_ticks(months: list[str]) -> list[str]:
    """'11月' under each bar, the year added under the first month and each January."""
    return [
        f"{int(m[5:7])}月\n{m[:4]}年" if i == 0 or m.endswith("-01") else f"{int(m[5:7])}月"
        for i, m in enumerate(months)
    ]


# --- the charts ---------------------------------------------------------------------


def sales_daily(df: pd.DataFrame) -> Figure:
    title = "日別売上"
    if _is_empty(df, "sales"):
        return no_data(title)
    fig, ax = _figure(title)
    ax.bar(range(len(df)), df["sales"], color=COLORS[0], label="売上")
    ax.yaxis.set_major_formatter(YEN_AXIS)
    _x_labels(ax, [_short_day(d) for d in df["day"]])
    ax.legend(loc="upper left", fontsize=8)
    return fig


def sales_monthly(df: pd.DataFrame) -> Figure:
    title = "月別売上と来店数"
    if _is_empty(df, "sales"):
        return no_data(title)
    fig, ax = _figure(title)
    x = range(len(df))
    ax.bar(x, df["sales"], color=COLORS[0], label="売上")
    ax.yaxis.set_major_formatter(YEN_AXIS)
    right = ax.twinx()
    right.plot(x, df["visits"], color=COLORS[1], marker="o", label="来店数")
    right.yaxis.set_major_formatter(_count_axis("回"))
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_ylim(bottom=0)
    right.spines[["top"]].set_visible(False)
    _x_labels(ax, _month_ticks(list(df["month"])))
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="upper left", fontsize=8)
    return fig


def new_vs_returning(df: pd.DataFrame) -> Figure:
    title = "新規・リピート別売上"
    total = df[["new_sales", "returning_sales", "anonymous_sales"]].sum(axis=1) if len(df) else []
    if df.empty or float(pd.Series(total).sum()) == 0:
        return no_data(title)
    fig, ax = _figure(title)
    x, bottom = range(len(df)), pd.Series(0, index=df.index)
    for column, label, color in (("new_sales", "新規", COLORS[2]),
                                 ("returning_sales", "リピート", COLORS[0]),
                                 ("anonymous_sales", "顧客不明", COLORS[5])):  # fmt: skip
        ax.bar(x, df[column], bottom=bottom, label=label, color=color)
        bottom = bottom + df[column]
    ax.yaxis.set_major_formatter(YEN_AXIS)
    _x_labels(ax, _month_ticks(list(df["month"])))
    ax.legend(loc="upper left", fontsize=8)
    return fig


def retention(df: pd.DataFrame) -> Figure:
    title = "初回来店月別の継続率"
    if df is None or df.empty:
        return no_data(title)
    grid = df.pivot(index="cohort", columns="months_since", values="rate")
    fig, ax = _figure(title)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(grid.index)), [_short_month(c) for c in grid.index], fontsize=8)
    _x_labels(ax, [f"{int(k)}か月後" if k else "初月" for k in grid.columns], 8)
    if grid.size <= 80:
        for (i, j), value in pd.DataFrame(grid.to_numpy()).stack().items():
            ax.text(j, i, f"{value * 100:.0f}%", ha="center", va="center", fontsize=7,
                    color="white" if value > 0.6 else "black")  # fmt: skip
    fig.colorbar(image, ax=ax, format=FuncFormatter(lambda v, _p: percent(v)))
    return fig


def ltv(df: pd.DataFrame) -> Figure:
    title = "初回来店月別 顧客生涯価値(LTV)"
    if _is_empty(df, "ltv"):
        return no_data(title)
    fig, ax = _figure(title)
    ax.bar(range(len(df)), df["ltv"], color=COLORS[4], label="1人あたり累計売上")
    ax.yaxis.set_major_formatter(YEN_AXIS)
    ax.set_ylabel("1人あたり累計売上", fontsize=8)
    _x_labels(ax, _month_ticks(list(df["cohort"])))
    return fig


def rfm(df: pd.DataFrame) -> Figure:
    title = "RFM分布（最新性×頻度, 人数）"
    if _is_empty(df, "customers"):
        return no_data(title)
    grid = df.pivot_table(index="f", columns="r", values="customers", aggfunc="sum")
    grid = grid.reindex(index=range(5, 0, -1), columns=range(1, 6)).fillna(0)
    fig, ax = _figure(title)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Oranges", aspect="auto")
    ax.set_xticks(range(5), [f"R{r}" for r in grid.columns])
    ax.set_yticks(range(5), [f"F{f}" for f in grid.index])
    ax.set_xlabel("R: 最近来店したほど高い", fontsize=8)
    ax.set_ylabel("F: 来店回数が多いほど高い", fontsize=8)
    top = float(grid.to_numpy().max())
    for (i, j), value in pd.DataFrame(grid.to_numpy()).stack().items():
        ax.text(j, i, count(value), ha="center", va="center", fontsize=7,
                color="white" if value > 0.6 * top else "black")  # fmt: skip
    fig.colorbar(image, ax=ax, format=_count_axis("人"))
    return fig


def points(df: pd.DataFrame) -> Figure:
    title = "ポイント 発行・利用・失効と残高"
    if df is None or df.empty or float(df.drop(columns="month").abs().to_numpy().sum()) == 0:
        return no_data(title)
    fig, ax = _figure(title)
    width, x = 0.27, pd.Series(range(len(df)), dtype=float)
    for k, (column, label) in enumerate((("issued", "発行"), ("redeemed", "利用"),
                                         ("expired", "失効"))):  # fmt: skip
        ax.bar(x + (k - 1) * width, df[column], width, label=label, color=COLORS[k])
    ax.yaxis.set_major_formatter(_count_axis("pt"))
    right = ax.twinx()
    right.plot(x, df["outstanding"], color=COLORS[3], marker="o", label="残高（月末）")
    right.yaxis.set_major_formatter(_count_axis("pt"))
    right.spines[["top"]].set_visible(False)
    _x_labels(ax, _month_ticks(list(df["month"])))
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="upper left", fontsize=8, ncol=4)
    return fig


STATUS_LABELS = {"open": "未対応", "in_progress": "対応中", "waiting": "保留", "closed": "完了"}


def inquiries(df: pd.DataFrame) -> Figure:
    title = "問い合わせ 分類・状態別件数"
    if _is_empty(df, "inquiries"):
        return no_data(title)
    grid = df.pivot_table(index="category", columns="status", values="inquiries",
                          aggfunc="sum", fill_value=0)  # fmt: skip
    grid = grid.loc[grid.sum(axis=1).sort_values().index]
    fig, ax = _figure(title)
    left = pd.Series(0, index=grid.index)
    for k, status in enumerate(grid.columns):
        ax.barh(grid.index, grid[status], left=left, color=COLORS[k % len(COLORS)],
                label=STATUS_LABELS.get(status, status))  # fmt: skip
        left = left + grid[status]
    ax.xaxis.set_major_formatter(_count_axis("件"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="lower right", fontsize=8)
    return fig


def close_times(df: pd.DataFrame) -> Figure:
    title = "問い合わせ 完了までの時間（中央値）"
    if _is_empty(df, "closed"):
        return no_data(title)
    fig, ax = _figure(title)
    ax.barh(df["category"], df["median_hours"], color=COLORS[1], label="中央値（時間）")
    for y, (hours, n) in enumerate(zip(df["median_hours"], df["closed"], strict=True)):
        ax.text(hours, y, f" {hours:.1f}時間 ({n}件)", va="center", fontsize=8)
    ax.set_xlabel("時間", fontsize=8)
    ax.margins(x=0.3)
    return fig


def mailings(df: pd.DataFrame) -> Figure:
    title = "DM 反応率（30日以内の来店）"
    if _is_empty(df, "recipients"):
        return no_data(title)
    fig, ax = _figure(title)
    labels = [f"{n}\n{str(d)[5:].replace('-', '/')}" for n, d in zip(df["campaign"],
              df["sent_on"], strict=True)]  # fmt: skip
    ax.bar(range(len(df)), df["rate"], color=COLORS[2], label="反応率")
    for i, (rate, n, r) in enumerate(zip(df["rate"], df["recipients"], df["responded"],
                                         strict=True)):  # fmt: skip
        ax.text(i, rate, f"{percent(rate)}\n{r}/{n}人", ha="center", va="bottom", fontsize=7)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v * 100:.0f}%"))
    ax.set_ylim(0, max(0.1, float(df["rate"].max()) * 1.3))
    _x_labels(ax, labels, 10)
    return fig


GENDER_LABELS = {"female": "女性", "male": "男性", "other": "その他", "unknown": "未登録"}


def _count_bars(df: pd.DataFrame, key: str, title: str, labels: list[str]) -> Figure:
    if _is_empty(df, "customers"):
        return no_data(title)
    fig, ax = _figure(title)
    ax.bar(labels, df["customers"], color=COLORS[0], label="顧客数")
    for i, n in enumerate(df["customers"]):
        ax.text(i, n, count(n), ha="center", va="bottom", fontsize=7)
    ax.yaxis.set_major_formatter(_count_axis("人"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="x", labelsize=8)
    return fig


def gender(df: pd.DataFrame) -> Figure:
    labels = [GENDER_LABELS.get(g, g) for g in df["gender"]] if len(df) else []
    return _count_bars(df, "gender", "性別 顧客数", labels)


def age(df: pd.DataFrame) -> Figure:
    return _count_bars(df, "age_band", "年代別 顧客数", list(df["age_band"]) if len(df) else [])


def area(df: pd.DataFrame, top: int = 10) -> Figure:
    title = f"地域別 顧客数（上位{top}）"
    if _is_empty(df, "customers"):
        return no_data(title)
    head = df.head(top).iloc[::-1]
    labels = (head["prefecture"] + " " + head["city"]).str.strip()
    fig, ax = _figure(title)
    ax.barh(labels, head["customers"], color=COLORS[2], label="顧客数")
    ax.xaxis.set_major_formatter(_count_axis("人"))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="y", labelsize=8)
    return fig


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    build: Callable[[pd.DataFrame], Figure]


CHARTS: dict[str, Chart] = {
    c.name: c
    for c in (
        Chart("sales_daily", "日別売上", sales_daily),
        Chart("sales_monthly", "月別売上と来店数", sales_monthly),
        Chart("new_vs_returning", "新規・リピート別売上", new_vs_returning),
        Chart("retention", "継続率", retention),
        Chart("ltv", "LTV", ltv),
        Chart("rfm", "RFM分布", rfm),
        Chart("points", "ポイント", points),
        Chart("inquiries", "問い合わせ", inquiries),
        Chart("close_times", "完了までの時間", close_times),
        Chart("mailings", "DM反応率", mailings),
        Chart("gender", "性別", gender),
        Chart("age", "年代", age),
        Chart("area", "地域", area),
    )
}
"""Every chart by name; each is built from the analytics frame of the same name."""

SAVE_FORMATS = ("png", "pdf", "svg")


def save(fig: Figure, path: str | Path, dpi: int = 150) -> Path:
    """Write ``fig`` as PNG, PDF or SVG, by the file's extension (fonts embedded)."""
    path = Path(path)
    fig.savefig(path, format=path.suffix.lower().lstrip("."), dpi=dpi)
    return path
