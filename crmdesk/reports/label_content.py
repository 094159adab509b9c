"""What goes on one address label, and at which size, so that all of it fits.

:func:`fit_label` turns an :class:`Addressee` into positioned lines inside a label of a
given size: 〒 and postal code (and the customer number, small, on the right), the
address on one or two lines, building, company, department, then the name with its
honorific (and the joint names, aligned under the given name), larger and centred.
Everything shrinks together to fit the height; a line too wide shrinks on its own. A
line that would need less than :data:`~crmdesk.reports.pdf.MIN_PT` is an error, never cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from crmdesk.core.address import Addressee
from crmdesk.core.errors import DomainError
from crmdesk.core.label_text import format_postal, split_address
from crmdesk.reports.pdf import DESCENT, MIN_PT, MM, text_width

LEAD = 1.2  # line height / font size
POSTAL_PT, NUMBER_PT, ADDRESS_PT, NAME_PT = 9.0, 7.0, 10.5, 14.0
_SPACE = re.compile(r"[ \u3000]+")


class Line(NamedTuple):  # a tuple: tens of thousands are made per mailing
    """A string at ``size`` pt; ``x`` and ``baseline`` in pt from the label's top-left."""

    text: str
    size: float
    x: float
    baseline: float
    role: str


def padding(w_pt: float, h_pt: float, radius_pt: float) -> tuple[float, float]:
    """Inner margins (x, y) in pt: a little room from the die cut, more on round corners."""
    px = min(max(w_pt * 0.05, 1.5 * MM), 4 * MM) + radius_pt * 0.3
    py = min(max(h_pt * 0.07, 1.5 * MM), 3 * MM) + radius_pt * 0.3
    return px, py


def _who(a: Addressee) -> str:
    return a.customer_number or a.name or a.company or a.postal_code


def _too_long(a: Addressee, text: str) -> DomainError:
    part = text if len(text) <= 16 else text[:15] + "…"
    return DomainError(
        "address_too_long",
        field="address",
        who=_who(a),
        customer_number=a.customer_number,
        name=a.name or a.company,
        part=part,
    )


def _name_rows(a: Addressee) -> list[tuple[str, str]]:
    """(role, text) of the large block: the name with 様 and the joint names, or, for a
    company addressed as such, its department (else the company) with 御中."""
    if not a.name:
        return [("name", f"{a.department or a.company} 御中")]
    rows = [("name", f"{a.name} {a.honorific}")]
    rows += [("joint", f"{j} 様") for j in a.joint_names if j.strip()]
    return rows


