"""The one schema module: every table crmdesk keeps.

Rows that sync carry ``id`` (UUIDv7 text), ``hlc`` (hybrid logical clock of their last
change), ``origin`` (the node that made it) and ``deleted`` (a tombstone). The ledgers
(``purchase``, ``purchase_void``, ``point_entry``, ``inquiry_note``) are insert-only, without
the created_at/updated_at of :class:`Edited` rows; the migration adds triggers that refuse
UPDATE and DELETE on them (see :mod:`crmdesk.store.ledger`).

The schema is created only by Alembic migrations (crmdesk/store/migrations); these
models describe it, and a test checks that the two agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Computed,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from crmdesk.core.ids import new_id
from crmdesk.core.names import person_name
from crmdesk.store.types import IdColumnType, UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: Column info for values derived per file (search keys, FTS rowids): sync neither captures
#: nor sends them, it recomputes them after applying a change (crmdesk.store.synced).
LOCAL = {"sync": "local"}


#: A row's origin from its hlc ("<ms>-<counter>-<node>"): the node, or '' without a stamp.
ORIGIN_SQL = "substr(hlc, 18 + instr(substr(hlc, 18), '-'))"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Columns every synced row has, the ledgers' rows too."""

    id: Mapped[str] = mapped_column(IdColumnType(), primary_key=True, default=new_id)
    hlc: Mapped[str] = mapped_column(String(64), default="", server_default="")
    #: The node of ``hlc`` (revision 0020: computed when read, not stored; as upload.py
    #: reads it, whatever the counter's width).
    origin: Mapped[str] = mapped_column(String(64), Computed(ORIGIN_SQL, persisted=False))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class Edited(Synced):
    """A synced row people change: when it was made and last changed.

    The ledgers have no such columns (revision 0019): their rows are never changed, and
    each has its own time (purchased_at, occurred_at, voided_at, noted_at).
    """

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now())


class Branch(Edited, Base):
    __tablename__ = "branch"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    postal_code: Mapped[str] = mapped_column(String(7), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")


class Staff(Edited, Base):
    __tablename__ = "staff"

    branch_id: Mapped[str | None] = mapped_column(ForeignKey("branch.id"))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16), default="staff")  # owner | staff | a StaffRole
    pin_hash: Mapped[str] = mapped_column(String(200), default="")  # scrypt, never the PIN
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    card_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")


class StaffRole(Edited, Base):
    """A role the owner defined: a name and the permissions it grants (a JSON list)."""

    __tablename__ = "staff_role"

    name: Mapped[str] = mapped_column(String(16), unique=True)
    permissions: Mapped[str] = mapped_column(Text, default="[]")


