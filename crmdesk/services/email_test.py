"""A test message to yourself: the template as the first recipient would read it, sent to
the shop's own from address, so the owner sees it in a real mail client first."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

from crmdesk.core.email_template import FIELDS, Template, legal_footer, render
from crmdesk.core.errors import DomainError
from crmdesk.services.email_setup import connect, require_settings
from crmdesk.services.shop import shop_info


def send_test_message(db: Any, template: Template, to: str | None = None) -> str:
    """Send ``template`` (merge fields shown as their names) to ``to`` or the from address."""
    with db.sessions() as session:
        settings = require_settings(session)
        shop = shop_info(session)
    if shop is None:
        raise DomainError("email_needs_shop", field="shop_name")
    sample = {name: f"［{name}］" for name in FIELDS} | {"shop_name": shop.name}
    message = EmailMessage(policy=SMTP)
    message["Subject"] = "［テスト］" + render(template.subject, sample)
    message["From"] = settings.from_address
    message["To"] = to or settings.from_address
    footer = legal_footer(
        shop.name, shop.postal_code, shop.address, shop.phone, settings.from_address
    )
    message.set_content(render(template.body, sample) + "\n" + footer, charset="utf-8")
    smtp = connect(settings)
    try:
        smtp.send_message(message)
    finally:
        smtp.quit()
    return str(message["To"])
