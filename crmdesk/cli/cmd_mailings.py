"""``segment list|show|save|delete``, ``labels``, ``postcards``, ``campaign list|show|report``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from crmdesk.cli import CliContext, add_json_flag
from crmdesk.core.errors import DomainError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    segment = sub.add_parser("segment", help="saved customer segments")
    ssub = segment.add_subparsers(dest="segment_command", metavar="ACTION", required=True)
    p = ssub.add_parser("list", help="every saved segment with its current count")
    add_json_flag(p)
    p.set_defaults(handler=cmd_segment_list)
    p = ssub.add_parser("show", help="one segment: its conditions and members")
    p.add_argument("name", help="segment name or id")
    p.add_argument("--limit", type=int, default=50, help="members to list (default 50)")
    add_json_flag(p)
    p.set_defaults(handler=cmd_segment_show)
    p = ssub.add_parser("save", help="create a segment, or replace the conditions of one")
    p.add_argument("name", help="segment name")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--definition", metavar="FILE.json", help="the condition tree as a file")
    source.add_argument("--json-text", metavar="JSON", help="the condition tree as text")
    p.add_argument("--description", metavar="TEXT", help="a note shown with the segment")
    add_json_flag(p)
    p.set_defaults(handler=cmd_segment_save)
    p = ssub.add_parser("delete", help="delete a segment (past mailings keep their list)")
    p.add_argument("name", help="segment name or id")
    add_json_flag(p)
    p.set_defaults(handler=cmd_segment_delete)

    p = sub.add_parser("labels", help="print a segment's DM labels to a PDF")
    _mailing_flags(p, segment_required=False)
    p.add_argument(
        "--calibration",
        action="store_true",
        help="a test page for plain paper: the layout's outlines moved by the offsets",
    )
    p.add_argument("--layout", required=True, metavar="CODE", help="label sheet layout code")
    p.add_argument("--start", type=int, metavar="N", help="first free label on the sheet")
    p.add_argument("--offset-x", type=float, metavar="MM", help="default: as remembered")
    p.add_argument("--offset-y", type=float, metavar="MM", help="default: as remembered")
    p.add_argument("--number", action="store_true", help="print the customer number")
    p.set_defaults(handler=cmd_labels)

    p = sub.add_parser("sheets", help="the label sheets known, with the codes --layout takes")
    add_json_flag(p)
    p.set_defaults(handler=cmd_sheets)

    p = sub.add_parser("postcards", help="print a segment's postcard address sides to a PDF")
    _mailing_flags(p)
    p.set_defaults(handler=cmd_postcards)

    campaign = sub.add_parser("campaign", help="DM mailings sent, their recipients, responses")
    csub = campaign.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="every mailing, newest first")
    add_json_flag(p)
    p.set_defaults(handler=cmd_campaign_list)
    p = csub.add_parser("show", help="one mailing and who got it (as printed then)")
    p.add_argument("ref", help="mailing id or name")
    add_json_flag(p)
    p.set_defaults(handler=cmd_campaign_show)
    p = csub.add_parser("report", help="who came back after a mailing, against a baseline")
    p.add_argument("ref", help="mailing id or name")
    p.add_argument("--days", type=int, default=30, help="days after sending (default 30)")
    p.add_argument(
        "--cost-per-piece", type=int, metavar="YEN", help="cost per piece (default: as recorded)"
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_campaign_report)


def _mailing_flags(p: argparse.ArgumentParser, *, segment_required: bool = True) -> None:
    p.add_argument(
        "--segment", required=segment_required, metavar="NAME", help="segment name or id"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--sort", choices=("postal",), help="sort by postal code")
    p.add_argument("--household", action="store_true", help="one per household")
    p.add_argument("--outlines", action="store_true", help="draw outlines (test print)")
    p.add_argument("--barcode", action="store_true", help="print Japan Post's customer barcode")
    p.add_argument("--record", metavar="NAME", help="save as a mailing with this name")
    p.add_argument(
        "--control",
        type=int,
        metavar="PERCENT",
        help="hold back this share of recipients at random as a control group (with --record)",
    )
    p.add_argument("--control-seed", type=int, metavar="N", help="the hold-out's seed")
    p.add_argument("--cost-per-piece", type=int, metavar="YEN", help="postage and print per piece")
    add_json_flag(p)


def cmd_segment_list(ctx: CliContext) -> int:
    from crmdesk.services import segments

    with ctx.db.transaction() as session:
        found = segments.list_segments(session, with_counts=True)
    data = {"ok": True, "segments": [s.to_json() for s in found]}
    ctx.emit(data, "\n".join(f"{s.name}\t{s.count}" for s in found) or "no segments")
    return 0


def cmd_segment_show(ctx: CliContext) -> int:
    from crmdesk.services import segments

    with ctx.db.transaction() as session:
        info = segments.get_segment(session, ctx.args.name)
        count = segments.count_segment(session, info.definition)
        found = segments.members(session, info.definition, limit=max(ctx.args.limit, 0))
        listed = [{"id": c.id, "customer_number": c.customer_number, "name": c.name} for c in found]
    data = {"ok": True, "segment": {**info.to_json(), "count": count}, "members": listed}
    lines = [f"{info.name}: {count}"] + [f"{m['customer_number']}  {m['name']}" for m in listed]
    ctx.emit(data, "\n".join(lines))
    return 0


def _definition(args: argparse.Namespace) -> Any:
    """The condition tree given on the command line, parsed (the service validates it)."""
    if args.definition is not None:
        path = Path(args.definition).expanduser()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise DomainError(
                "segment_definition_unreadable", field="definition", path=str(path)
            ) from error
    else:
        text = args.json_text
    try:
        return json.loads(text)
    except RecursionError:  # nested deeper than Python's parser goes: far past MAX_DEPTH
        from crmdesk.core.segments import MAX_DEPTH

        raise DomainError("segment_too_deep", field="op", max=MAX_DEPTH) from None
    except json.JSONDecodeError as error:
        raise DomainError(
            "segment_definition_not_json",
            field="definition",
            line=error.lineno,
            column=error.colno,
            reason=error.msg,
        ) from error


def cmd_segment_save(ctx: CliContext) -> int:
    from crmdesk.core.errors import NotFoundError
    from crmdesk.services import segments

    tree = _definition(ctx.args)
    with ctx.db.transaction() as session:
        try:
            existing = segments.get_segment(session, ctx.args.name)
        except NotFoundError:
            existing = None
        if existing is not None and existing.id == ctx.args.name.strip():
            existing = None  # an id is not a name: "save ID" makes a segment called ID
        description = ctx.args.description
        if description is None:
            description = existing.description if existing else ""
        info = segments.save_segment(
            session,
            ctx.args.name,
            tree,
            description=description,
            segment_id=existing.id if existing else None,
            actor="cli",
        )
        count = segments.count_segment(session, info.definition)
    data = {
        "ok": True,
        "created": existing is None,
        "segment": {**info.to_json(), "count": count},
    }
    verb = "created" if existing is None else "replaced"
    ctx.emit(data, f"{verb} {info.name}: {count}")
    return 0


def cmd_segment_delete(ctx: CliContext) -> int:
    from crmdesk.services import segments

    with ctx.db.transaction() as session:
        info = segments.get_segment(session, ctx.args.name)
        segments.delete_segment(session, info.id, actor="cli")
    ctx.emit({"ok": True, "deleted": {"id": info.id, "name": info.name}}, f"deleted {info.name}")
    return 0


def _output(ctx: CliContext) -> Path:
    return ctx.output_path(ctx.args.output)


def _request(ctx: CliContext, kind: str, **extra: Any) -> Any:
    from crmdesk.services.mailings_print import PrintRequest

    args = ctx.args
    return PrintRequest(
        kind=kind,
        outlines=args.outlines,
        barcode=args.barcode,
        record_name=args.record or "",
        control_percent=args.control,
        control_seed=args.control_seed,
        cost_per_piece=args.cost_per_piece,
        **extra,
    )


def _plan(ctx: CliContext, session: Any, request: Any) -> Any:
    """The segment's mailing, checked and made into a print job (before anything is drawn)."""
    from crmdesk.services import mailings, mailings_print

    mailings_print.check_request(request)
    mailing = mailings.preview(
        session,
        ctx.args.segment,
        actor=ctx.actor,
        one_per_household=ctx.args.household,
        sort_postal=ctx.args.sort == "postal",
    )
    return mailings_print.make_job(session, mailing, request)


