"""The owner's list of inquiry categories: rename and reorder."""

from __future__ import annotations

import pytest

from crmdesk.core.errors import DomainError
from crmdesk.services import inquiry_categories
from crmdesk.services.staff import Actor


def _names(session) -> list[str]:
    return [c.name for c in inquiry_categories.list_categories(session, include_inactive=True)]


def test_reorder_moves_one_place_and_stops_at_the_ends(session) -> None:
    inquiry_categories.ensure_default_categories(session)
    start = _names(session)
    last = inquiry_categories.find_category(session, start[-1])
    inquiry_categories.move_category(session, last.id, -1)
    assert _names(session) == [*start[:-2], start[-1], start[-2]]
    inquiry_categories.move_category(session, last.id, -99)
    assert _names(session)[0] == start[-1]
    inquiry_categories.move_category(session, last.id, -1)  # already first: stays
    assert _names(session)[0] == start[-1]
    retired = inquiry_categories.find_category(session, start[0])
    inquiry_categories.set_category_active(session, retired.id, False)
    inquiry_categories.move_category(session, retired.id, 99)  # retired ones keep a place too
    assert _names(session)[-1] == start[0]
    with pytest.raises(DomainError) as caught:
        inquiry_categories.move_category(session, last.id, 1, actor=Actor("x", "店員", "staff"))
    assert (caught.value.code, caught.value.field) == ("permission_denied", "settings")


def test_rename_refuses_a_name_in_use_in_any_width(session) -> None:
    inquiry_categories.ensure_default_categories(session)
    repair = inquiry_categories.find_category(session, "修理")
    with pytest.raises(DomainError) as caught:
        inquiry_categories.rename_category(session, repair.id, " ｸﾚｰﾑ ")
    assert (caught.value.errors[0].code, caught.value.errors[0].field) == (
        "duplicate_category",
        "category",
    )
    inquiry_categories.rename_category(session, repair.id, "修理（時計）")
    assert "修理（時計）" in _names(session) and "修理" not in _names(session)
    inquiry_categories.rename_category(session, repair.id, "修理（時計）")  # its own name: fine
