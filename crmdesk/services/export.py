"""Exports: customers, a segment's members, purchases, inquiries; CSV or xlsx.

An export needs the ``export`` permission; for a role without ``view_full`` the phone
numbers and birthdays in it are partly hidden, as on screen.

CSV is written as UTF-8 with a BOM (Excel opens it as Unicode) or as cp932 for older
tools; a character cp932 cannot hold is a clear error naming its row and column, and
no file is left behind. Every export goes to the audit log: who, when, what, how many
rows, the format; never the data itself. Customer headers are the Japanese ones the
importer reads back, so an export can be imported into another file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core.clock import to_local
from crmdesk.core.custom_fields import display_value
from crmdesk.core.errors import DomainError
from crmdesk.core.files import FORMULA_STARTS, atomic_path, check_output, neutralize
from crmdesk.services import audit
from crmdesk.services.custom_fields import list_fields, stored_values
from crmdesk.services.privacy import can_view_full, mask_value
from crmdesk.services.segments import segment_member_ids
from crmdesk.services.staff import Actor
from crmdesk.store.models import (
    Channel,
    Customer,
    CustomerTag,
    Inquiry,
    InquiryCategory,
    PointCard,
    PointEntry,
    Purchase,
    PurchaseVoid,
    Tag,
)

KINDS = ("customers", "segment", "purchases", "inquiries")
FORMATS = ("csv", "xlsx")
ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-8": "utf-8-sig", "utf8": "utf-8-sig",
             "cp932": "cp932", "shift-jis": "cp932", "sjis": "cp932", "ms932": "cp932"}  # fmt: skip

CUSTOMER_COLUMNS: list[tuple[str, str]] = [
    ("customer_number", "顧客番号"), ("family_name", "姓"), ("given_name", "名"),
    ("family_kana", "セイ"), ("given_kana", "メイ"), ("gender", "性別"),
    ("birthday", "生年月日"), ("postal_code", "郵便番号"), ("prefecture", "都道府県"),
    ("city", "市区町村"), ("town", "町域"), ("street", "番地"), ("building", "建物名"),
    ("phone1", "電話"), ("phone2", "携帯"), ("email", "メール"), ("company", "会社名"),
    ("department", "部署"), ("dm_consent", "DM"), ("email_consent", "メール可"),
    ("first_visit", "初回来店日"), ("notes", "備考"), ("joint_names", "連名"),
    ("mourning_until", "喪中期限"),
]  # fmt: skip


@dataclass(frozen=True)
class ExportResult:
    path: str
    kind: str
    format: str
    encoding: str
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {"ok": True, **self.__dict__}


def export(
    session: Session,
    actor: Actor,
    kind: str,
    path: str | Path,
    *,
    fmt: str | None = None,
    encoding: str = "utf-8-sig",
    segment: str | None = None,
) -> ExportResult:
    """Write one export and audit it, in the caller's transaction."""
    actor.require("export")
    if kind not in KINDS:
        raise DomainError("unknown_export", field="kind")
    path = check_output(path, database=database_path(session))
    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if fmt not in FORMATS:
        raise DomainError("unknown_format", field="format")
    codec = ENCODINGS.get(encoding.strip().lower().replace("_", "-"))
    if codec is None:
        raise DomainError("unknown_encoding", field="encoding", encoding=encoding)
    rows: Iterable[list[Any]]
    if kind == "customers":
        headers, rows = customer_rows(session, actor=actor)
    elif kind == "segment":
        ids = _segment_ids(session, segment or "")
        headers, rows = customer_rows(session, ids, actor=actor)
    elif kind == "purchases":
        headers, rows = purchase_rows(session)
    else:
        headers, rows = inquiry_rows(session)
    if fmt == "xlsx":
        count = _write_xlsx(path, headers, rows)
        codec = ""
    else:
        count = _write_csv(path, headers, rows, codec)
    audit.record(
        session,
        "export",
        entity=kind,
        row_count=count,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        format=fmt,
        encoding=codec,
        segment=segment if kind == "segment" else None,
        masked=actor is not None
        and not actor.can("view_full")
        and kind in ("customers", "segment"),
    )
    return ExportResult(str(path), kind, fmt, codec, count)


def _segment_ids(session: Session, name: str) -> list[str]:
    return segment_member_ids(session, name)


#: Customers written per batch: their cards, tags and custom fields are read for the
#: batch (an IN list SQLite accepts on every build), so the export holds one batch at a time.
BATCH = 500


def customer_rows(
    session: Session, ids: Sequence[str] | None = None, *, actor: Actor | None = None
) -> tuple[list[str], Iterator[list[Any]]]:
    """The customers (``ids``: only those), by customer number, as the rows of the file."""
    defined = list_fields(session)
    # The owner's custom fields follow, headed with their names (the importer maps them back).
    headers = [label for _, label in CUSTOMER_COLUMNS]
    headers += ["カード番号", "ポイント", "流入経路", "タグ"]
    headers += [f.name for f in defined]
    return headers, _customer_rows(session, ids, actor, defined)


