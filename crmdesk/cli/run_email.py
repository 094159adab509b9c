"""What the commands of :mod:`crmdesk.cli.cmd_email` do (imported when one runs)."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Any

from crmdesk.cli import CliContext
from crmdesk.core import validate
from crmdesk.core.email_template import Template, parse_template
from crmdesk.core.errors import DomainError
from crmdesk.services import email_setup
from crmdesk.services.email_message import build_message, merge_values
from crmdesk.services.email_refusals import import_refusals
from crmdesk.services.email_setup import require_settings
from crmdesk.services.email_test import send_test_message
from crmdesk.services.shop import shop_info
from crmdesk.store.models import Customer


def cmd_setup(ctx: CliContext) -> int:
    a = ctx.args
    values = {
        "host": a.host,
        "port": a.port,
        "user": a.user,
        "security": a.security,
        "from_address": a.from_address,
        "daily_limit": a.daily_limit,
        "pace_per_minute": a.pace,
    }
    secret = None
    if a.user:
        if a.password_stdin:
            secret = sys.stdin.readline().rstrip("\n")
        elif sys.stdin.isatty():
            secret = getpass.getpass("SMTP password: ")
    with ctx.db.transaction() as session:
        found = email_setup.save_settings(session, values, actor=ctx.actor)
        if secret:
            email_setup.save_password(found, secret)  # inside: a keyring failure saves nothing
        elif a.user and email_setup.password(found) is None:
            raise DomainError("email_no_password", field="password")
    data = {"ok": True, "email": found.to_json(), "password_saved": bool(secret)}
    ctx.emit(
        data, f"email via {found.host}:{found.port} ({found.security}) from {found.from_address}"
    )
    return 0


def cmd_test(ctx: CliContext) -> int:
    to = validate.clean_email(ctx.args.to, "to") if ctx.args.to else None
    template = Template(
        "crmdesk テストメール / test message",
        "crmdesk からのテストメールです。\nThis is a test message from crmdesk.",
    )
    sent_to = send_test_message(ctx.db, template, to)
    ctx.emit({"ok": True, "to": sent_to}, f"test message sent to {sent_to}")
    return 0


def _read(path_text: str) -> str:
    path = Path(path_text).expanduser()
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise DomainError("email_template_unreadable", field="template", path=str(path)) from None


def cmd_send(ctx: CliContext) -> int:
    from crmdesk.services import email_campaigns as ec  # deferred: numpy; setup and test need none
    from crmdesk.services.campaigns import get_campaign  # deferred: numpy, as email_campaigns

    a = ctx.args
    db = ctx.db
    excluded: dict[str, int] = {}
    preview_json: dict[str, Any] | None = None
    if a.resume:
        ref = a.resume
    else:
        if not a.template:
            raise DomainError("required", field="template")
        template = parse_template(_read(a.template), _read(a.html) if a.html else "")
        with db.transaction() as session:
            found = ec.email_preview(session, a.segment)
            excluded = found.reason_counts()
            if not found.recipients:
                raise DomainError("no_recipients", field="segment")
            control = None
            if a.control is not None:  # held back before anything is recorded or sent
                found, control = ec.hold_out_email_control(found, a.control, seed=a.control_seed)
            if a.dry_run:
                preview_json = _dry_run(
                    session,
                    found,
                    template,
                    require_settings(session),
                    shop_info(session),
                    build_message,
                    merge_values,
                )
            else:
                require_settings(session)  # before anything is recorded
                info = ec.create_email_campaign(
                    session,
                    a.record or template.subject,
                    found,
                    template,
                    actor=ctx.actor,
                    control=control,
                )
                ref = info.id
        if a.dry_run:
            data = {
                "ok": True,
                "dry_run": True,
                "campaign": None,
                "recipients": len(found.recipients),
                "excluded": excluded,
                "preview": preview_json,
            }
            ctx.emit(data, f"would send {len(found.recipients)} messages; excluded {excluded}")
            return 0
    report = ec.send_campaign(db, ref, actor=ctx.actor)
    with db.transaction() as session:
        info = get_campaign(session, report.campaign_id)
    data = {
        "ok": True,
        "dry_run": False,
        "resumed": bool(a.resume),
        "campaign": {"id": info.id, "name": info.name},
        "recipients": info.recipients,
        "excluded": excluded,
        "control": None
        if info.control is None
        else {
            "percent": info.control.percent,
            "seed": info.control.seed,
            "size": len(info.control.customer_ids),
        },
        **report.to_json(),
    }
    ctx.emit(
        data,
        f"{info.name}: sent {report.sent}, refused {report.refused}, "
        f"pending {report.pending}{'; ' + report.stopped if report.stopped else ''}",
    )
    return 0


def _dry_run(
    session: Any, found: Any, template: Any, settings: Any, shop: Any, build: Any, values_of: Any
) -> dict[str, Any]:
    """The first recipient's message as it would go out (subject and text)."""

    if shop is None:
        raise DomainError("email_needs_shop", field="shop_name")
    first = found.recipients[0]
    customer = session.get(Customer, first.customer_id)
    message = build(
        template,
        values_of(session, customer, shop),
        settings,
        shop,
        first.address,
        "preview",
        customer.id,
    )
    return {
        "customer_number": first.customer_number,
        "subject": str(message["Subject"]),
        "body": message.get_body(("plain",)).get_content(),
    }


def cmd_status(ctx: CliContext) -> int:
    from crmdesk.services.email_campaigns import email_status  # deferred: numpy (see cmd_send)

    with ctx.db.transaction() as session:
        status = email_status(session, ctx.args.campaign)
    counts = ", ".join(f"{k} {v}" for k, v in status["counts"].items() if v)
    ctx.emit({"ok": True, **status}, f"{status['campaign']['name']}: {counts}")
    return 0


def cmd_refusals(ctx: CliContext) -> int:
    path = Path(ctx.args.file).expanduser()
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        raise DomainError("email_template_unreadable", field="file", path=str(path)) from None
    with ctx.db.transaction() as session:
        result = import_refusals(session, lines, actor=ctx.actor)
    ctx.emit({"ok": True, **result.to_json()}, f"refusals recorded: {result.refused}")
    return 0
