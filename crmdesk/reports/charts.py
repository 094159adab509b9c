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

from crmdesk.core.files import atomic_path

matplotlib.use("Agg", force=False)

import pandas as pd  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from crmdesk.core import inquiry_rules  # noqa: E402
from crmdesk.core.channels import display_name  # noqa: E402
from crmdesk.core.money import format_yen, kilo, man  # noqa: E402
from crmdesk.paths import japanese_font  # noqa: E402
from crmdesk.reports.hover import remember  # noqa: E402
from crmdesk.reports.words import MONTHS_EN, check_lang, t, value  # noqa: E402

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


# --- numbers, the Japanese way and the English way ---------------------------------


UNITS_EN = {"人": ("customer", "customers"), "回": ("visit", "visits"), "pt": ("pt", "pt")}


def count(value: float, unit: str = "人", lang: str = "ja") -> str:
    """350人 / 350 customers; in English a counter without its own word (件) is dropped,
    as the label beside the number names what is counted."""
    n = round(float(value))
    if lang == "ja":
        return f"{n:,}{unit}"
    one, many = UNITS_EN.get(unit, ("", ""))
    word = one if n == 1 else many
    return f"{n:,} {word}" if word else f"{n:,}"


def percent(value: float) -> str:
    return f"{float(value) * 100:.1f}%"


def yen_axis(lang: str = "ja") -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: format_yen(v, lang, short=True))


YEN_AXIS = yen_axis("ja")


def _count_axis(unit: str, lang: str = "ja") -> FuncFormatter:
    """Ticks as 1.2万人 in Japanese; as 12k in English (the axis label names the unit)."""
    if lang == "ja":
        return FuncFormatter(lambda v, _pos: f"{man(v)}{unit}")
    suffix = " pt" if unit == "pt" else ""
    return FuncFormatter(lambda v, _pos: f"{kilo(v)}{suffix}")


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


def is_no_data(fig: Figure) -> bool:
    """True for the figure :func:`no_data` draws."""
    return bool(fig.axes) and NO_DATA in [text.get_text() for text in fig.axes[0].texts]


def _is_empty(df: pd.DataFrame, column: str) -> bool:
    return df is None or df.empty or column not in df or float(df[column].abs().sum()) == 0


