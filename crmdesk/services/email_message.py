"""One email of a campaign: the merge values of a recipient and the MIME message.

Japanese is written as UTF-8 throughout, headers RFC 2047-encoded by the standard library's
SMTP policy, so it reads right in Japanese mail clients. Every message carries the shop's
identity and the way to refuse further mail (特定電子メール法): in the body's footer and as
a ``List-Unsubscribe`` header.
"""

from __future__ import annotations

import html
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate, make_msgid
from typing import Any
from urllib.parse import quote

from sqlalchemy.orm import Session

from crmdesk.core.email_template import Template, legal_footer, render
from crmdesk.core.names import display_name
from crmdesk.services import points
from crmdesk.store.models import Customer


def merge_values(session: Session, customer: Customer, shop: Any) -> dict[str, object]:
    """The values of the merge fields for one customer (see core.email_template.FIELDS)."""
    summary = points.summary(session, customer.id)
    first_expiry = min((d for d, _ in summary.expiring), default=None)
    return {
        "name": display_name(customer.family_name, customer.given_name, customer.company),
        "family_name": customer.family_name or customer.company,
        "customer_number": customer.customer_number,
        "points": f"{summary.balance:,}",
        "rank": summary.rank.name,
        "expiring_points": f"{summary.expiring_points:,}",
        "expiry_date": (
            f"{first_expiry.year}年{first_expiry.month}月{first_expiry.day}日"
            if first_expiry
            else "—"
        ),
        "shop_name": shop.name,
    }


def build_message(
    template: Template,
    values: dict[str, object],
    settings: Any,
    shop: Any,
    to_address: str,
    campaign_id: str,
    customer_id: str,
) -> EmailMessage:
    """The message for one recipient: text (and HTML when the template has it) + footer."""
    footer = legal_footer(
        shop.name, shop.postal_code, shop.address, shop.phone, settings.from_address
    )
    message = EmailMessage(policy=SMTP)
    message["Subject"] = render(template.subject, values)
    message["From"] = formataddr((shop.name, settings.from_address))
    message["To"] = to_address
    message["Date"] = formatdate(localtime=True)
    domain = settings.from_address.rsplit("@", 1)[-1]
    message["Message-ID"] = make_msgid(
        idstring=f"{campaign_id[:8]}.{customer_id[:8]}", domain=domain
    )
    refuse = quote("配信停止")
    message["List-Unsubscribe"] = f"<mailto:{settings.from_address}?subject={refuse}>"
    message.set_content(render(template.body, values) + "\n" + footer, charset="utf-8")
    if template.html:
        escaped = {k: html.escape(str(v)) for k, v in values.items()}
        body = render(template.html, escaped)
        tail = "<br>".join(html.escape(line) for line in footer.splitlines())
        message.add_alternative(f"{body}<hr><p>{tail}</p>", subtype="html", charset="utf-8")
    return message
