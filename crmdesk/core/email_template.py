"""Email campaign templates: a subject and a body with merge fields, and the footer the law
asks for.

A template file is UTF-8 text: its first line ``Subject: ...`` (件名: also reads), a blank
line, then the body. Merge fields are written ``{name}`` and filled per recipient; an
unknown field is refused by name before anything is sent. ``{{`` and ``}}`` write braces.

特定電子メール法 (the Act on Specified Electronic Mail) asks every advertising message to
carry the sender's name, address, an address to refuse further mail at, and a contact:
:func:`legal_footer` writes them, and the sending service appends it to every message.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from crmdesk.core.errors import DomainError

#: The merge fields a template may use, with what each holds.
FIELDS: dict[str, dict[str, str]] = {
    "name": {"ja": "お名前（会社名）", "en": "Name (or company)"},
    "family_name": {"ja": "姓", "en": "Family name"},
    "customer_number": {"ja": "顧客番号", "en": "Customer number"},
    "points": {"ja": "ポイント残高", "en": "Points balance"},
    "rank": {"ja": "ランク", "en": "Rank"},
    "expiring_points": {"ja": "期限が近いポイント", "en": "Points expiring soon"},
    "expiry_date": {"ja": "ポイントの期限", "en": "Expiry date of those points"},
    "shop_name": {"ja": "店名", "en": "Shop name"},
}
MAX_SUBJECT = 200
MAX_BODY = 20_000


@dataclass(frozen=True)
class Template:
    subject: str
    body: str
    html: str = ""  # optional simple HTML alternative; the text body is always sent

    def to_json(self) -> dict[str, str]:
        return {"subject": self.subject, "body": self.body, "html": self.html}


def parse_template(text: str, html: str = "") -> Template:
    """A template from a file's text; every problem is a DomainError on field ``template``."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    head, _, body = text.partition("\n")
    label, colon, subject = head.partition(":")
    if not colon or label.strip().lower() not in ("subject", "件名"):
        raise DomainError("email_template_no_subject", field="template")
    subject, body = subject.strip(), body.lstrip("\n").rstrip()
    if not subject:
        raise DomainError("email_template_no_subject", field="template")
    if len(subject) > MAX_SUBJECT or len(body) > MAX_BODY:
        raise DomainError("email_template_too_long", field="template")
    if not body:
        raise DomainError("email_template_no_body", field="template")
    template = Template(subject, body, html.strip())
    for part in (template.subject, template.body, template.html):
        check_fields(part)
    return template


def check_fields(text: str) -> None:
    """Refuse a field that is not in :data:`FIELDS`, or braces that do not close."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise DomainError("email_template_braces", field="template") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in FIELDS or spec or conversion:
            raise DomainError("email_template_unknown_field", field="template", name=field)


def render(text: str, values: Mapping[str, object]) -> str:
    """``text`` with each ``{field}`` filled from ``values`` (missing ones empty)."""
    return text.format_map({f: values.get(f, "") for f in FIELDS})


def legal_footer(shop_name: str, postal_code: str, address: str, phone: str, reply_to: str) -> str:
    """The sender's identity and how to refuse further mail (特定電子メール法)."""
    postal = f"〒{postal_code[:3]}-{postal_code[3:]} " if len(postal_code) == 7 else ""
    lines = [
        "",
        "――――――――――――――――",
        f"送信者: {shop_name}",
        f"{postal}{address}".strip(),
    ]
    if phone:
        lines.append(f"お問い合わせ: {phone}")
    lines += [
        f"今後このようなメールが不要な方は、{reply_to} へ「配信停止」とご返信ください。",
        "To stop these emails, reply with the word STOP.",
    ]
    return "\n".join(lines)