def _x_labels(ax: Axes, labels: list[str], max_labels: int = 12) -> None:
    step = max(1, -(-len(labels) // max_labels))
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=0, fontsize=8)


def _short_day(day: str) -> str:
    return f"{int(day[5:7])}/{int(day[8:10])}"


def _short_month(month: str, lang: str = "ja") -> str:
    if lang == "ja":
        return f"{month[2:4]}年{int(month[5:7])}月"
    return f"{MONTHS_EN[int(month[5:7]) - 1]} {month[:4]}"


def _month_ticks(months: list[str], lang: str = "ja") -> list[str]:
    """'11月' under each bar, the year added under the first month and each January
    ('Nov', '2025' in English). A first month of December leaves its year to the January
    beside it: two years side by side would run into each other."""
    out = []
    for i, m in enumerate(months):
        name = f"{int(m[5:7])}月" if lang == "ja" else MONTHS_EN[int(m[5:7]) - 1]
        year = f"{m[:4]}年" if lang == "ja" else m[:4]
        first = i == 0 and not (m.endswith("-12") and len(months) > 1)
        out.append(f"{name}\n{year}" if first or m.endswith("-01") else name)
    return out


def _month_name(month: str, lang: str = "ja") -> str:
    """2026年10月 / Oct 2026 (what a tooltip says)."""
    if lang == "ja":
        return f"{month[:4]}年{int(month[5:7])}月"
    return f"{MONTHS_EN[int(month[5:7]) - 1]} {month[:4]}"


def _full_yen(v: float) -> str:
    return format_yen(v)


def _people(lang: str) -> Callable[[float], str]:
    return lambda v: count(v, "人", lang)


def _pt(v: float) -> str:
    return f"{v:,.0f}pt"


#: Room above the tallest bar for the legend in the upper left (a fifth of the axis):
#: without it the legend's box covered January's bar and the line's first point.
HEADROOM = 1.22


def _headroom(*axes: Axes) -> None:
    for each in axes:
        bottom, top = each.get_ylim()
        each.set_ylim(bottom, bottom + (top - bottom) * HEADROOM)


def _legend(ax: Axes, *others: Axes, **options: object) -> None:
    _headroom(ax, *others)
    handles = [h for a in (ax, *others) for h in a.get_legend_handles_labels()[0]]
    # matplotlib's overloads cannot see through **options (loc, ncol ... from the caller)
    ax.legend(handles, [str(h.get_label()) for h in handles], fontsize=8, **options)  # type: ignore[call-overload]


# --- the charts ---------------------------------------------------------------------


def sales_daily(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("日別売上", check_lang(lang))
    if _is_empty(df, "sales"):
        return no_data(title)
    fig, ax = _figure(title)
    ax.bar(range(len(df)), df["sales"], color=COLORS[0], label=t("売上", lang))
    ax.yaxis.set_major_formatter(yen_axis(lang))
    _x_labels(ax, [_short_day(d) for d in df["day"]])
    remember(ax, list(df["day"]), _full_yen)
    _legend(ax, loc="upper left")
    return fig


def sales_monthly(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("月別売上と来店数", check_lang(lang))
    if _is_empty(df, "sales"):
        return no_data(title)
    fig, ax = _figure(title)
    x = range(len(df))
    ax.bar(x, df["sales"], color=COLORS[0], label=t("売上", lang))
    ax.yaxis.set_major_formatter(yen_axis(lang))
    right = ax.twinx()
    right.plot(x, df["visits"], color=COLORS[1], marker="o", label=t("来店数", lang))
    right.yaxis.set_major_formatter(_count_axis("回", lang))
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_ylim(bottom=0)
    right.spines[["top"]].set_visible(False)
    if lang == "en":
        right.set_ylabel(t("来店数", lang), fontsize=8)
    _x_labels(ax, _month_ticks(list(df["month"]), lang))
    months = [_month_name(m, lang) for m in df["month"]]
    remember(ax, months, _full_yen)
    remember(right, months, lambda v: count(v, "回", lang))
    _legend(ax, right, loc="upper left")
    return fig


def new_vs_returning(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("新規・リピート別売上", check_lang(lang))
    total = df[["new_sales", "returning_sales", "anonymous_sales"]].sum(axis=1) if len(df) else []
    if df.empty or float(pd.Series(total).sum()) == 0:
        return no_data(title)
    fig, ax = _figure(title)
    x, bottom = range(len(df)), pd.Series(0, index=df.index)
    for column, label, color in (("new_sales", "新規", COLORS[2]),
                                 ("returning_sales", "リピート", COLORS[0]),
                                 ("anonymous_sales", "顧客不明", COLORS[5])):  # fmt: skip
        ax.bar(x, df[column], bottom=bottom, label=t(label, lang), color=color)
        bottom = bottom + df[column]
    ax.yaxis.set_major_formatter(yen_axis(lang))
    _x_labels(ax, _month_ticks(list(df["month"]), lang))
    remember(ax, [_month_name(m, lang) for m in df["month"]], _full_yen)
    _legend(ax, loc="upper left")
    return fig


def retention(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("初回来店月別の継続率", check_lang(lang))
    if df is None or df.empty:
        return no_data(title)
    grid = df.pivot(index="cohort", columns="months_since", values="rate")
    fig, ax = _figure(title)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_yticks(range(len(grid.index)), [_short_month(c, lang) for c in grid.index],
                  fontsize=8)  # fmt: skip
    columns = [t("{k}か月後", lang).format(k=int(k)) if k else t("初月", lang)
               for k in grid.columns]  # fmt: skip
    _x_labels(ax, columns, 8)
    remember(ax, columns, percent, rows=[_month_name(c, lang) for c in grid.index])
    if lang == "en":
        ax.set_xlabel(t("経過月数", lang), fontsize=8)
    if grid.size <= 80:
        for (i, j), rate in pd.DataFrame(grid.to_numpy()).stack().items():
            ax.text(j, i, f"{rate * 100:.0f}%", ha="center", va="center", fontsize=7,
                    color="white" if rate > 0.6 else "black")  # fmt: skip
    fig.colorbar(image, ax=ax, format=FuncFormatter(lambda v, _p: percent(v)))
    return fig


def ltv(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("初回来店月別 顧客生涯価値(LTV)", check_lang(lang))
    if _is_empty(df, "ltv"):
        return no_data(title)
    fig, ax = _figure(title)
    label = t("1人あたり累計売上", lang)
    ax.bar(range(len(df)), df["ltv"], color=COLORS[4], label=label)
    ax.yaxis.set_major_formatter(yen_axis(lang))
    ax.set_ylabel(label, fontsize=8)
    _x_labels(ax, _month_ticks(list(df["cohort"]), lang))
    remember(ax, [_month_name(m, lang) for m in df["cohort"]], _full_yen)
    return fig


def rfm(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("RFM分布（最新性×頻度, 人数）", check_lang(lang))
    if _is_empty(df, "customers"):
        return no_data(title)
    grid = df.pivot_table(index="f", columns="r", values="customers", aggfunc="sum")
    grid = grid.reindex(index=range(5, 0, -1), columns=range(1, 6)).fillna(0)
    fig, ax = _figure(title)
    image = ax.imshow(grid.to_numpy(dtype=float), cmap="Oranges", aspect="auto")
    ax.set_xticks(range(5), [f"R{r}" for r in grid.columns])
    ax.set_yticks(range(5), [f"F{f}" for f in grid.index])
    remember(ax, [f"R{r}" for r in grid.columns], _people(lang), rows=[f"F{f}" for f in grid.index])
    ax.set_xlabel(t("R: 最近来店したほど高い", lang), fontsize=8)
    ax.set_ylabel(t("F: 来店回数が多いほど高い", lang), fontsize=8)
    top = float(grid.to_numpy().max())
    for (i, j), n in pd.DataFrame(grid.to_numpy()).stack().items():
        ax.text(j, i, count(n, "人", lang) if lang == "ja" else f"{round(n):,}", ha="center",
                va="center", fontsize=7, color="white" if n > 0.6 * top else "black")  # fmt: skip
    bar = fig.colorbar(image, ax=ax, format=_count_axis("人", lang))
    if lang == "en":
        bar.set_label(t("顧客数", lang), fontsize=8)
    return fig


def points(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("ポイント 発行・利用・失効と残高", check_lang(lang))
    if df is None or df.empty or float(df.drop(columns="month").abs().to_numpy().sum()) == 0:
        return no_data(title)
    fig, ax = _figure(title)
    width, x = 0.27, pd.Series(range(len(df)), dtype=float)
    for k, (column, label) in enumerate((("issued", "発行"), ("redeemed", "利用"),
                                         ("expired", "失効"))):  # fmt: skip
        ax.bar(x + (k - 1) * width, df[column], width, label=t(label, lang), color=COLORS[k])
    ax.yaxis.set_major_formatter(_count_axis("pt", lang))
    right = ax.twinx()
    right.plot(x, df["outstanding"], color=COLORS[3], marker="o", label=t("残高（月末）", lang))
    right.yaxis.set_major_formatter(_count_axis("pt", lang))
    right.set_ylim(bottom=0)  # from zero like the bars, so the line's rise is not overstated
    right.spines[["top"]].set_visible(False)
    _x_labels(ax, _month_ticks(list(df["month"]), lang))
    months = [_month_name(m, lang) for m in df["month"]]
    remember(ax, months, _pt)
    remember(right, months, _pt)
    _legend(ax, right, loc="upper left", ncol=4)
    return fig


def inquiries(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("問い合わせ 分類・状態別件数", check_lang(lang))
    if _is_empty(df, "inquiries"):
        return no_data(title)
    grid = df.pivot_table(index="category", columns="status", values="inquiries",
                          aggfunc="sum", fill_value=0)  # fmt: skip
    grid = grid.loc[grid.sum(axis=1).sort_values().index]
    order = list(inquiry_rules.STATUSES)  # the way an inquiry goes: open first, closed last
    grid = grid[sorted(grid.columns, key=lambda s: order.index(s) if s in order else len(order))]
    fig, ax = _figure(title)
    left = pd.Series(0, index=grid.index)
    names = [value(c, lang) for c in grid.index]
    for k, status in enumerate(grid.columns):
        label = inquiry_rules.status_label(status, lang)  # the word every list shows
        ax.barh(names, grid[status], left=left, color=COLORS[k % len(COLORS)], label=label)
        left = left + grid[status]
    ax.xaxis.set_major_formatter(_count_axis("件", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    remember(ax, names, lambda v: count(v, "件", lang))
    if lang == "en":
        ax.set_xlabel(t("件数", lang), fontsize=8)
    ax.legend(loc="lower right", fontsize=8)
    return fig


def close_times(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("問い合わせ 完了までの時間（中央値）", check_lang(lang))
    if _is_empty(df, "closed"):
        return no_data(title)
    fig, ax = _figure(title)
    names = [value(c, lang) for c in df["category"]]
    ax.barh(names, df["median_hours"], color=COLORS[1], label=t("中央値（時間）", lang))
    for y, (hours, n) in enumerate(zip(df["median_hours"], df["closed"], strict=True)):
        ax.text(hours, y, t(" {hours:.1f}時間 ({n}件)", lang).format(hours=hours, n=n),
                va="center", fontsize=8)  # fmt: skip
    ax.set_xlabel(t("時間", lang), fontsize=8)
    remember(ax, names, lambda v: t(" {hours:.1f}時間", lang).format(hours=v).strip())
    ax.margins(x=0.3)
    return fig


def mailings(df: pd.DataFrame, lang: str = "ja") -> Figure:
    title = t("DM 反応率（30日以内の来店）", check_lang(lang))
    if _is_empty(df, "recipients"):
        return no_data(title)
    fig, ax = _figure(title)
    labels = [f"{n}\n{str(d)[5:].replace('-', '/')}" for n, d in zip(df["campaign"],
              df["sent_on"], strict=True)]  # fmt: skip
    ax.bar(range(len(df)), df["rate"], color=COLORS[2], label=t("反応率", lang))
    unit = "人" if lang == "ja" else ""
    for i, (rate, n, r) in enumerate(zip(df["rate"], df["recipients"], df["responded"],
                                         strict=True)):  # fmt: skip
        ax.text(i, rate, f"{percent(rate)}\n{r}/{n}{unit}", ha="center", va="bottom", fontsize=7)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v * 100:.0f}%"))
    ax.set_ylim(0, max(0.1, float(df["rate"].max()) * 1.3))
    if lang == "en":
        ax.set_ylabel(t("反応率", lang), fontsize=8)
    _x_labels(ax, labels, 10)
    remember(ax, labels, percent)
    return fig


GENDER_LABELS = {"female": "女性", "male": "男性", "other": "その他", "unknown": "未登録"}


def _count_bars(df: pd.DataFrame, title: str, labels: list[str], lang: str) -> Figure:
    if _is_empty(df, "customers"):
        return no_data(title)
    fig, ax = _figure(title)
    ax.bar(labels, df["customers"], color=COLORS[0], label=t("顧客数", lang))
    for i, n in enumerate(df["customers"]):
        text = count(n, "人", lang) if lang == "ja" else f"{round(n):,}"
        ax.text(i, n, text, ha="center", va="bottom", fontsize=7)
    ax.yaxis.set_major_formatter(_count_axis("人", lang))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    remember(ax, labels, _people(lang))
    if lang == "en":
        ax.set_ylabel(t("顧客数", lang), fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    return fig


def gender(df: pd.DataFrame, lang: str = "ja") -> Figure:
    labels = [t(GENDER_LABELS[g], lang) if g in GENDER_LABELS else g for g in df["gender"]]
    return _count_bars(df, t("性別 顧客数", check_lang(lang)), labels, lang)


def age(df: pd.DataFrame, lang: str = "ja") -> Figure:
    labels = [value(band, lang) for band in df["age_band"]] if len(df) else []
    return _count_bars(df, t("年代別 顧客数", check_lang(lang)), labels, lang)


def area(df: pd.DataFrame, top: int = 10, lang: str = "ja") -> Figure:
    title = t("地域別 顧客数（上位{top}）", check_lang(lang)).format(top=top)
    if _is_empty(df, "customers"):
        return no_data(title)
    head = df.head(top).iloc[::-1]
    places = [value(p, lang) for p in head["prefecture"]]
    labels = [f"{p} {c}".strip() for p, c in zip(places, head["city"], strict=True)]
    fig, ax = _figure(title)
    ax.barh(labels, head["customers"], color=COLORS[2], label=t("顧客数", lang))
    remember(ax, labels, _people(lang))
    ax.xaxis.set_major_formatter(_count_axis("人", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if lang == "en":
        ax.set_xlabel(t("顧客数", lang), fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    return fig


def channels(df: pd.DataFrame, lang: str = "ja") -> Figure:
    """New customers per acquisition channel, each bar marked with its 90-day repeat rate
    ("—" while nobody's 90 days are over: too young to tell, not 0 %)."""

    title = t("流入経路別 新規顧客と90日再来率", check_lang(lang))
    if _is_empty(df, "new_customers"):
        return no_data(title)
    shown = df[df["new_customers"] > 0].iloc[::-1]
    labels = [display_name(None if pd.isna(c) else c, lang) for c in shown["channel"]]
    fig, ax = _figure(title)
    ax.barh(labels, shown["new_customers"], color=COLORS[0], label=t("新規顧客数", lang))
    for i, (n, rate) in enumerate(zip(shown["new_customers"], shown["repeat_rate_90d"],
                                      strict=True)):  # fmt: skip
        note = t("再来 —（90日未経過）", lang) if pd.isna(rate) else t("再来 {rate}", lang).format(
            rate=percent(rate))  # fmt: skip
        people = count(n, "人", lang) if lang == "ja" else f"{round(n):,}"
        ax.text(n, i, f" {people}  {note}", va="center", fontsize=7)
    ax.set_xlim(0, float(shown["new_customers"].max()) * 1.6)
    ax.xaxis.set_major_formatter(_count_axis("人", lang))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    remember(ax, labels, _people(lang))
    if lang == "en":
        ax.set_xlabel(t("新規顧客数", lang), fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    return fig


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    build: Callable[..., Figure]
    """``build(frame, lang="ja")``: the Figure, its words in ``lang``."""

    def label(self, lang: str = "ja") -> str:
        """The short name (``title``) in ``lang``."""
        return t(self.title, lang)


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
        Chart("channels", "流入経路", channels),
    )
}
"""Every chart by name; each is built from the analytics frame of the same name."""

SAVE_FORMATS = ("png", "pdf", "svg")


def save(fig: Figure, path: str | Path, dpi: int = 150) -> Path:
    """Write ``fig`` as PNG, PDF or SVG, by the file's extension (fonts embedded)."""
    path = Path(path)
    with atomic_path(path) as temp:  # never a half-written file, nothing left on failure
        fig.savefig(temp, format=path.suffix.lower().lstrip("."), dpi=dpi)
    return path
