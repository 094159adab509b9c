"""Purchases and inquiries carry the branch of the computer they were made on."""

from __future__ import annotations

from crmdesk.services import audit, branch_here, inquiries
from crmdesk.services.purchases import record_purchase
from crmdesk.services.staff import CLI_ACTOR
from crmdesk.services.timeline import customer_timeline
from crmdesk.store.models import Branch
from tests.helpers.factories import add_customer


def test_a_shop_without_branches_records_none(session) -> None:
    cid = add_customer(session)
    record_purchase(session, amount=1000, actor=CLI_ACTOR, customer_id=cid)
    assert branch_here.current_branch_id(session) is None
    assert [e.branch for e in customer_timeline(session, cid, kinds=["purchase"])] == [""]


def test_purchase_inquiry_and_their_points_and_notes_show_the_branch(session) -> None:
    here = Branch(code="SBY", name="渋谷店")
    other = Branch(code="HQ", name="本店")
    session.add_all([here, other])
    session.flush()
    branch_here.set_current_branch(session, here.id)
    cid = add_customer(session)
    record_purchase(session, amount=3000, actor=CLI_ACTOR, customer_id=cid)
    iid = inquiries.create_inquiry(
        session, {"customer_id": cid, "subject": "取り置き", "channel": "counter"}
    ).inquiry_id
    inquiries.add_note(session, iid, "入荷連絡済み")
    branch_here.set_current_branch(session, other.id)
    record_purchase(session, amount=500, actor=CLI_ACTOR, customer_id=cid)
    session.flush()
    # an edit that sync applied carries its branch in the audit detail
    audit.record(session, "customer.update", entity="customer", entity_id=cid,
                 fields=["notes"], branch="SBY")  # fmt: skip
    session.flush()
    rows = customer_timeline(
        session, cid, kinds=["purchase", "points", "inquiry", "note", "change"]
    )
    by_kind: dict[str, set[str]] = {}
    for entry in rows:
        by_kind.setdefault(entry.kind, set()).add(entry.branch)
    assert by_kind == {
        "purchase": {"渋谷店（SBY）", "本店（HQ）"},
        "points": {"渋谷店（SBY）", "本店（HQ）"},
        "inquiry": {"渋谷店（SBY）"},
        "note": {"渋谷店（SBY）"},
        # made here: this computer's branch (now 本店); the synced edit names its own
        "change": {"本店（HQ）", "渋谷店（SBY）"},
    }
    assert rows[0].to_json()["branch"] in {"渋谷店（SBY）", "本店（HQ）"}


def test_a_branch_id_not_in_the_file_is_ignored(session) -> None:
    branch_here.set_current_branch(session, "0190-not-a-branch")
    assert branch_here.current_branch_id(session) is None