def _summary(ctx: CliContext, job: Any, done: Any, out: Path, **extra: Any) -> dict[str, Any]:
    mailing, control, record = job.mailing, job.control, done.campaign
    return {
        "ok": True,
        "file": str(out),
        "segment": mailing.segment_name,
        "recipients": len(mailing.addressees),
        "joint": mailing.people - len(mailing.addressees),
        "excluded": mailing.reason_counts(),
        "campaign": {"id": record.id, "name": record.name} if record else None,
        "control": None
        if control is None
        else {"percent": control.percent, "seed": control.seed, "size": len(control.customer_ids)},
        "barcode": _barcode_summary(mailing) if ctx.args.barcode else None,
        **extra,
    }


def cmd_sheets(ctx: CliContext) -> int:
    """``sheets``: every label sheet layout (built in and the owner's), by code."""
    from crmdesk.reports.layouts import load_layouts

    layouts = sorted(load_layouts().values(), key=lambda layout: layout.code)
    sheets = [
        {
            "code": layout.code,
            "title": layout.title,
            "maker": layout.maker,
            "product": layout.product,
            "paper": layout.paper,
            "labels": layout.per_sheet,
            "cols": layout.cols,
            "rows": layout.rows,
            "label_w_mm": layout.label_w_mm,
            "label_h_mm": layout.label_h_mm,
            "custom": layout.custom,
        }
        for layout in layouts
    ]
    width = max((len(s["code"]) for s in sheets), default=0)
    text = "\n".join(f"{s['code']:<{width}}  {s['title']}" for s in sheets)
    ctx.emit({"ok": True, "sheets": sheets}, text)
    return 0