def _top_rows(a: Addressee, address: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    rows = [(role, line, ADDRESS_PT) for role, line in address if line]
    if a.company and (a.name or a.department):
        rows.append(("company", a.company, ADDRESS_PT))
    if a.department and a.name:
        rows.append(("department", a.department, ADDRESS_PT))
    return rows


def _layout(
    a: Addressee,
    address: list[tuple[str, str]],
    box: tuple[float, float, float, float],
    postal: str,
    show_number: bool,
) -> tuple[list[Line], bool]:
    """The lines of one way of breaking the address, placed in ``box`` (x and y padding,
    width, height), and whether an address or building line had to shrink for its width."""
    px, py, w, h = box
    top = _top_rows(a, address)
    names = _name_rows(a)
    gap = 0.35 * NAME_PT if names else 0.0
    total = POSTAL_PT * LEAD + sum(s * LEAD for _, _, s in top) + len(names) * NAME_PT * LEAD
    scale = min(1.0, h / (total + gap))

    def fit(text: str, base: float) -> float:
        size = min(base * scale, w / max(text_width(text, 1.0), 1e-9))
        if size < MIN_PT:
            raise _too_long(a, text)
        return size

    lines: list[Line] = []
    squeezed = False
    y = py
    number = f"No.{a.customer_number}" if show_number and a.customer_number else ""
    p_size = POSTAL_PT * scale
    n_size = NUMBER_PT * scale if number else 0.0
    room = text_width(postal, p_size) + text_width(number, n_size) + (2 * MM if number else 0)
    if room > w:
        p_size, n_size = p_size * w / room, n_size * w / room
        if p_size < MIN_PT or (number and n_size < MIN_PT):
            raise _too_long(a, postal)
    row_h = POSTAL_PT * scale * LEAD
    lines.append(Line(postal, p_size, px, _baseline(y, row_h, p_size), "postal"))
    if number:
        nx = px + w - text_width(number, n_size)
        lines.append(Line(number, n_size, nx, _baseline(y, row_h, n_size), "number"))
    y += row_h
    for role, text, base in top:
        size = fit(text, base)
        squeezed = squeezed or (size < base * scale and role in ("address", "building"))
        row_h = base * scale * LEAD
        lines.append(Line(text, size, px, _baseline(y, row_h, size), role))
        y += row_h
    if not names:
        return lines, squeezed
    sizes = [fit(text, NAME_PT) for _, text in names]
    size = min(sizes)
    block = len(names) * NAME_PT * scale * LEAD
    # The name block sits centred in whatever height the top block left over.
    y += gap * scale + max(0.0, (h + py - y - gap * scale - block) / 2)
    family = _SPACE.split(a.name.strip(), maxsplit=1)
    indent = text_width(family[0] + " ", size) if len(family) == 2 else 0.0
    offsets = [0.0] * len(names)
    for i, (role, text) in enumerate(names):
        if role == "joint" and len(_SPACE.split(text.strip())) == 2:  # "花子 様": given name
            offsets[i] = indent
    widest = max(off + text_width(t, size) for off, (_, t) in zip(offsets, names, strict=True))
    if widest > w:  # the indent made a joint line too wide: drop the alignment
        offsets = [0.0] * len(names)
        widest = max(text_width(t, size) for _, t in names)
    left = px + (w - widest) / 2
    row_h = NAME_PT * scale * LEAD
    for off, (role, text) in zip(offsets, names, strict=True):
        lines.append(Line(text, size, left + off, _baseline(y, row_h, size), role))
        y += row_h
    return lines, squeezed


def _baseline(top: float, row_h: float, size: float) -> float:
    """Baseline (down from the label top) that centres the glyph box in its row."""
    return top + (row_h - size) / 2 + (1 - DESCENT) * size


def _address_size(lines: list[Line]) -> float:
    sizes = (line.size for line in lines if line.role in ("address", "building"))
    return min(sizes, default=0.0)


def fit_label(
    a: Addressee, w_pt: float, h_pt: float, radius_pt: float = 0.0, *, show_number: bool = False
) -> list[Line]:
    """Lines for one label of ``w_pt`` x ``h_pt``; coordinates include the padding.

    The address goes on one line unless two lines make it clearly larger; likewise a
    long building name breaks before its last word (the room number).

    Raises:
        DomainError: ``address_too_long`` naming the customer, when a line cannot fit
            even at the smallest size.
    """
    px, py = padding(w_pt, h_pt, radius_pt)
    box = (px, py, w_pt - 2 * px, h_pt - 2 * py)
    postal = "〒" + format_postal(a.postal_code)
    best: list[Line] | None = None
    best_squeezed = True
    error: DomainError | None = None
    for candidate in _candidates(a, a.building.strip()):
        try:
            lines, squeezed = _layout(a, candidate, box, postal, show_number)
        except DomainError as exc:
            error = exc
            continue
        # Another line must buy a clearly larger size to be worth it.
        if best is None or _address_size(lines) > _address_size(best) * 1.1:
            best, best_squeezed = lines, squeezed
        if not best_squeezed:
            # Every address line already has the size the height allows; the candidates
            # after it have more lines, so less height for each: none can beat it.
            break
    if best is None:
        assert error is not None
        raise error
    return best


def _candidates(a: Addressee, building: str) -> Iterator[list[tuple[str, str]]]:
    """The ways to break the address and building into lines, fewest lines first (built
    lazily: most labels take the first)."""
    lines_of_building = [[building]]
    if re.search(r"[ \u3000]", building):  # a long building name breaks before its room
        head, _, room = (
            building.rpartition(" ") if " " in building else building.rpartition("\u3000")
        )
        lines_of_building.append([head, room])
    for rows in lines_of_building:
        yield [("address", a.address)] + [("building", t) for t in rows]
    two = split_address((a.prefecture + a.city, a.town, a.street), lambda s: text_width(s, 1.0))
    for rows in lines_of_building:
        yield [("address", t) for t in two] + [("building", t) for t in rows]