def _customer_rows(
    session: Session, ids: Sequence[str] | None, actor: Actor | None, defined: list[Any]
) -> Iterator[list[Any]]:
    hide = actor is not None and not can_view_full(actor)
    wanted = set(ids) if ids is not None else None
    channel_names = dict(session.execute(select(Channel.id, Channel.name)).all())
    balance = (
        select(PointEntry.customer_id, func.sum(PointEntry.points).label("points"))
        .group_by(PointEntry.customer_id)
        .subquery()
    )
    # Columns, not Customer objects: at 100,000 customers loading each one (and its tags
    # and cards, which the model loads with it) was 12 of the export's 15 seconds. A
    # segment's members are picked from the list as it goes by (its ids in one IN list
    # passed SQLite's limit of variables on some builds).
    columns = [getattr(Customer, name) for name, _ in CUSTOMER_COLUMNS]
    query = (
        select(Customer.id, Customer.channel_id, balance.c.points, *columns)
        .outerjoin(balance, balance.c.customer_id == Customer.id)
        .where(~Customer.deleted)
        .order_by(Customer.customer_number)
    )
    names = [name for name, _ in CUSTOMER_COLUMNS]
    found = session.execute(query.execution_options(yield_per=BATCH))
    for batch in found.partitions():
        if wanted is not None:
            batch = [row for row in batch if row[0] in wanted]
        if not batch:
            continue
        batch_ids = [row[0] for row in batch]
        cards, tags = _cards_and_tags(session, batch_ids)
        values = stored_values(session, batch_ids) if defined else {}
        for customer_id, channel_id, points, *cells in batch:
            row = [_cell(value) for value in cells]
            if hide:
                assert actor is not None
                row = [mask_value(name, v, actor) for name, v in zip(names, row, strict=True)]
            channel = channel_names.get(channel_id, "") if channel_id else ""
            labels = ", ".join(tags.get(customer_id, ()))
            row += [cards.get(customer_id, ""), points or 0, channel, labels]
            mine = values.get(customer_id, {})
            row += [display_value(f, mine.get(f.id, "")) for f in defined]
            yield row


def _cards_and_tags(
    session: Session, ids: list[str]
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each customer's active card (the latest issued) and tag names, for ``ids``."""
    cards: dict[str, str] = dict(
        session.execute(
            select(PointCard.customer_id, PointCard.card_number)
            .where(PointCard.status == "active", PointCard.customer_id.in_(ids))
            .order_by(PointCard.issued_at)
        ).all()
    )
    tags: dict[str, list[str]] = {}
    for customer_id, name in session.execute(
        select(CustomerTag.customer_id, Tag.name)
        .join(Tag, Tag.id == CustomerTag.tag_id)
        .where(CustomerTag.customer_id.in_(ids))
        .order_by(Tag.name)
    ):
        tags.setdefault(customer_id, []).append(name)
    return cards, tags


def purchase_rows(session: Session) -> tuple[list[str], Iterator[list[Any]]]:
    """Every purchase, oldest first, read as it is written: 500,000 of them as Purchase
    objects in a list took 15 s and 1.2 GB at 100,000 customers."""
    headers = ["日時", "顧客番号", "カード番号", "金額", "取消", "品目"]
    query = (
        select(Purchase.purchased_at, Customer.customer_number, PointCard.card_number,
               Purchase.amount, PurchaseVoid.id, Purchase.items)
        .outerjoin(Customer, Customer.id == Purchase.customer_id)
        .outerjoin(PointCard, PointCard.id == Purchase.card_id)
        .outerjoin(PurchaseVoid, PurchaseVoid.purchase_id == Purchase.id)
        .order_by(Purchase.purchased_at, Purchase.id)
    )  # fmt: skip
    found = session.execute(query.execution_options(yield_per=5000))
    rows = (
        [_cell(at), number or "", card or "", amount, "取消" if void else "", items]
        for at, number, card, amount, void, items in found
    )
    return headers, rows


def inquiry_rows(session: Session) -> tuple[list[str], list[list[Any]]]:
    headers = ["受付日時", "顧客番号", "経路", "分類", "件名", "内容", "状態", "優先度",
               "対応予定日", "完了日時"]  # fmt: skip
    query = (
        select(Inquiry, Customer.customer_number, InquiryCategory.name)
        .outerjoin(Customer, Customer.id == Inquiry.customer_id)
        .outerjoin(InquiryCategory, InquiryCategory.id == Inquiry.category_id)
        .where(~Inquiry.deleted)
        .order_by(Inquiry.received_at, Inquiry.id)
    )
    rows = [
        [
            _cell(i.received_at),
            number or "",
            i.channel,
            category or "",
            i.subject,
            i.body,
            i.status,
            i.priority,
            _cell(i.follow_up_on),
            _cell(i.closed_at),
        ]  # fmt: skip
        for i, number, category in session.execute(query)
    ]
    return headers, rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, datetime):
        return to_local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_csv(path: Path, headers: list[str], rows: Iterable[list[Any]], codec: str) -> int:
    """Rows to ``path`` as they come (the file appears whole, or not at all); their count."""
    count = 0
    with atomic_path(path) as temp, temp.open("w", encoding=codec, newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        for count, row in enumerate(rows, start=1):
            if codec == "cp932":
                _check_cp932(count + 1, headers, row)
            writer.writerow([neutralize(value) for value in row])
    return count


def _check_cp932(number: int, headers: list[str], row: list[Any]) -> None:
    for header, value in zip(headers, row, strict=True):
        if isinstance(value, str):
            try:
                value.encode("cp932")
            except UnicodeEncodeError as error:
                char = value[error.start : error.end]
                raise DomainError("not_in_cp932", field=header, row=number, char=char) from None


def _write_xlsx(path: Path, headers: list[str], rows: Iterable[list[Any]]) -> int:
    from openpyxl import Workbook  # deferred: heavy, and only for .xlsx exports

    book = Workbook(write_only=True)
    sheet = book.create_sheet("crmdesk")
    sheet.append(headers)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    with atomic_path(path) as temp:
        book.save(temp)
    return count


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """Text that looks like a formula stays text: a string cell, marked as quoted."""
    if not (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
        return value
    from openpyxl.cell import WriteOnlyCell  # deferred: as in _write_xlsx, its caller

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would otherwise write "=..." as a live formula
    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def database_path(session: Session) -> Path | None:
    """The file the session's database lives in (None for a hub URL)."""
    db = session.info.get("db")
    return getattr(db, "path", None)