def _barcode_summary(mailing: Any) -> dict[str, Any]:
    """How many got a customer barcode, and who not (no address number in the address)."""
    from crmdesk.reports.barcode import barcode_for

    missing = [a.customer_number for a in mailing.addressees if barcode_for(a) is None]
    return {"printed": len(mailing.addressees) - len(missing), "no_address_number": missing}


def cmd_labels(ctx: CliContext) -> int:
    from crmdesk.reports.labels import LabelOptions, render_labels
    from crmdesk.reports.layouts import get_layout
    from crmdesk.services import mailings_print
    from crmdesk.services.label_offsets import Offsets

    args = ctx.args
    out = _output(ctx)
    layout = get_layout(args.layout)
    if args.calibration:
        return _calibration(ctx, layout, out)
    if not args.segment:
        raise DomainError("required", field="segment")
    given = args.offset_x is not None or args.offset_y is not None
    request = _request(
        ctx,
        "labels",
        layout_code=layout.code,
        start_at=args.start,
        offsets=Offsets(args.offset_x or 0.0, args.offset_y or 0.0) if given else None,
        show_customer_number=args.number,
    )
    with ctx.db.transaction() as session:
        job = _plan(ctx, session, request)
        result = render_labels(job.addressees, layout, LabelOptions(**job.label_options()), out)
        done = mailings_print.record_print(
            session,
            job,
            last_position=result.last_position,
            per_sheet=layout.per_sheet,
            actor=ctx.actor,
        )
    data = _summary(
        ctx,
        job,
        done,
        out,
        layout=layout.code,
        pages=result.pages,
        labels=result.labels,
        start=job.start_at,
        last_position=result.last_position,
        next_start=done.next_start,
        offset_x_mm=job.offsets.x_mm,
        offset_y_mm=job.offsets.y_mm,
    )
    text = f"{result.labels} labels on {result.pages} sheets: {out} (next: {done.next_start})"
    ctx.emit(data, text)
    return 0