class PinAttempt(Base):
    """Wrong PIN tries on this computer, for the back-off. Local: never synced."""

    __tablename__ = "pin_attempt"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)  # a staff id or "card"
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Channel(Edited, Base):
    """An acquisition channel (流入経路) from the owner's list: 紹介, チラシ, Web...

    The id is derived from the name it was created with (:func:`crmdesk.core.channels
    .channel_id`), so two branches that start the list, or add one channel, offline end
    with one row. A retired channel (``active`` false) stays on the customers who have it.
    """

    __tablename__ = "channel"

    name: Mapped[str] = mapped_column(String(40), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChannelSpend(Edited, Base):
    """What the shop spent on one channel in one month (integer yen).

    The id is derived from (channel, month), so the same month entered on two branches
    is one row whose amount merges like any other edit.
    """

    __tablename__ = "channel_spend"
    __table_args__ = (UniqueConstraint("channel_id", "month"),)

    # no index of its own: the unique (channel_id, month) index serves it (revision 0017)
    channel_id: Mapped[str] = mapped_column(ForeignKey("channel.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM, local
    yen: Mapped[int] = mapped_column(Integer, default=0)


_LIVE = text("deleted = 0")  # a partial index of the customers not deleted


class Customer(Edited, Base):
    __tablename__ = "customer"

    customer_number: Mapped[str] = mapped_column(String(20), unique=True)
    family_name: Mapped[str] = mapped_column(String(60), default="")
    given_name: Mapped[str] = mapped_column(String(60), default="")
    family_kana: Mapped[str] = mapped_column(String(60), default="")
    given_kana: Mapped[str] = mapped_column(String(60), default="")
    gender: Mapped[str] = mapped_column(String(10), default="")  # female | male | other | ""
    birthday: Mapped[date | None] = mapped_column(Date)
    postal_code: Mapped[str] = mapped_column(String(7), default="")
    prefecture: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(60), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    street: Mapped[str] = mapped_column(String(100), default="")
    building: Mapped[str] = mapped_column(String(100), default="")
    phone1: Mapped[str] = mapped_column(String(24), default="")
    phone2: Mapped[str] = mapped_column(String(24), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    company: Mapped[str] = mapped_column(String(100), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    joint_names: Mapped[str] = mapped_column(String(200), default="")  # 連名, one per line
    dm_consent: Mapped[bool] = mapped_column(Boolean, default=True)
    email_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    mourning_until: Mapped[date | None] = mapped_column(Date)  # 喪中: no greetings until
    notes: Mapped[str] = mapped_column(Text, default="")
    first_visit: Mapped[date | None] = mapped_column(Date)
    home_branch_id: Mapped[str | None] = mapped_column(ForeignKey("branch.id"))
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    merged_into_id: Mapped[str | None] = mapped_column(IdColumnType())
    # 流入経路 and 紹介者 (services/channels.py): where she came from, and who sent her.
    channel_id: Mapped[str | None] = mapped_column(ForeignKey("channel.id"), index=True)
    referred_by_id: Mapped[str | None] = mapped_column(ForeignKey("customer.id"), index=True)

    # Derived search keys, written by services.customers from the fields above.
    # search_rowid is the FTS5 rowid; an explicit column because VACUUM may renumber
    # the implicit rowid of a table whose primary key is text.
    search_rowid: Mapped[int | None] = mapped_column(Integer, unique=True, info=LOCAL)
    search_text: Mapped[str] = mapped_column(Text, default="", info=LOCAL)
    name_key: Mapped[str] = mapped_column(String(120), default="", info=LOCAL)
    given_key: Mapped[str] = mapped_column(String(60), default="", info=LOCAL)
    kana_key: Mapped[str] = mapped_column(String(120), default="", info=LOCAL)
    given_kana_key: Mapped[str] = mapped_column(String(60), default="", info=LOCAL)
    phone1_digits: Mapped[str] = mapped_column(String(20), default="", info=LOCAL)
    phone2_digits: Mapped[str] = mapped_column(String(20), default="", info=LOCAL)
    email_key: Mapped[str] = mapped_column(String(254), default="", info=LOCAL)
    # the company, normalised: with name_key, what customer_name_fts indexes (0015)
    company_key: Mapped[str] = mapped_column(String(100), default="", server_default="", info=LOCAL)

    tags: Mapped[list[Tag]] = relationship(secondary="customer_tag", lazy="selectin")
    cards: Mapped[list[PointCard]] = relationship(
        back_populates="customer", order_by="PointCard.issued_at", lazy="selectin"
    )

    __table_args__ = (
        # name_key and kana_key alone: the composite indexes below start with them (0018)
        Index("ix_customer_given_key", "given_key"),
        Index("ix_customer_given_kana_key", "given_kana_key"),
        Index("ix_customer_phone1_digits", "phone1_digits"),
        Index("ix_customer_phone2_digits", "phone2_digits"),
        Index("ix_customer_email_key", "email_key"),
        Index("ix_customer_postal_code", "postal_code"),
        Index("ix_customer_phone1_tail", text("substr(phone1_digits, -4)")),
        Index("ix_customer_phone2_tail", text("substr(phone2_digits, -4)")),
        # 山田 おさむ / やまだ 修: the family half as written or read, the other half
        # checked in the index (crmdesk.services.search_plan, revision 0015).
        Index("ix_customer_name_given_kana", "name_key", "given_kana_key"),
        Index("ix_customer_kana_given", "kana_key", "given_key"),
        # Two-character place names (練馬, 渋谷, 横浜; 港北 of 横浜市港北区): live customers
        # only (a deleted one keeps the address but not the search keys; revision 0016).
        Index("ix_customer_prefecture", "prefecture", sqlite_where=_LIVE),
        Index("ix_customer_city", "city", sqlite_where=_LIVE),
        Index("ix_customer_ward", text("substr(city, instr(city, '市') + 1)"), sqlite_where=_LIVE),
        Index("ix_customer_town", "town", sqlite_where=_LIVE),
        # The list's order (crmdesk.services.customer_list "kana"): its first page is a
        # seek, not a sort of every customer (revision 0018).
        Index("ix_customer_kana_list", "kana_key", "customer_number", sqlite_where=_LIVE),
    )

    @property
    def name(self) -> str:
        return person_name(self.family_name, self.given_name)

    @property
    def kana(self) -> str:
        return person_name(self.family_kana, self.given_kana)


class Tag(Edited, Base):
    __tablename__ = "tag"

    name: Mapped[str] = mapped_column(String(40), unique=True)


class CustomerTag(Base):
    __tablename__ = "customer_tag"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), primary_key=True)
    tag_id: Mapped[str] = mapped_column(ForeignKey("tag.id"), primary_key=True, index=True)
    hlc: Mapped[str] = mapped_column(String(64), default="", server_default="")


class CustomField(Edited, Base):
    """A field the owner added to every card (text, number, date, choice, yes/no).

    The id is derived from the name (:func:`crmdesk.core.custom_fields.field_id`), so two
    branches that define the same field offline end with one row.
    """

    __tablename__ = "custom_field"

    name: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # text | number | date | choice | yesno
    choices: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, for choice
    position: Mapped[int] = mapped_column(Integer, default=0)


class CustomerFieldValue(Edited, Base):
    """One customer's value of one custom field, as canonical text ("" = not set).

    The id is derived from (customer, field), so an edit on two branches merges per
    column like any other edit instead of making two rows.
    """

    __tablename__ = "customer_field_value"
    __table_args__ = (UniqueConstraint("customer_id", "field_id"),)

    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"))  # the unique index
    field_id: Mapped[str] = mapped_column(ForeignKey("custom_field.id"), index=True)
    value: Mapped[str] = mapped_column(Text, default="")


class PointCard(Edited, Base):
    __tablename__ = "point_card"

    card_number: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="active")  # active|lost|retired
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), server_default=func.now())
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replaced_by_id: Mapped[str | None] = mapped_column(IdColumnType())

    customer: Mapped[Customer] = relationship(back_populates="cards")


