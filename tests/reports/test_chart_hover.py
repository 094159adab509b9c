"""value_at: what the tooltip says over a bar, a stacked bar, a heatmap cell, nothing."""

from __future__ import annotations

from datetime import date

import pytest

from crmdesk.reports.charts import CHARTS
from crmdesk.reports.hover import value_at
from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import compute_dashboard
from tests.helpers.analytics_shop import build_shop


@pytest.fixture
def board(session):
    build_shop(session)
    return compute_dashboard(session, Period(date(2026, 2, 1), date(2026, 3, 31)))


def _centre(artist) -> tuple[float, float]:
    box = artist.get_window_extent()
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


def test_bars_points_and_empty_space(board) -> None:
    fig = CHARTS["sales_daily"].build(board["sales_daily"])
    fig.draw_without_rendering()
    bars = fig.axes[0].containers[0].patches
    tallest = max(range(len(bars)), key=lambda i: bars[i].get_height())
    text = value_at(fig, *_centre(bars[tallest]))
    day = board["sales_daily"]["day"].iloc[tallest]
    assert text == f"{day}\n売上: ¥{int(bars[tallest].get_height()):,}"
    assert value_at(fig, 2, 2) is None  # the figure's corner


def test_stacked_horizontal_bars_name_the_status(board) -> None:
    fig = CHARTS["inquiries"].build(board["inquiries"], lang="en")
    fig.draw_without_rendering()
    ax = fig.axes[0]
    container = ax.containers[0]
    text = value_at(fig, *_centre(container.patches[-1]))
    category = ax.get_yticklabels()[-1].get_text()
    n = int(container.patches[-1].get_width())
    assert text == f"{category}\n{container.get_label()}: {n}"
    assert container.get_label() == "Open"


def test_heatmap_cell(board) -> None:
    fig = CHARTS["rfm"].build(board["rfm"])
    fig.draw_without_rendering()
    ax = fig.axes[0]
    grid = ax.images[0].get_array()
    row, col = divmod(int(grid.argmax()), grid.shape[1])
    x, y = ax.transData.transform((col, row))
    assert value_at(fig, x, y) == f"F{5 - row} × R{col + 1}: {int(grid.max())}人"
