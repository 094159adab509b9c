"""Inquiry categories: the owner's list an inquiry is filed under.

Added, renamed, retired and reordered by the owner (permission ``settings``); a name is
unique under normalisation (any width or kana form). Retiring keeps the category on the
inquiries that have it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.core import ordering, validate
from crmdesk.core.errors import DomainError, NotFoundError, ValidationError
from crmdesk.core.normalize import normalize_text
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import InquiryCategory

DEFAULT_CATEGORIES = ("商品について", "予約", "修理", "在庫・取り寄せ", "クレーム", "その他")


def list_categories(session: Session, *, include_inactive: bool = False) -> list[InquiryCategory]:
    query = select(InquiryCategory).where(~InquiryCategory.deleted)
    if not include_inactive:
        query = query.where(InquiryCategory.active)
    return list(session.scalars(query.order_by(InquiryCategory.sort_order, InquiryCategory.name)))


def find_category(session: Session, ref: str) -> InquiryCategory:
    """A category by id or by name (any width/kana form)."""
    ref = ref.strip()
    found = session.get(InquiryCategory, ref)
    if found is None:
        wanted = normalize_text(ref)
        found = next(
            (
                c
                for c in list_categories(session, include_inactive=True)
                if normalize_text(c.name) == wanted
            ),
            None,
        )
    if found is None or found.deleted:
        raise NotFoundError("category_not_found", field="category", ref=ref)
    return found


def add_category(session: Session, name: str, *, actor: Actor = CLI_ACTOR) -> InquiryCategory:
    """Add a category (owner only)."""
    actor.require("settings")
    name = validate.clean_required(name, "category", max_length=60)
    try:
        find_category(session, name)
    except NotFoundError:
        pass
    else:
        raise ValidationError([DomainError("duplicate_category", field="category", ref=name)])
    last = max((c.sort_order for c in list_categories(session, include_inactive=True)), default=0)
    category = InquiryCategory(name=name, sort_order=last + 10, active=True)
    session.add(category)
    session.flush()
    return category


def rename_category(
    session: Session, category_id: str, name: str, *, actor: Actor = CLI_ACTOR
) -> InquiryCategory:
    actor.require("settings")
    category = find_category(session, category_id)
    name = validate.clean_required(name, "category", max_length=60)
    wanted = normalize_text(name)
    for other in list_categories(session, include_inactive=True):
        if other.id != category.id and normalize_text(other.name) == wanted:
            raise ValidationError([DomainError("duplicate_category", field="category", ref=name)])
    category.name = name
    session.flush()
    return category


def set_category_active(
    session: Session, category_id: str, active: bool, *, actor: Actor = CLI_ACTOR
) -> InquiryCategory:
    """Retire (or bring back) a category; inquiries keep the one they had."""
    actor.require("settings")
    category = find_category(session, category_id)
    category.active = active
    session.flush()
    return category


def move_category(
    session: Session, category_id: str, offset: int, *, actor: Actor = CLI_ACTOR
) -> InquiryCategory:
    """Move a category ``offset`` places up (negative) or down the list (owner only).

    The list (retired categories included) is renumbered 10, 20, 30...; moving past
    either end stops there.
    """
    actor.require("settings")
    category = find_category(session, category_id)
    ordered = list_categories(session, include_inactive=True)
    ordering.move(ordered, category, offset)
    session.flush()
    return category


def ensure_default_categories(session: Session) -> None:
    """The starting list, added once when the shop has none."""
    if session.scalar(select(InquiryCategory.id).limit(1)) is not None:
        return
    for i, name in enumerate(DEFAULT_CATEGORIES):
        session.add(InquiryCategory(name=name, sort_order=(i + 1) * 10, active=True))
    session.flush()
