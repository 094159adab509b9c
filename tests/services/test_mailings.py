"""One mailing use case (issue 13): a household prints as ONE label with both names (連名),
through the service and the CLI alike, and a print is recorded the same way everywhere."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from crmdesk.core.errors import DomainError
from crmdesk.reports.labels import LabelOptions, render_labels
from crmdesk.reports.layouts import get_layout
from crmdesk.services import audit, campaigns, label_offsets, mailings, mailings_print, segments
from crmdesk.services.label_offsets import Offsets
from crmdesk.services.mailings_print import PrintRequest
from tests.cli.test_cli import run
from tests.helpers.factories import add_customer
from tests.reports.label_samples import centre_in

TODAY = date(2026, 11, 22)
EVERYONE = {"op": "and", "conditions": []}
LAYOUT = "hisago-elm008"


def label_texts(pdf: Path, positions: range) -> dict[int, str]:
    layout = get_layout(LAYOUT)
    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
        words = doc.pages[0].extract_words()
    texts = {
        p: "".join(c["text"] for c in chars if centre_in(c, layout.label_rect(p))).replace(" ", "")
        for p in positions
    }
    return texts | {-1: " ".join(w["text"] for w in words)}


def household(session) -> dict[str, str]:
    """山田 花子 and 太郎 at one address (written two ways), a neighbour, one undeliverable."""
    ids = {
        "hanako": add_customer(session, given_name="花子", street="1-1"),
        "taro": add_customer(session, given_name="太郎", street="１－１"),
        "neighbour": add_customer(session, family_name="隣野", given_name="一郎", street="1-2"),
        "no_street": add_customer(session, family_name="番地無", town="", street=""),
    }
    segments.save_segment(session, "全員", EVERYONE)
    return ids


def test_a_household_prints_as_one_label_with_both_names(session, tmp_path: Path) -> None:
    ids = household(session)
    mailing = mailings.preview(session, "全員", one_per_household=True, today=TODAY)
    job = mailings_print.make_job(
        session, mailing, PrintRequest(layout_code=LAYOUT, record_name="冬のDM")
    )
    assert (len(job.addressees), mailing.people) == (2, 3)
    assert [e.reasons for e in mailing.excluded] == [("incomplete_address",)]
    out = tmp_path / "household.pdf"
    layout = get_layout(LAYOUT)
    result = render_labels(job.addressees, layout, LabelOptions(**job.label_options()), out)
    done = mailings_print.record_print(
        session, job, last_position=result.last_position, per_sheet=layout.per_sheet
    )
    texts = label_texts(out, range(1, 4))
    assert "山田 花子 様" in texts[-1] and "太郎 様" in texts[-1]
    assert "山田花子様" in texts[1] and "太郎様" in texts[1] and "山田太郎" not in texts[1]
    assert "隣野一郎様" in texts[2] and not texts[3]
    # Both are recipients of the recorded mailing (a response from either counts).
    frozen = campaigns.frozen_recipients(session, done.campaign.id)
    assert sorted(r.customer_id for r in frozen if r.position == 1) == sorted(
        [ids["hanako"], ids["taro"]]
    )
    assert done.campaign.recipients == 3 and done.next_start == 3
    (printed,) = audit.entries(session, action="labels.print")
    assert json.loads(printed.detail)["campaign_id"] == done.campaign.id


def test_the_cli_prints_the_household_on_one_label(db_path: Path, db, tmp_path: Path) -> None:
    with db.transaction() as session:
        household(session)
    db.close()
    out = tmp_path / "cli.pdf"
    code, data = run(
        db_path, "labels", "--segment", "全員", "--layout", LAYOUT, "--household",
        "--record", "冬のDM", "-o", str(out), "--json",
    )  # fmt: skip
    assert code == 0, data
    assert (data["labels"], data["recipients"], data["joint"]) == (2, 2, 1)
    assert data["excluded"] == {"incomplete_address": 1}
    texts = label_texts(out, range(1, 4))
    assert "山田花子様" in texts[1] and "太郎様" in texts[1] and "山田太郎" not in texts[1]
    assert "隣野一郎様" in texts[2] and not texts[3]
    code, shown = run(db_path, "campaign", "show", "冬のDM", "--json")
    assert shown["campaign"]["recipients"] == 3


def test_a_household_held_back_is_held_back_whole(session) -> None:
    for i in range(10):
        add_customer(session, family_name=f"客{i}", given_name="一", street=f"{i + 1}-1")
        add_customer(session, family_name=f"客{i}", given_name="二", street=f"{i + 1}-1")
    segments.save_segment(session, "全員", EVERYONE)
    mailing = mailings.preview(session, "全員", one_per_household=True, today=TODAY)
    assert (len(mailing.addressees), mailing.people) == (10, 20)
    kept, control = mailings.hold_out_control(mailing, 20, seed=5)
    assert len(kept.addressees) == 8 and len(control.customer_ids) == 4
    named = {i for a in kept.addressees for i in kept.customer_ids(a)}
    assert not named & set(control.customer_ids) and len(named) == 16


def test_a_request_is_refused_before_anything_is_drawn(session) -> None:
    household(session)
    mailing = mailings.preview(session, "全員", today=TODAY)
    for request, code in (
        (PrintRequest(layout_code=LAYOUT, control_percent=10), "control_needs_record"),
        (PrintRequest(layout_code=LAYOUT, record_name="x", control_percent=60),
         "invalid_control_share"),
        (PrintRequest(layout_code=LAYOUT, cost_per_piece=-1), "invalid_cost_per_piece"),
        (PrintRequest(layout_code=LAYOUT, start_at=0), "invalid_number"),
    ):  # fmt: skip
        with pytest.raises(DomainError) as refused:
            mailings_print.make_job(session, mailing, request)
        assert refused.value.code == code
    assert audit.entries(session, action="labels.print") == []


def test_the_start_and_the_offsets_are_the_remembered_ones(session) -> None:
    household(session)
    label_offsets.remember_offsets(session, "レジ横", LAYOUT, Offsets(1.5, -0.5))
    mailings_print.remember_next_start(session, LAYOUT, 4, 12)
    mailing = mailings.preview(session, "全員", today=TODAY)
    job = mailings_print.make_job(
        session, mailing, PrintRequest(layout_code=LAYOUT, printer="レジ横")
    )
    assert (job.start_at, job.offsets) == (5, Offsets(1.5, -0.5))
    done = mailings_print.record_print(session, job, last_position=7, per_sheet=12)
    assert done.campaign is None and mailings_print.next_start(session, LAYOUT) == 8