class Purchase(Synced, Base):
    """A sale at the counter. Insert-only; a void is a :class:`PurchaseVoid` row."""

    __tablename__ = "purchase"

    # customer look-ups are served by ix_purchase_customer_time (revision 0017)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customer.id"))
    card_id: Mapped[str | None] = mapped_column(ForeignKey("point_card.id"))
    branch_id: Mapped[str | None] = mapped_column(ForeignKey("branch.id"))
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    amount: Mapped[int] = mapped_column(Integer)  # yen, tax included
    items: Mapped[str] = mapped_column(Text, default="")  # JSON list, free form
    purchased_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)

    __table_args__ = (Index("ix_purchase_customer_time", "customer_id", "purchased_at"),)


class PurchaseVoid(Synced, Base):
    __tablename__ = "purchase_void"

    purchase_id: Mapped[str] = mapped_column(ForeignKey("purchase.id"), unique=True)
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    voided_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PointEntry(Synced, Base):
    """The point ledger. Balance = sum(points). Insert-only."""

    __tablename__ = "point_entry"

    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"))
    card_id: Mapped[str | None] = mapped_column(ForeignKey("point_card.id"))
    # earn | redeem | expire | bonus | adjust | transfer
    kind: Mapped[str] = mapped_column(String(10))
    points: Mapped[int] = mapped_column(Integer)
    purchase_id: Mapped[str | None] = mapped_column(ForeignKey("purchase.id"), index=True)
    related_entry_id: Mapped[str | None] = mapped_column(IdColumnType())
    expires_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_point_entry_customer_time", "customer_id", "occurred_at"),)


class InquiryCategory(Edited, Base):
    __tablename__ = "inquiry_category"

    name: Mapped[str] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Inquiry(Edited, Base):
    __tablename__ = "inquiry"

    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    channel: Mapped[str] = mapped_column(String(12), default="phone")
    category_id: Mapped[str | None] = mapped_column(ForeignKey("inquiry_category.id"))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")
    priority: Mapped[str] = mapped_column(String(8), default="normal")  # low|normal|high
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    follow_up_on: Mapped[date | None] = mapped_column(Date, index=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customer.id"), index=True)
    caller_name: Mapped[str] = mapped_column(String(100), default="")
    caller_phone: Mapped[str] = mapped_column(String(24), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    branch_id: Mapped[str | None] = mapped_column(ForeignKey("branch.id"))
    # The FTS5 rowid of inquiry_fts (revision 0005_inquiry_search); explicit for the same
    # reason as customer.search_rowid: VACUUM may renumber implicit rowids.
    search_rowid: Mapped[int | None] = mapped_column(Integer, info=LOCAL)
    search_text: Mapped[str] = mapped_column(Text, default="", info=LOCAL)

    __table_args__ = (
        Index("ix_inquiry_search_rowid", "search_rowid", unique=True),
        Index("ix_inquiry_status_follow_up", "status", "follow_up_on"),
    )


class InquiryNote(Synced, Base):
    """A response note on an inquiry. Insert-only (erasure may blank the body)."""

    __tablename__ = "inquiry_note"

    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiry.id"), index=True)
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    body: Mapped[str] = mapped_column(Text)
    noted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    erased: Mapped[bool] = mapped_column(Boolean, default=False)


class Segment(Edited, Base):
    __tablename__ = "segment"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    definition: Mapped[str] = mapped_column(Text, default="{}")  # JSON condition tree


class Campaign(Edited, Base):
    """A DM mailing with its frozen list of recipients."""

    __tablename__ = "campaign"

    name: Mapped[str] = mapped_column(String(100))
    segment_id: Mapped[str | None] = mapped_column(ForeignKey("segment.id"))
    kind: Mapped[str] = mapped_column(String(12), default="labels")  # labels | postcards
    layout_code: Mapped[str] = mapped_column(String(40), default="")
    options: Mapped[str] = mapped_column(Text, default="{}")  # JSON
    sent_on: Mapped[date] = mapped_column(Date)
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))


