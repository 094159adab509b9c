"""Charts: the series and labels a reader expects, Japanese text, files that open."""

from __future__ import annotations

from datetime import date

import pytest
from matplotlib.figure import Figure

from crmdesk.core.money import format_yen, man
from crmdesk.reports import charts
from crmdesk.reports.charts import CHARTS, NO_DATA, count, save
from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import compute_dashboard
from tests.helpers.analytics_shop import build_shop


@pytest.fixture
def march(session):
    build_shop(session)
    return compute_dashboard(session, Period(date(2026, 2, 1), date(2026, 3, 31)))


def _labels(fig: Figure) -> list[str]:
    return [label for ax in fig.axes for label in ax.get_legend_handles_labels()[1]]


def test_numbers_are_written_the_japanese_way() -> None:
    assert format_yen(1234) == "¥1,234" and format_yen(12345, short=True) == "¥1.2万"
    assert man(30000) == "3万" and man(250_000_000) == "2.5億"
    assert count(1234) == "1,234人" and count(5, "件") == "5件"


def test_sales_monthly_has_sales_bars_and_visits_line(march) -> None:
    fig = CHARTS["sales_monthly"].build(march["sales_monthly"])
    ax, right = fig.axes[0], fig.axes[1]
    assert ax.get_title() == "月別売上と来店数"
    assert [bar.get_height() for bar in ax.containers[0]] == [1200, 13900]
    assert list(right.lines[0].get_ydata()) == [1, 5]
    assert set(_labels(fig)) >= {"売上", "来店数"}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2月\n2026年", "3月"]
    assert ax.yaxis.get_major_formatter()(20000, 0) == "¥2万"


def test_new_vs_returning_stacks_three_series(march) -> None:
    fig = CHARTS["new_vs_returning"].build(march["new_vs_returning"])
    ax = fig.axes[0]
    assert _labels(fig) == ["新規", "リピート", "顧客不明"]
    assert [bar.get_height() for bar in ax.containers[0]] == [1200, 6500]  # new
    assert [bar.get_height() for bar in ax.containers[1]] == [0, 6000]  # returning


def test_every_chart_draws_with_japanese_font_to_png(march, tmp_path) -> None:
    for name, chart in CHARTS.items():
        fig = chart.build(march[name])
        assert fig.axes[0].get_title()
        out = save(fig, tmp_path / f"{name}.png", dpi=60)
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    title = CHARTS["rfm"].build(march["rfm"]).axes[0].title
    assert title.get_fontname() == charts.FONT_NAME == "IPAexGothic"


def test_empty_frames_give_no_data_charts(session) -> None:
    board = compute_dashboard(session, Period(date(2020, 1, 1), date(2020, 1, 31)))
    for name, chart in CHARTS.items():
        fig = chart.build(board[name])
        assert NO_DATA in [t.get_text() for t in fig.axes[0].texts], name


def test_svg_and_pdf_by_extension(march, tmp_path) -> None:
    fig = CHARTS["points"].build(march["points"])
    assert save(fig, tmp_path / "p.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert save(fig, tmp_path / "p.pdf").read_bytes()[:5] == b"%PDF-"


def test_month_ticks_never_print_two_years_side_by_side() -> None:
    from crmdesk.reports.charts import _month_ticks

    assert _month_ticks(["2025-12", "2026-01", "2026-02"]) == ["12月", "1月\n2026年", "2月"]
    assert _month_ticks(["2025-11", "2025-12", "2026-01"]) == [
        "11月\n2025年",
        "12月",
        "1月\n2026年",
    ]
    assert _month_ticks(["2025-12"]) == ["12月\n2025年"]


def test_the_inquiry_chart_names_each_status_as_the_lists_do() -> None:
    """Issue 12's 9: 返答待ち in the lists was 保留 on the dashboard."""
    import pandas as pd

    from crmdesk.core.inquiry_rules import STATUSES, status_label

    frame = pd.DataFrame(
        {"category": ["修理"] * 4, "status": list(STATUSES), "inquiries": [1, 2, 3, 4]}
    )
    for lang, waiting in (("ja", "返答待ち"), ("en", "Waiting")):
        legend = [
            t.get_text() for t in charts.inquiries(frame, lang).axes[0].get_legend().get_texts()
        ]
        assert legend == [status_label(s, lang) for s in STATUSES]
        assert legend[STATUSES.index("waiting")] == waiting == status_label("waiting", lang)
