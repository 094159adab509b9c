"""What a chart says about the bar, point or heatmap cell under the mouse.

The chart builders :func:`remember` for each of their axes what its bars / points stand for
(one category per bar, in drawing order) and how to write a value; :func:`value_at` finds
the artist under a pixel of the drawn figure and returns a line such as
``"2026年10月\\n売上: ¥5,294,670"``. Qt-free: the dashboard shows the text as a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.container import BarContainer
from matplotlib.figure import Figure


@dataclass(frozen=True)
class Hover:
    categories: list[str]
    """One per bar / point (for a heatmap: one per column)."""
    fmt: Callable[[float], str]
    rows: list[str] | None = None
    """For a heatmap: one per row, top first."""


_HOVER: WeakKeyDictionary[Axes, Hover] = WeakKeyDictionary()


def remember(
    ax: Axes,
    categories: Sequence[object],
    fmt: Callable[[float], str],
    rows: Sequence[object] | None = None,
) -> None:
    _HOVER[ax] = Hover([str(c) for c in categories], fmt, [str(r) for r in rows] if rows else None)


def _one_line(text: str) -> str:
    return " ".join(text.split())  # month ticks carry the year on a second line


def value_at(fig: Figure, x: float, y: float) -> str | None:
    """The text for what is drawn at display pixel (x, y) (matplotlib's coordinates: origin
    bottom left, physical pixels), or None over empty space. The figure must be drawn."""
    # matplotlib takes float pixels here (HiDPI); its stubs say int
    event = MouseEvent("motion_notify_event", fig.canvas, x, y)  # type: ignore[arg-type]
    for ax in reversed(fig.axes):  # a twin axes (the line) lies over its bars
        hover = _HOVER.get(ax)
        if hover is None or not ax.bbox.contains(x, y):
            continue
        text = _line_at(ax, hover, event) or _bar_at(ax, hover, event) or _cell_at(ax, hover, x, y)
        if text:
            return text
    return None


def _line_at(ax: Axes, hover: Hover, event: MouseEvent) -> str | None:
    for line in ax.lines:
        hit, info = line.contains(event)
        if hit and len(info.get("ind", [])):
            i = int(info["ind"][0])
            value = float(np.asarray(line.get_ydata(), dtype=float)[i])
            return f"{_name(hover, i)}\n{line.get_label()}: {hover.fmt(value)}"
    return None


def _bar_at(ax: Axes, hover: Hover, event: MouseEvent) -> str | None:
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        horizontal = container.orientation == "horizontal"
        for i, bar in enumerate(container.patches):
            if bar.contains(event)[0]:
                value = bar.get_width() if horizontal else bar.get_height()
                return f"{_name(hover, i)}\n{container.get_label()}: {hover.fmt(value)}"
    return None


def _cell_at(ax: Axes, hover: Hover, x: float, y: float) -> str | None:
    if not ax.images or hover.rows is None:
        return None
    col, row = (round(v) for v in ax.transData.inverted().transform((x, y)))
    data = ax.images[0].get_array()
    if data is None or not (0 <= row < data.shape[0] and 0 <= col < data.shape[1]):
        return None
    if np.ma.getmaskarray(data)[row, col]:
        return None
    value = float(data[row, col])
    if value != value:  # NaN: no cell drawn there
        return None
    return f"{_one_line(hover.rows[row])} × {_one_line(hover.categories[col])}: {hover.fmt(value)}"


def _name(hover: Hover, i: int) -> str:
    return _one_line(hover.categories[i]) if i < len(hover.categories) else ""
