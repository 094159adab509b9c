"""Erasure on request (APPI / GDPR): a customer's personal data goes, a tombstone stays.

The customer's own fields are blanked here; each feature that keeps something about a
person forgets it through its own ``forget_customer`` (mailings, inquiries), and a merge
that saved the customer's values can no longer be undone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from crmdesk.services import audit, campaigns, customer_fields, customer_index, customers, inquiries
from crmdesk.services.staff import CLI_ACTOR, Actor
from crmdesk.store.models import Customer, MergeUndo

#: Cleared on erasure (APPI / GDPR request): everything that identifies a person. The
#: channel stays (a count, not a person); the referrer link goes (who knows whom).
PERSONAL_FIELDS = tuple(
    f
    for f in customer_fields.EDITABLE
    if f not in ("customer_number", "home_branch_id", *customer_fields.LINK_FIELDS)
)


def erase_customer(
    session: Session, customer_id: str, *, actor: Actor = CLI_ACTOR
) -> customers.CustomerChange:
    """Erase personal data on request: blank every personal field, keep a tombstone.

    Purchases and points stay (they hold amounts, not identities) so the shop's totals
    remain right; the card numbers are retired. The erasure is audited. Needs ``erase``.
    """
    actor.require("erase")
    customer = customer_index.get_customer(session, customer_id, include_deleted=True)
    for name in PERSONAL_FIELDS:
        column = Customer.__table__.c[name]
        if name in ("dm_consent", "email_consent"):
            setattr(customer, name, False)
        elif column.type.python_type is str:
            setattr(customer, name, "")
        else:
            setattr(customer, name, None)
    customer.referred_by_id = None
    customer.deleted = True
    customer.erased_at = datetime.now(UTC)
    customer.tags = []
    for card in customer.cards:
        if card.status == "active":
            card.status = "retired"
            card.status_changed_at = customer.erased_at
    customer_index.refresh_search_keys(customer)
    _forget_elsewhere(session, customer.id)
    session.flush()
    audit.record(
        session,
        "customer.erase",
        entity="customer",
        entity_id=customer.id,
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        fields=list(PERSONAL_FIELDS),
    )
    return customers.CustomerChange(customer.id, deleted=True, fields=PERSONAL_FIELDS)


def _forget_elsewhere(session: Session, customer_id: str) -> None:
    """Personal data about the customer kept by other features goes too."""
    campaigns.forget_customer(session, customer_id)  # addresses printed on past mailings
    inquiries.forget_customer(session, customer_id)  # what they told us, and notes
    session.execute(  # a merge's saved field values: the merge can no longer be undone
        delete(MergeUndo).where(
            (MergeUndo.survivor_id == customer_id) | (MergeUndo.other_id == customer_id)
        )
    )