class CampaignRecipient(Edited, Base):
    __tablename__ = "campaign_recipient"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"))  # the unique index
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label_text: Mapped[str] = mapped_column(Text, default="")  # the address as printed

    __table_args__ = (UniqueConstraint("campaign_id", "customer_id"),)


class EmailDelivery(Edited, Base):
    """One message of an email campaign to one recipient, and what became of it.

    ``status``: pending -> sending -> sent | refused (the server said no, ``detail`` holds
    its code and words) | interrupted (the send stopped while this one was on its way:
    never sent again automatically, so nobody gets a message twice).
    """

    __tablename__ = "email_delivery"

    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaign.id"))  # the unique index
    customer_id: Mapped[str] = mapped_column(ForeignKey("customer.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    address: Mapped[str] = mapped_column(String(254), default="")  # blanked on erasure
    status: Mapped[str] = mapped_column(String(12), default="pending")
    detail: Mapped[str] = mapped_column(String(200), default="")
    message_id: Mapped[str] = mapped_column(String(200), default="")
    attempted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("campaign_id", "customer_id"),
        Index("ix_email_delivery_status", "campaign_id", "status"),
    )


class AuditLog(Base):
    """Who did what, when. Never holds names, phones or addresses: ids and counts only."""

    __tablename__ = "audit_log"

    id: Mapped[str] = mapped_column(IdColumnType(), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    staff_id: Mapped[str | None] = mapped_column(IdColumnType())
    actor: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str | None] = mapped_column(IdColumnType(), index=True)
    row_count: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON, no personal data


class MergeUndo(Base):
    """What a duplicate merge changed, to undo it (id = the merge's audit entry id).

    Holds the survivor's previous field values, so it is personal data: deleted when the
    merge is undone, never copied into the audit log.
    """

    __tablename__ = "merge_undo"

    id: Mapped[str] = mapped_column(IdColumnType(), primary_key=True)
    survivor_id: Mapped[str] = mapped_column(IdColumnType())
    other_id: Mapped[str] = mapped_column(IdColumnType())
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime())
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class CustomerOutlook(Base):
    """Each customer's precomputed outlook (``services/outlook.py``): a local cache,
    rebuilt from the purchases, never synced (every branch computes its own)."""

    __tablename__ = "customer_outlook"

    customer_id: Mapped[str] = mapped_column(IdColumnType(), primary_key=True)
    frequency: Mapped[int] = mapped_column(Integer)  # repeat visit days
    recency_days: Mapped[float] = mapped_column(Float)  # first to last visit
    age_days: Mapped[float] = mapped_column(Float)  # first visit to the as-of day (T)
    last_visit: Mapped[date] = mapped_column(Date)
    spend_total: Mapped[int] = mapped_column(Integer)
    p_active: Mapped[float | None] = mapped_column(Float, index=True)
    expected_visits_90d: Mapped[float | None] = mapped_column(Float)
    expected_spend_90d: Mapped[float | None] = mapped_column(Float, index=True)
    model: Mapped[str] = mapped_column(String(10))  # "bgnbd" | "rfm"
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="null")  # JSON


SYNCED_TABLES = [
    m.__tablename__
    for m in (
        Branch,
        Staff,
        Channel,
        Customer,
        ChannelSpend,
        Tag,
        CustomField,
        CustomerFieldValue,
        PointCard,
        Purchase,
        PurchaseVoid,
        PointEntry,
        InquiryCategory,
        Inquiry,
        InquiryNote,
        Segment,
        Campaign,
        CampaignRecipient,
        EmailDelivery,
    )
]
