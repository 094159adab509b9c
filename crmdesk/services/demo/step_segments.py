"""Demo step: the owner's usual segments and one past mailing with its frozen recipients.

Responses come from the demo purchases when that step has run (ORDER 20); without
purchases the mailing is still there, with no one having come back yet.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from crmdesk.core.errors import DomainError
from crmdesk.services import campaigns, mailings, segments
from crmdesk.services.demo import DemoContext
from crmdesk.services.staff import Actor
from crmdesk.store.models import Segment

ORDER = 40


def _leaf(field: str, cmp: str, value: Any) -> dict[str, Any]:
    return {"op": "and", "conditions": [{"field": field, "cmp": cmp, "value": value}]}


SEGMENTS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (
        "休眠6か月",
        "半年以上ご来店のないお客様",
        _leaf("last_visit", "not_within", {"months": 6}),
    ),
    ("来月誕生日", "来月がお誕生月のお客様", _leaf("birthday_month", "in", ["next_month"])),
    (
        "優良顧客",
        "RFM分析で最近・よく・たくさんお買い上げのお客様",
        _leaf("rfm_group", "in", ["best"]),
    ),
    (
        "東京23区",
        "東京都の区部にお住まいのお客様",
        {
            "op": "and",
            "conditions": [
                {"field": "prefecture", "cmp": "in", "value": ["東京都"]},
                {"field": "city", "cmp": "contains", "value": "区"},
            ],
        },
    ),
)
MAILING = "秋の感謝祭DM"
MAILING_SEGMENT = "東京23区"
DAYS_AGO = 90


def run(ctx: DemoContext) -> None:
    session = ctx.session
    taken = set(session.scalars(select(Segment.name)))
    added = 0
    for name, description, tree in SEGMENTS:
        if name not in taken:
            segments.save_segment(session, name, tree, description=description, actor="demo")
            added += 1
    ctx.summary["segments"] = added
    sent_on = ctx.today - timedelta(days=DAYS_AGO)
    mailing = mailings.preview(session, MAILING_SEGMENT, sort_postal=True, today=sent_on)
    try:
        campaigns.create_campaign(
            session,
            MAILING,
            mailing,
            layout_code="a-one-72212",  # a sheet that exists (crmdesk sheets)
            options={"start_at": 1},
            sent_on=sent_on,
            actor=Actor(staff_id=None, name="demo", role="owner"),
        )
    except DomainError:  # no one to send to (a demo with very few customers)
        ctx.summary["campaigns"] = 0
        return
    ctx.summary["campaigns"] = 1
    ctx.summary["campaign_recipients"] = len(mailing.addressees)
