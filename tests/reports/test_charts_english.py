"""Charts, tables and the monthly report in English: English words, no Japanese left."""

from __future__ import annotations

import re
from datetime import date

import pdfplumber
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from crmdesk.core.money import format_yen
from crmdesk.reports.charts import CHARTS, count, save
from crmdesk.reports.monthly import write_monthly_report
from crmdesk.reports.tables import display_text, labelled
from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import compute_dashboard, monthly_figures
from tests.helpers.analytics_shop import build_shop

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
SHOP_DATA = {"area", "inquiries", "close_times", "mailings"}
"""Charts whose tick labels are the shop's own data (places, categories, campaign names)."""


@pytest.fixture
def board(session):
    build_shop(session)
    return compute_dashboard(session, Period(date(2026, 2, 1), date(2026, 3, 31)))


def _texts(fig: Figure, *, data_ticks: bool = True) -> list[str]:
    """Every text drawn (ticks as the formatters write them), optionally without the
    category tick labels that are the shop's data."""
    fig.draw_without_rendering()
    skip: set[str] = set()
    if not data_ticks:
        ax = fig.axes[0]
        skip = {x.get_text() for x in ax.get_xticklabels() + ax.get_yticklabels()}
    found = [t.get_text() for t in fig.findobj(Text) if t.get_visible()]
    return [t for t in found if t.strip() and t not in skip]


def test_every_english_chart_has_english_words_and_no_japanese(board) -> None:
    for name, chart in CHARTS.items():
        fig = chart.build(board[name], lang="en")
        texts = _texts(fig, data_ticks=name not in SHOP_DATA)
        japanese = [t for t in texts if JAPANESE.search(t)]
        assert japanese == [], (name, japanese)
        assert not JAPANESE.search(chart.label("en"))


def test_english_titles_axes_and_units(board) -> None:
    fig = CHARTS["sales_monthly"].build(board["sales_monthly"], lang="en")
    ax, right = fig.axes
    assert ax.get_title() == "Monthly sales and visits"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Feb\n2026", "Mar"]
    assert ax.yaxis.get_major_formatter()(20000, 0) == "¥20k"
    assert right.get_ylabel() == "Visits"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Sales", "Visits"]

    fig = CHARTS["age"].build(board["age"], lang="en")
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[:3] == ["Under 20", "20s", "30s"] and ticks[-1] == "Unknown"
    assert fig.axes[0].get_ylabel() == "Customers"

    fig = CHARTS["inquiries"].build(board["inquiries"], lang="en")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert set(legend) <= {"Open", "In progress", "Waiting", "Closed"}
    assert legend == sorted(legend, key=["Open", "In progress", "Waiting", "Closed"].index)


def test_japanese_stays_as_it_was(board) -> None:
    fig = CHARTS["sales_monthly"].build(board["sales_monthly"])
    assert fig.axes[0].get_title() == "月別売上と来店数"
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2月\n2026年", "3月"]
    assert fig.axes[1].yaxis.get_major_formatter()(1200, 0) == "1,200回"
    assert CHARTS["age"].build(board["age"]).axes[0].get_xticklabels()[1].get_text() == "20代"


def test_numbers_in_each_language() -> None:
    assert (
        format_yen(12345, short=True) == "¥1.2万"
        and format_yen(12345, "en", short=True) == "¥12.3k"
    )
    assert format_yen(12000) == "¥12,000" and format_yen(2_500_000, "en", short=True) == "¥2.5M"
    assert count(350) == "350人" and count(350, lang="en") == "350 customers"
    assert count(1, "回", "en") == "1 visit" and count(3, "件", "en") == "3"
    assert display_text("customers", 12) == "12人" and display_text("customers", 12, "en") == "12"
    assert display_text("sales", 13900, "en") == "¥13,900"
    assert display_text("age_band", "20代", "en") == "20s"
    assert display_text("status", "in_progress", "en") == "In progress"


def test_english_export_headers(board) -> None:
    out = labelled(board["age"], "en")
    assert list(out.columns) == ["Age", "Customers"] and out["Age"].iloc[1] == "20s"
    assert list(labelled(board["age"]).columns) == ["年代", "顧客数"]


def test_english_monthly_report(session, tmp_path) -> None:
    build_shop(session)
    figures = monthly_figures(session, Period.month("2026-03"))
    pdf = write_monthly_report(figures, tmp_path / "march.pdf", lang="en")
    assert pdf >= 2
    with pdfplumber.open(tmp_path / "march.pdf") as doc:
        first = doc.pages[0].extract_text()
        rest = "\n".join(page.extract_text() for page in doc.pages[1:])
    assert "Monthly report: March 2026" in first
    assert "Sales ¥13,900 ¥1,200" in first
    assert "Points balance (in yen) ¥300" in first
    assert JAPANESE.findall(first) == []
    assert "crmdesk · page 2" in rest


def test_pngs_in_both_languages(board, tmp_path) -> None:
    for lang in ("ja", "en"):
        png = save(CHARTS["points"].build(board["points"], lang=lang), tmp_path / f"{lang}.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_shops_own_words_are_not_translated() -> None:
    assert display_text("category", "その他", "en") == "その他"  # a category the shop named
    assert display_text("category", "未分類", "en") == "Uncategorised"  # the service's word
    assert display_text("prefecture", "不明", "en") == "Unknown"


def test_points_balance_axis_starts_at_zero(board) -> None:
    fig = CHARTS["points"].build(board["points"])
    assert fig.axes[1].get_ylim()[0] == 0
