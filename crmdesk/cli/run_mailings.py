"""What ``labels``, ``sheets``, ``postcards`` and ``campaign list|show|report`` do (imported when
one runs; the ``segment`` commands are in :mod:`crmdesk.cli.run_segments`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError
from crmdesk.core.uplift import Estimate
from crmdesk.reports.layouts import get_layout, load_layouts
from crmdesk.services import campaigns, mailings, mailings_print, responses
from crmdesk.services.label_offsets import Offsets
from crmdesk.services.mailings_print import PrintRequest


def _output(ctx: CliContext) -> Path:
    return ctx.output_path(ctx.args.output)


def _request(ctx: CliContext, kind: str, **extra: Any) -> Any:
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

    layouts = sorted(load_layouts().values(), key=lambda layout: layout.code)
    sheets: list[dict[str, Any]] = [
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
    from crmdesk.reports.barcode import barcode_for  # deferred: reportlab; campaigns draw no PDF

    missing = [a.customer_number for a in mailing.addressees if barcode_for(a) is None]
    return {"printed": len(mailing.addressees) - len(missing), "no_address_number": missing}


def cmd_labels(ctx: CliContext) -> int:
    # deferred: reportlab; campaigns draw no PDF
    from crmdesk.reports.labels import LabelOptions, render_labels

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
    # deferred: reportlab; campaigns draw no PDF
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
    # deferred: reportlab; campaigns draw no PDF
    from crmdesk.reports.postcards import Sender, render_postcards

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
    with ctx.db.transaction() as session:
        found = campaigns.list_campaigns(session)
    data = {"ok": True, "campaigns": [c.to_json() for c in found]}
    lines = [f"{c.sent_on}  {c.name}  {c.recipients}" for c in found]
    ctx.emit(data, "\n".join(lines) or "no mailings")
    return 0


def cmd_campaign_show(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        info = campaigns.get_campaign(session, ctx.args.ref)
        frozen = campaigns.frozen_recipients(session, info.id)
    data = {"ok": True, "campaign": info.to_json(), "recipients": [r.to_json() for r in frozen]}
    lines = [f"{info.sent_on} {info.name}: {info.recipients}"] + [
        f"{r.position:>4}  {r.addressee.customer_number}  {r.addressee.name}" for r in frozen
    ]
    ctx.emit(data, "\n".join(lines))
    return 0


def _interval(estimate: Estimate, *, percent: bool = False) -> str:
    if estimate.value is None or estimate.low is None or estimate.high is None:
        return {
            "group_too_small": "too few people to tell",
            "too_few_visits": "too few visits to tell",
        }.get(estimate.reason, estimate.reason)

    def f(x: float) -> str:
        return f"{x * 100:+.1f} pt" if percent else f"{x:+,.0f}"

    return f"{f(estimate.value)} (95%: {f(estimate.low)} to {f(estimate.high)})"


def cmd_campaign_report(ctx: CliContext) -> int:
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