def _calibration(ctx: CliContext, layout: Any, out: Path) -> int:
    """``labels --calibration``: the outlines of ``layout`` moved by the offsets, no data."""
    from crmdesk.reports.labels import render_calibration_page

    dx, dy = ctx.args.offset_x or 0.0, ctx.args.offset_y or 0.0
    render_calibration_page(layout, out, offset_x_mm=dx, offset_y_mm=dy)
    data = {
        "ok": True,
        "file": str(out),
        "calibration": True,
        "layout": layout.code,
        "offset_x_mm": dx,
        "offset_y_mm": dy,
        "labels": layout.per_sheet,
    }
    ctx.emit(data, f"calibration page for {layout.code} ({dx:+.1f} / {dy:+.1f} mm): {out}")
    return 0


def cmd_postcards(ctx: CliContext) -> int:
    from crmdesk.reports.postcards import Sender, render_postcards
    from crmdesk.services import mailings_print

    out = _output(ctx)
    request = _request(ctx, "postcards")
    with ctx.db.transaction() as session:
        job = _plan(ctx, session, request)
        sender = Sender(**job.sender) if job.sender else None
        pages = render_postcards(
            job.addressees, sender, out, outlines=request.outlines, barcode=request.barcode
        )
        done = mailings_print.record_print(session, job, actor=ctx.actor)
    ctx.emit(_summary(ctx, job, done, out, pages=pages), f"{pages} postcards: {out}")
    return 0


def cmd_campaign_list(ctx: CliContext) -> int:
    from crmdesk.services import campaigns

    with ctx.db.transaction() as session:
        found = campaigns.list_campaigns(session)
    data = {"ok": True, "campaigns": [c.to_json() for c in found]}
    lines = [f"{c.sent_on}  {c.name}  {c.recipients}" for c in found]
    ctx.emit(data, "\n".join(lines) or "no mailings")
    return 0


def cmd_campaign_show(ctx: CliContext) -> int:
    from crmdesk.services import campaigns

    with ctx.db.transaction() as session:
        info = campaigns.get_campaign(session, ctx.args.ref)
        frozen = campaigns.frozen_recipients(session, info.id)
    data = {"ok": True, "campaign": info.to_json(), "recipients": [r.to_json() for r in frozen]}
    lines = [f"{info.sent_on} {info.name}: {info.recipients}"] + [
        f"{r.position:>4}  {r.addressee.customer_number}  {r.addressee.name}" for r in frozen
    ]
    ctx.emit(data, "\n".join(lines))
    return 0


def _interval(estimate: Any, *, percent: bool = False) -> str:
    if estimate.value is None:
        return {
            "group_too_small": "too few people to tell",
            "too_few_visits": "too few visits to tell",
        }.get(estimate.reason, estimate.reason)

    def f(x: float) -> str:
        return f"{x * 100:+.1f} pt" if percent else f"{x:+,.0f}"

    return f"{f(estimate.value)} (95%: {f(estimate.low)} to {f(estimate.high)})"


def cmd_campaign_report(ctx: CliContext) -> int:
    from crmdesk.services import responses

    with ctx.db.transaction() as session:
        report = responses.response_report(
            session, ctx.args.ref, days=ctx.args.days, cost_per_piece=ctx.args.cost_per_piece
        )
    r, b = report.recipients, report.baseline
    lines = [
        f"{report.campaign_name} ({report.sent_on}, {report.days} days)",
        f"recipients: {r.responders}/{r.size} = {r.rate:.1%}, sales {r.sales:,} yen",
        f"baseline:   {b.responders}/{b.size} = {b.rate:.1%}, sales {b.sales:,} yen"
        " (left out for a reason: not comparable)",
    ]
    if report.control is not None and report.uplift is not None:
        c, u = report.control, report.uplift
        lines.append(f"control:    {c.responders}/{c.size} = {c.rate:.1%}, sales {c.sales:,} yen")
        lines.append(f"visits lift: {_interval(u.visits, percent=True)}")
        lines.append(f"spend lift:  {_interval(u.spend)} yen per head")
        lines.append(f"extra sales: {_interval(u.extra_sales)} yen")
        if u.net is not None:
            lines.append(f"after cost {u.cost:,} yen: {_interval(u.net)} yen")
    text = "\n".join(lines)
    ctx.emit({"ok": True, **report.to_json()}, text)
    return 0
