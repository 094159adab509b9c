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
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from crmdesk.core.clock import to_local
from crmdesk.core.custom_fields import display_value
from crmdesk.core.errors import DomainError
from crmdesk.core.files import FORMULA_STARTS, check_output, neutralize, write_atomic
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
        _write_xlsx(path, headers, rows)
        codec = ""
    else:
        _write_csv(path, headers, rows, codec)
    audit.record(
        session,
        "export",
        entity=kind,
        row_count=len(rows),
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        format=fmt,
        encoding=codec,
        segment=segment if kind == "segment" else None,
        masked=actor is not None
        and not actor.can("view_full")
        and kind in ("customers", "segment"),
    )
    return ExportResult(str(path), kind, fmt, codec, len(rows))


def _segment_ids(session: Session, name: str) -> list[str]:
    return segment_member_ids(session, name)


def customer_rows(
    session: Session, ids: Sequence[str] | None = None, *, actor: Actor | None = None
) -> tuple[list[str], list[list[Any]]]:
    hide = actor is not None and not can_view_full(actor)
    defined = list_fields(session)
    # The owner's custom fields follow, headed with their names (the importer maps them back).
    headers = [label for _, label in CUSTOMER_COLUMNS]
    headers += ["カード番号", "ポイント", "流入経路", "タグ"]
    headers += [f.name for f in defined]
    channel_names = dict(session.execute(select(Channel.id, Channel.name)).all())
    balance = (
        select(PointEntry.customer_id, func.sum(PointEntry.points).label("points"))
        .group_by(PointEntry.customer_id)
        .subquery()
    )
    # Columns, not Customer objects: at 100,000 customers loading each one (and its tags
    # and cards, which the model loads with it) was 12 of the export's 15 seconds.
    columns = [getattr(Customer, name) for name, _ in CUSTOMER_COLUMNS]
    query = (
        select(Customer.id, Customer.channel_id, balance.c.points, *columns)
        .outerjoin(balance, balance.c.customer_id == Customer.id)
        .where(~Customer.deleted)
        .order_by(Customer.customer_number)
    )
    if ids is not None:
        query = query.where(Customer.id.in_(list(ids)))
    cards: dict[str, str] = dict(
        session.execute(
            select(PointCard.customer_id, PointCard.card_number)
            .where(PointCard.status == "active")
            .order_by(PointCard.issued_at)
        ).all()
    )
    tags: dict[str, list[str]] = {}
    for customer_id, name in session.execute(
        select(CustomerTag.customer_id, Tag.name)
        .join(Tag, Tag.id == CustomerTag.tag_id)
        .order_by(Tag.name)
    ):
        tags.setdefault(customer_id, []).append(name)
    names = [name for name, _ in CUSTOMER_COLUMNS]
    rows = []
    order: list[str] = []
    for customer_id, channel_id, points, *values in session.execute(
        query.execution_options(yield_per=2000)
    ):
        row = [_cell(value) for value in values]
        if hide:
            assert actor is not None
            row = [mask_value(name, v, actor) for name, v in zip(names, row, strict=True)]
        channel = channel_names.get(channel_id, "") if channel_id else ""
        labels = ", ".join(tags.get(customer_id, ()))
        rows.append([*row, cards.get(customer_id, ""), points or 0, channel, labels])
        order.append(customer_id)
    if defined:
        values_of = stored_values(session, order)
        for row, customer_id in zip(rows, order, strict=True):
            mine = values_of.get(customer_id, {})
            row += [display_value(f, mine.get(f.id, "")) for f in defined]
    return headers, rows


def purchase_rows(session: Session) -> tuple[list[str], list[list[Any]]]:
    headers = ["日時", "顧客番号", "カード番号", "金額", "取消", "品目"]
    query = (
        select(Purchase, Customer.customer_number, PointCard.card_number, PurchaseVoid.id)
        .outerjoin(Customer, Customer.id == Purchase.customer_id)
        .outerjoin(PointCard, PointCard.id == Purchase.card_id)
        .outerjoin(PurchaseVoid, PurchaseVoid.purchase_id == Purchase.id)
        .order_by(Purchase.purchased_at, Purchase.id)
    )
    rows = [
        [_cell(p.purchased_at), number or "", card or "", p.amount, "取消" if void else "", p.items]
        for p, number, card, void in session.execute(query)
    ]
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


def _write_csv(path: Path, headers: list[str], rows: Iterable[list[Any]], codec: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for number, row in enumerate(rows, start=2):
        if codec == "cp932":
            _check_cp932(number, headers, row)
        writer.writerow([neutralize(value) for value in row])
    write_atomic(path, buffer.getvalue().encode(codec))


def _check_cp932(number: int, headers: list[str], row: list[Any]) -> None:
    for header, value in zip(headers, row, strict=True):
        if isinstance(value, str):
            try:
                value.encode("cp932")
            except UnicodeEncodeError as error:
                char = value[error.start : error.end]
                raise DomainError("not_in_cp932", field=header, row=number, char=char) from None


def _write_xlsx(path: Path, headers: list[str], rows: Iterable[list[Any]]) -> None:
    from openpyxl import Workbook  # deferred: heavy, and only for .xlsx exports

    book = Workbook(write_only=True)
    sheet = book.create_sheet("crmdesk")
    sheet.append(headers)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())


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
