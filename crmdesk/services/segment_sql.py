"""A segment's condition tree as one SQLAlchemy query over ``customer``.

Each leaf becomes a boolean expression on the customer row, with correlated subqueries
for what lives elsewhere: purchases (voided ones left out), points, tags, inquiries,
mailings. A visit is a purchase that was not voided, or the customer's first visit date.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    and_,
    case,
    cast,
    exists,
    extract,
    false,
    func,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from crmdesk.core import custom_fields as custom_rules
from crmdesk.core import rfm
from crmdesk.core import segments as rules
from crmdesk.core.clock import local_day_bounds
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.points import PointRules, add_months
from crmdesk.services.channels import find_channel
from crmdesk.services.custom_fields import get_field
from crmdesk.store.db import setting
from crmdesk.store.models import (
    Campaign,
    CampaignRecipient,
    Customer,
    CustomerOutlook,
    CustomerTag,
    Inquiry,
    PointEntry,
    Purchase,
    PurchaseVoid,
    Tag,
)
from crmdesk.store.models import CustomerFieldValue as V

CLOSED_INQUIRY = ("closed", "resolved", "done")
INF = 10**12


def valid_purchase() -> ColumnElement[bool]:
    """A purchase that counts: not deleted, not voided."""
    voided = exists().where(PurchaseVoid.purchase_id == Purchase.id, ~PurchaseVoid.deleted)
    return and_(~Purchase.deleted, ~voided)


def _bought(*where: Any) -> ColumnElement[bool]:
    return exists().where(Purchase.customer_id == Customer.id, valid_purchase(), *where)


class Compiler:
    """Turns a validated tree into a WHERE clause; needs the session for RFM and ranks."""

    def __init__(self, session: Session, today: date) -> None:
        self.session = session
        self.today = today

    def group(self, node: dict[str, Any]) -> ColumnElement[bool]:
        parts = [self.group(c) if "op" in c else self.leaf(c) for c in node.get("conditions", [])]
        if not parts:
            return true()
        return and_(*parts) if node["op"] == "and" else or_(*parts)

    def leaf(self, leaf: dict[str, Any]) -> ColumnElement[bool]:
        if leaf["field"] == "custom":
            return custom_condition(self.session, leaf["name"], leaf["cmp"], leaf["value"])
        method = getattr(self, f"_{leaf['field']}")
        return method(leaf["cmp"], leaf["value"])  # type: ignore[no-any-return]

    # -- visits and money -------------------------------------------------------------

    def _visited_since(self, day: date) -> ColumnElement[bool]:
        start = local_day_bounds(day)[0]
        first = and_(Customer.first_visit.is_not(None), Customer.first_visit >= day)
        return or_(_bought(Purchase.purchased_at >= start), first)

    def _ever_visited(self) -> ColumnElement[bool]:
        return or_(_bought(), Customer.first_visit.is_not(None))

    def _last_visit(self, cmp: str, value: Any) -> ColumnElement[bool]:
        if cmp in ("within", "not_within"):
            day = rules.period_start(value, self.today)
        else:
            day = date.fromisoformat(value)
        if cmp in ("after", "within"):
            return self._visited_since(day)
        # before / not within: has visited, but not since that day
        return and_(self._ever_visited(), not_(self._visited_since(day)))

    def _visit_count(self, cmp: str, value: Any) -> ColumnElement[bool]:
        count = (
            select(func.count(Purchase.id))
            .where(Purchase.customer_id == Customer.id, valid_purchase())
            .scalar_subquery()
        )
        return _compare(count, cmp, value)

    def _spend(self, since: datetime | None = None) -> Any:
        query = select(func.coalesce(func.sum(Purchase.amount), 0)).where(
            Purchase.customer_id == Customer.id, valid_purchase()
        )
        if since is not None:
            query = query.where(Purchase.purchased_at >= since)
        return query.scalar_subquery()

    def _total_spend(self, cmp: str, value: Any) -> ColumnElement[bool]:
        return _compare(self._spend(), cmp, value)

    def _point_balance(self, cmp: str, value: Any) -> ColumnElement[bool]:
        balance = (
            select(func.coalesce(func.sum(PointEntry.points), 0))
            .where(PointEntry.customer_id == Customer.id, ~PointEntry.deleted)
            .scalar_subquery()
        )
        return _compare(balance, cmp, value)

    def _p_active(self, cmp: str, value: Any) -> ColumnElement[bool]:
        p = CustomerOutlook.p_active
        found = p < value if cmp == "lt" else p >= value
        return exists().where(CustomerOutlook.customer_id == Customer.id, found)

    def _expected_spend_90d(self, cmp: str, value: Any) -> ColumnElement[bool]:
        spend = CustomerOutlook.expected_spend_90d
        return exists().where(
            CustomerOutlook.customer_id == Customer.id, spend.is_not(None),
            _compare(spend, cmp, value),
        )  # fmt: skip

    def _rfm_group(self, cmp: str, value: Any) -> ColumnElement[bool]:
        return Customer.id.in_(rfm_group_query(self.session, value))

    def _rank(self, cmp: str, value: Any) -> ColumnElement[bool]:
        # The counter's rule: spend over the rank period ending today (local days).
        ranks = rank_thresholds(self.session)
        period = _point_rules(self.session).rank_period_months
        since, _ = local_day_bounds(add_months(self.today, -period))
        spend = self._spend(since)
        parts = []
        for i, (name, minimum) in enumerate(ranks):
            if name in value:
                upper = ranks[i + 1][1] if i + 1 < len(ranks) else None
                cond = spend >= minimum if upper is None else and_(spend >= minimum, spend < upper)
                parts.append(cond)
        unknown = set(value) - {n for n, _ in ranks}
        if unknown:
            raise DomainError("segment_bad_value", field="rank", value=", ".join(sorted(unknown)))
        return or_(*parts) if parts else false()

    # -- the customer's own fields ----------------------------------------------------

    def _birthday_month(self, cmp: str, value: Any) -> ColumnElement[bool]:
        months = rules.resolve_months(value, self.today)
        return and_(Customer.birthday.is_not(None), extract("month", Customer.birthday).in_(months))

    def _age(self, cmp: str, value: Any) -> ColumnElement[bool]:
        def in_range(low: int, high: int) -> ColumnElement[bool]:
            if low > high:
                return false()
            cond = [Customer.birthday.is_not(None), Customer.birthday <= self._born(low)]
            if high < INF:
                cond.append(Customer.birthday > self._born(high + 1))
            return and_(*cond)

        if cmp == "ne":
            return and_(Customer.birthday.is_not(None), not_(in_range(value, value)))
        return in_range(*_bounds(cmp, value))

    def _born(self, years: int) -> date:
        return rules.years_before(self.today, min(years, 200))

    def _gender(self, cmp: str, value: Any) -> ColumnElement[bool]:
        return Customer.gender.in_(value)

    def _prefecture(self, cmp: str, value: Any) -> ColumnElement[bool]:
        return Customer.prefecture.in_(value)

    def _city(self, cmp: str, value: Any) -> ColumnElement[bool]:
        if cmp == "eq":
            same: ColumnElement[bool] = Customer.city == value
            return same
        return Customer.city.contains(value, autoescape=True)

    def _postal_prefix(self, cmp: str, value: Any) -> ColumnElement[bool]:
        return Customer.postal_code.startswith(value, autoescape=True)

    def _tags(self, cmp: str, value: Any) -> ColumnElement[bool]:
        def has(names: list[str]) -> ColumnElement[bool]:
            return exists().where(
                CustomerTag.customer_id == Customer.id,
                CustomerTag.tag_id == Tag.id,
                Tag.name.in_(names),
            )

        if cmp == "any":
            return has(value)
        if cmp == "none":
            return not_(has(value))
        return and_(*[has([name]) for name in value])

    def _acquisition_channel(self, cmp: str, value: Any) -> ColumnElement[bool]:
        ids = [find_channel(self.session, name, field="acquisition_channel").id for name in value]
        return Customer.channel_id.in_(ids)

    def _open_inquiry(self, cmp: str, value: Any) -> ColumnElement[bool]:
        is_open = exists().where(
            Inquiry.customer_id == Customer.id,
            ~Inquiry.deleted,
            Inquiry.closed_at.is_(None),
            Inquiry.status.not_in(CLOSED_INQUIRY),
        )
        return is_open if value else not_(is_open)

    def _received_mailing(self, cmp: str, value: Any) -> ColumnElement[bool]:
        campaigns = select(Campaign.id).where(
            or_(Campaign.id == value, Campaign.name == value), ~Campaign.deleted
        )
        got = exists().where(
            CampaignRecipient.customer_id == Customer.id,
            CampaignRecipient.campaign_id.in_(campaigns),
            ~CampaignRecipient.deleted,
        )
        return got if cmp == "is" else not_(got)


def _bounds(cmp: str, value: Any) -> tuple[int, int]:
    """An integer comparison as an inclusive range (``ne`` is handled by the caller)."""
    if cmp == "between":
        return value[0], value[1]
    return {
        "eq": (value, value),
        "ge": (value, INF),
        "gt": (value + 1, INF),
        "le": (0, value),
        "lt": (0, value - 1),
    }[cmp]


def custom_condition(session: Session, name: str, cmp: str, value: Any) -> ColumnElement[bool]:
    """A condition on one of the owner's custom fields, compared by the field's type.

    Numbers compare as numbers, dates as ISO text; ``set`` true / false: has a value or not.
    A value the field cannot hold (``VIP`` for a choice without it) is refused by name.
    """

    try:
        field = get_field(session, name)
    except DomainError:
        error = DomainError("segment_unknown_custom", field="custom", name=name)
        raise ValidationError([error]) from None
    stored = (
        select(V.value)
        .where(V.customer_id == Customer.id, V.field_id == field.id, V.deleted.is_(False))
        .scalar_subquery()
    )
    if cmp == "set":
        has = func.coalesce(stored, "") != ""
        return has if value else ~has

    def clean(v: Any) -> str:
        try:
            return custom_rules.clean_value(field, v)
        except DomainError as error:
            raise ValidationError([error]) from None

    if cmp == "in":
        return func.coalesce(stored, "").in_([clean(v) for v in value])
    target = clean(value)
    if cmp == "eq":
        return func.coalesce(stored, "") == target
    if cmp == "ne":
        return func.coalesce(stored, "") != target
    left: Any = stored
    right: Any = target
    if field.kind == "number":
        left, right = cast(stored, Float), float(target)
    ops = {"gt": left > right, "ge": left >= right, "lt": left < right, "le": left <= right}
    return and_(func.coalesce(stored, "") != "", ops[cmp])


def _compare(expr: Any, cmp: str, value: Any) -> ColumnElement[bool]:
    if cmp == "ne":
        return expr != value  # type: ignore[no-any-return]
    low, high = _bounds(cmp, value)
    if high >= INF:
        return expr >= low  # type: ignore[no-any-return]
    return and_(expr >= low, expr <= high)


# -- RFM and ranks ------------------------------------------------------------------------


def rfm_aggregates() -> Any:
    """Per customer who bought: last purchase, number of purchases, spend."""
    return (
        select(
            Purchase.customer_id,
            func.max(Purchase.purchased_at).label("last_purchase"),
            func.count(Purchase.id).label("orders"),
            func.sum(Purchase.amount).label("spend"),
        )
        .join(Customer, Customer.id == Purchase.customer_id)
        .where(valid_purchase(), ~Customer.deleted)
        .group_by(Purchase.customer_id)
    )


def rfm_cuts(session: Session) -> rfm.RfmCuts | None:
    rows = [
        rfm.RfmInput(r.customer_id, r.last_purchase, r.orders, r.spend)
        for r in session.execute(rfm_aggregates())
    ]
    return rfm.RfmCuts.from_rows(rows) if rows else None


def rfm_group_query(session: Session, groups: list[str]) -> Select[Any]:
    """Ids of customers whose RFM group is one of ``groups``, scored in SQL."""
    cuts = rfm_cuts(session)
    if cuts is None:
        return select(Customer.id).where(false())
    last = func.max(Purchase.purchased_at)
    r = _score_sql(last, cuts.recency)
    f = _score_sql(func.count(Purchase.id), cuts.frequency)
    m = _score_sql(func.sum(Purchase.amount), cuts.monetary)
    orders = func.count(Purchase.id)

    def matches(g: rfm.RfmGroup) -> ColumnElement[bool]:
        cond = [r.between(*g.r), f.between(*g.f), m.between(*g.m)]
        if g.orders is not None:
            cond.append(orders.between(*g.orders))
        return and_(*cond)

    chosen = []
    for i, group in enumerate(rfm.GROUPS):
        if group.code in groups:
            earlier = [not_(matches(g)) for g in rfm.GROUPS[:i]]
            chosen.append(and_(matches(group), *earlier))
    return (
        select(Purchase.customer_id)
        .where(valid_purchase(), Purchase.customer_id.is_not(None))
        .group_by(Purchase.customer_id)
        .having(or_(*chosen) if chosen else false())
    )


def _score_sql(expr: Any, cuts: tuple[Any, ...]) -> Any:
    return 1 + sum((case((expr > c, 1), else_=0) for c in cuts), start=0)


def rank_thresholds(session: Session) -> list[tuple[str, int]]:
    """Ranks by the spend they start at, lowest first: the shop's point rules (the same
    rules the counter uses, defaults included)."""
    return [(r.name, r.min_spend) for r in _point_rules(session).ranks]


def _point_rules(session: Session) -> PointRules:
    return PointRules.from_json(setting(session, "point_rules"))


def customer_query(
    session: Session, tree: dict[str, Any], today: date, *, include_erased: bool = False
) -> Select[Any]:
    """``select(Customer)`` of a validated tree's members, by customer number."""
    where = Compiler(session, today).group(tree)
    base = ~Customer.deleted
    if include_erased:
        base = or_(base, Customer.erased_at.is_not(None))
    return select(Customer).where(base, where).order_by(Customer.customer_number)
