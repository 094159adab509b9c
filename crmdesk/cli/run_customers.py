"""What the commands of :mod:`crmdesk.cli.cmd_customers` do (imported when one runs)."""

from __future__ import annotations

import argparse
from typing import Any

from crmdesk.cli import CliContext
from crmdesk.cli.cmd_customers import FIELD_FLAGS
from crmdesk.core.errors import DomainError
from crmdesk.core.kana import suggest_furigana
from crmdesk.services import custom_fields, customer_dupes, customer_index, customers, demo, erasure
from crmdesk.services.channels import ensure_default_channels, find_referrer
from crmdesk.services.privacy import mask_record
from crmdesk.store.migrate import current_revision


def _custom_values(args: argparse.Namespace) -> dict[str, str]:
    out = {}
    for item in args.field:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DomainError("invalid_field_assignment", field="fields", value=item)
        out[name.strip()] = value
    return out


def _values(args: argparse.Namespace) -> dict[str, Any]:
    values = {n: getattr(args, n) for n in FIELD_FLAGS if getattr(args, n) is not None}
    if args.name is not None:  # --name "" blanks the name, which is then refused
        family, _, given = args.name.strip().replace("\u3000", " ").partition(" ")
        values.setdefault("family_name", family)
        values.setdefault("given_name", given.strip())
    if args.dm is not None:
        values["dm_consent"] = args.dm == "yes"
    if args.email_ok is not None:
        values["email_consent"] = args.email_ok == "yes"
    if args.channel is not None:
        values["channel_id"] = args.channel
    return values


def _referrer(session: Any, args: argparse.Namespace, values: dict[str, Any]) -> None:
    """``--referred-by REF``: the one customer REF names, as ``referred_by_id``."""

    ensure_default_channels(session)
    if args.referred_by is not None:
        ref = args.referred_by.strip()
        values["referred_by_id"] = find_referrer(session, ref).id if ref else None


def cmd_init(ctx: CliContext) -> int:
    db = ctx.db
    data = {"ok": True, "path": str(ctx.db_path), "schema": current_revision(db.engine)}
    ctx.emit(data, f"database ready: {ctx.db_path} (schema {data['schema']})")
    return 0


MAX_DEMO_CUSTOMERS = 1_000_000


def cmd_demo(ctx: CliContext) -> int:
    if not 0 <= ctx.args.customers <= MAX_DEMO_CUSTOMERS:
        raise DomainError("out_of_range", field="customers", min=0, max=f"{MAX_DEMO_CUSTOMERS:,}")
    with ctx.db.transaction() as session:
        summary = demo.generate(session, customers=ctx.args.customers, seed=ctx.args.seed)
    parts = ", ".join(f"{k}: {v}" for k, v in summary.items())
    ctx.emit({"ok": True, "seed": ctx.args.seed, **summary}, f"demo data added ({parts})")
    return 0


def cmd_add(ctx: CliContext) -> int:
    values = _values(ctx.args)
    for name, kana in (("family_name", "family_kana"), ("given_name", "given_kana")):
        if values.get(name) and not values.get(kana):
            values[kana] = suggest_furigana(values[name])
    extra = _custom_values(ctx.args)
    with ctx.db.transaction() as session:
        custom_fields.clean_values(session, extra)  # refused before anything is written
        _referrer(session, ctx.args, values)
        dupes = customer_dupes.find_duplicates(session, values)
        if dupes and not ctx.args.allow_duplicate:
            raise DomainError(
                "possible_duplicate",
                numbers=", ".join(d.customer_number for d in dupes),
            )
        change = customers.create_customer(session, values, actor="cli")
        if ctx.args.tag:
            customers.set_tags(session, change.customer_id, ctx.args.tag, actor="cli")
        custom_fields.set_values(session, change.customer_id, extra, actor="cli")
        record = customers.customer_record(customer_index.get_customer(session, change.customer_id))
    data = {
        "ok": True,
        "customer": record,
        "duplicates": [
            {"id": d.customer_id, "customer_number": d.customer_number, "reasons": d.reasons}
            for d in dupes
        ],
    }
    ctx.emit(data, f"added {record['customer_number']} {record['name']}")
    return 0


def cmd_show(ctx: CliContext) -> int:
    from crmdesk.services import outlook  # deferred: numpy, ~0.2 s; only `customer show` needs it

    actor = ctx.actor
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.ref)
        record = customers.customer_record(customer)
        estimate = outlook.for_customer(session, customer.id)
    record = mask_record(record, actor)
    hidden = {"channel_id", "referred_by_id"} | (
        {"referrals"} if not record["referrals"] else set()
    )
    text = "\n".join(
        f"{k}: {_shown(k, v)}"
        for k, v in record.items()
        if v not in (None, "", []) and k not in hidden
    )
    ctx.emit({"ok": True, "customer": record, "outlook": estimate}, text)
    return 0


def _shown(key: str, value: Any) -> Any:
    """A record's value as ``customer show`` prints it: the channel and referrer by name."""
    if key == "channel":
        return value["name"] + ("" if value["active"] else " (retired)")
    if key == "referred_by":
        return f"{value['customer_number']} {value['name']} (referred {value['referrals']})"
    return value


def cmd_edit(ctx: CliContext) -> int:
    values = _values(ctx.args)
    extra = _custom_values(ctx.args)
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.ref)
        custom_fields.clean_values(session, extra)  # refused before anything is written
        _referrer(session, ctx.args, values)
        change = customers.update_customer(session, customer.id, values, actor="cli")
        fields = list(change.fields)
        fields += [f"field:{n}" for n in custom_fields.set_values(session, customer.id, extra,
                                                                  actor="cli")]  # fmt: skip
        if ctx.args.tag is not None:
            fields += customers.set_tags(session, customer.id, ctx.args.tag, actor="cli").fields
        record = customers.customer_record(customer)
    ctx.emit({"ok": True, "changed": fields, "customer": record}, f"changed: {fields or 'nothing'}")
    return 0


def cmd_delete(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.ref)
        customers.delete_customer(session, customer.id, actor=ctx.actor)
    ctx.emit({"ok": True, "id": customer.id}, f"deleted {customer.customer_number}")
    return 0


def cmd_erase(ctx: CliContext) -> int:
    if not ctx.args.yes:
        raise DomainError("confirmation_required", field="yes")
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.ref)
        erasure.erase_customer(session, customer.id, actor=ctx.actor)
    ctx.emit({"ok": True, "id": customer.id}, f"erased the personal data of {customer.id}")
    return 0
