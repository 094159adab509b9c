"""``init``, ``demo``, ``customer add|show|edit|delete|erase``, ``search``."""

from __future__ import annotations

import argparse
from typing import Any

from crmdesk.cli import CliContext, add_json_flag
from crmdesk.core.errors import DomainError

FIELD_FLAGS = {
    "customer_number": "--number",
    "family_name": "--family-name",
    "given_name": "--given-name",
    "family_kana": "--family-kana",
    "given_kana": "--given-kana",
    "gender": "--gender",
    "birthday": "--birthday",
    "postal_code": "--postal-code",
    "prefecture": "--prefecture",
    "city": "--city",
    "town": "--town",
    "street": "--street",
    "building": "--building",
    "phone1": "--phone",
    "phone2": "--phone2",
    "email": "--email",
    "company": "--company",
    "department": "--department",
    "notes": "--notes",
    "first_visit": "--first-visit",
    "joint_names": "--joint-names",
    "mourning_until": "--mourning-until",
}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create (or migrate) the database file")
    add_json_flag(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="fill the database with realistic demo data")
    p.add_argument("--customers", type=int, default=500, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    add_json_flag(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("search", help="counter search: name, kana, phone, numbers, email")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0, help="skip this many hits (the next page)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_search)

    customer = sub.add_parser("customer", help="add, show, edit, delete or erase a customer")
    csub = customer.add_subparsers(dest="customer_command", metavar="ACTION", required=True)

    p = csub.add_parser("add", help="add a customer")
    p.add_argument("--name", help='full name, family and given split at a space ("山田 花子")')
    _field_flags(p)
    p.add_argument("--dm", choices=("yes", "no"), help="consents to direct mail")
    p.add_argument("--email-ok", choices=("yes", "no"), help="consents to email")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    _custom_flag(p)
    p.add_argument(
        "--allow-duplicate", action="store_true", help="add even when a duplicate is likely"
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_add)

    p = csub.add_parser("show", help="show one customer (id, customer number or card)")
    p.add_argument("ref")
    add_json_flag(p)
    p.set_defaults(handler=cmd_show)

    p = csub.add_parser("edit", help="change fields of a customer")
    p.add_argument("ref")
    p.add_argument("--name")
    _field_flags(p)
    p.add_argument("--dm", choices=("yes", "no"))
    p.add_argument("--email-ok", choices=("yes", "no"))
    p.add_argument("--tag", action="append", help="replace the tags (repeatable)")
    _custom_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=cmd_edit)

    p = csub.add_parser("delete", help="delete a customer (kept as a tombstone)")
    p.add_argument("ref")
    add_json_flag(p)
    p.set_defaults(handler=cmd_delete)

    p = csub.add_parser("erase", help="erase a customer's personal data on request")
    p.add_argument("ref")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    add_json_flag(p)
    p.set_defaults(handler=cmd_erase)


def _field_flags(p: argparse.ArgumentParser) -> None:
    for name, flag in FIELD_FLAGS.items():
        p.add_argument(flag, dest=name, metavar=name.upper())
    p.add_argument(
        "--channel",
        metavar="NAME",
        help='acquisition channel (流入経路) from "channel list"; "" clears it',
    )
    p.add_argument("--referred-by", dest="referred_by", metavar="REF",
                   help="紹介者: customer number, card number, id or a name that finds one "
                   'customer; "" clears it')  # fmt: skip


def _custom_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a custom field's value (repeatable; an empty VALUE clears it)",
    )


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
    from crmdesk.services.channels import ensure_default_channels, find_referrer

    ensure_default_channels(session)
    if args.referred_by is not None:
        ref = args.referred_by.strip()
        values["referred_by_id"] = find_referrer(session, ref).id if ref else None


def cmd_init(ctx: CliContext) -> int:
    from crmdesk.store.migrate import current_revision

    db = ctx.db
    data = {"ok": True, "path": str(ctx.db_path), "schema": current_revision(db.engine)}
    ctx.emit(data, f"database ready: {ctx.db_path} (schema {data['schema']})")
    return 0


MAX_DEMO_CUSTOMERS = 1_000_000


def cmd_demo(ctx: CliContext) -> int:
    from crmdesk.services import demo

    if not 0 <= ctx.args.customers <= MAX_DEMO_CUSTOMERS:
        raise DomainError("out_of_range", field="customers", min=0, max=f"{MAX_DEMO_CUSTOMERS:,}")
    with ctx.db.transaction() as session:
        summary = demo.generate(session, customers=ctx.args.customers, seed=ctx.args.seed)
    parts = ", ".join(f"{k}: {v}" for k, v in summary.items())
    ctx.emit({"ok": True, "seed": ctx.args.seed, **summary}, f"demo data added ({parts})")
    return 0


def cmd_search(ctx: CliContext) -> int:
    from dataclasses import replace

    from crmdesk.core.bounds import check_range
    from crmdesk.services.privacy import masked_phones
    from crmdesk.services.search import COUNT_CAP, find_customers

    actor = ctx.actor
    check_range(ctx.args.offset, "offset", minimum=0, maximum=COUNT_CAP)
    with ctx.db.transaction() as session:
        page = find_customers(session, ctx.args.query, ctx.args.limit, ctx.args.offset)
    hits = [replace(h, phones=list(masked_phones(h.phones, actor))) for h in page.hits]
    data = {
        "query": ctx.args.query,
        "count": len(hits),
        "found": page.total,
        "found_is_floor": page.capped,
        "more": page.more,
        "hits": [h.to_json() for h in hits],
    }
    lines = [
        f"{h.customer_number}  {h.name}（{h.kana}）  {' / '.join(h.phones)}  {h.address}"
        for h in hits
    ]
    if page.more:
        plus = "+" if page.capped else ""
        lines.append(f"... {page.more}{plus} more (--offset {page.offset + len(hits)})")
    ctx.emit(data, "\n".join(lines) if lines else "no customer found")
    return 0


def cmd_add(ctx: CliContext) -> int:
    from crmdesk.core.kana import suggest_furigana
    from crmdesk.services import custom_fields, customer_dupes, customer_index, customers

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
    from crmdesk.services import customer_index, customers, outlook
    from crmdesk.services.privacy import mask_record

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
    from crmdesk.services import custom_fields, customer_index, customers

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
    from crmdesk.services import customer_index, customers

    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.ref)
        customers.delete_customer(session, customer.id, actor=ctx.actor)
    ctx.emit({"ok": True, "id": customer.id}, f"deleted {customer.customer_number}")
    return 0


def cmd_erase(ctx: CliContext) -> int:
    from crmdesk.services import customer_index, erasure

    if not ctx.args.yes:
        raise DomainError("confirmation_required", field="yes")
    with ctx.db.transaction() as session:
        customer = customer_index.resolve_customer(session, ctx.args.ref)
        erasure.erase_customer(session, customer.id, actor=ctx.actor)
    ctx.emit({"ok": True, "id": customer.id}, f"erased the personal data of {customer.id}")
    return 0
