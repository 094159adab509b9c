"""What the commands of :mod:`crmdesk.cli.cmd_analytics` do (imported when one runs)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError
from crmdesk.core.money import format_yen
from crmdesk.services.analytics import Period
from crmdesk.services.analytics_dashboard import (
    compute_dashboard,
    kpi,
    monthly_figures,
    resolve_branch,
)
from crmdesk.services.channel_report import channel_report


def _period(ctx: CliContext, session: Session) -> Period:
    period = Period.parse(ctx.args.start, ctx.args.end)
    return period.with_branch(resolve_branch(session, ctx.args.branch))


def cmd_kpi(ctx: CliContext) -> int:
    if ctx.args.by == "channel":
        return _kpi_by_channel(ctx)
    with ctx.db.transaction() as session:
        data = kpi(session, _period(ctx, session))
    text = (
        f"{data['period']['from']} – {data['period']['to']}: 売上 {format_yen(data['sales'])}"
        f"  来店 {data['visits']:,}回  顧客 {data['customers']['total']:,}人"
        f" (新規 {data['customers']['new']:,}人, 来店 {data['customers']['active']:,}人)"
        f"  ポイント残高 {data['points']['outstanding']:,}pt"
        f" ({format_yen(data['points']['liability_yen'])})"
    )
    ctx.emit({"ok": True, **data}, text)
    return 0


def _kpi_by_channel(ctx: CliContext) -> int:
    with ctx.db.transaction() as session:
        data = channel_report(session, _period(ctx, session))

    def rate(v: float | None) -> str:
        return "—" if v is None else f"{v:.0%}"

    def money(v: int | None) -> str:
        return "—" if v is None else format_yen(v)

    lines = [f"{data['period']['from']} – {data['period']['to']}"]
    lines += [
        f"{c['channel'] or '(未設定)'}: 新規 {c['new_customers']:,}人"
        f"  90日再来 {rate(c['repeat_rate_90d'])}  180日再来 {rate(c['repeat_rate_180d'])}"
        f"  180日売上 {format_yen(c['revenue_180d'])}  費用 {money(c['spend_yen'])}"
        f"  新規1人 {money(c['cost_per_new_yen'])}  再来1人 {money(c['cost_per_returning_yen'])}"
        for c in data["channels"]
    ]
    ctx.emit({"ok": True, **data}, "\n".join(lines))
    return 0


def cmd_chart(ctx: CliContext) -> int:
    from crmdesk.reports.charts import CHARTS, SAVE_FORMATS, save  # deferred: matplotlib, ~1 s

    if ctx.args.list:
        charts = [{"name": c.name, "title": c.label(ctx.args.lang)} for c in CHARTS.values()]
        ctx.emit({"ok": True, "charts": charts}, "\n".join(f"{c['name']}\t{c['title']}"
                                                          for c in charts))  # fmt: skip
        return 0
    name = ctx.args.name
    if name not in CHARTS:
        raise DomainError("unknown_chart", field="chart", name=name or "", known=", ".join(CHARTS))
    output = Path(ctx.args.output or f"{name}.png")
    if output.suffix.lower().lstrip(".") not in SAVE_FORMATS:
        raise DomainError("unknown_chart_format", field="output")
    output = ctx.output_path(output)
    with ctx.db.transaction() as session:
        period = _period(ctx, session)
        board = compute_dashboard(session, period, [name])
    save(CHARTS[name].build(board[name], lang=ctx.args.lang), output)
    data = {"ok": True, "chart": name, "path": str(output), "period": board.period.to_json(),
            "rows": len(board[name])}  # fmt: skip
    ctx.emit(data, f"{CHARTS[name].label(ctx.args.lang)}: {output}")
    return 0


def cmd_report_monthly(ctx: CliContext) -> int:
    from crmdesk.reports.monthly import write_monthly_report  # deferred: matplotlib + reportlab

    month = Period.month(ctx.args.month)
    output = Path(ctx.args.output)
    if output.suffix.lower() != ".pdf":
        raise DomainError("invalid_report_output", field="output")
    output = ctx.output_path(output)
    with ctx.db.transaction() as session:
        month = month.with_branch(resolve_branch(session, ctx.args.branch))
        figures = monthly_figures(session, month)
    pages = write_monthly_report(figures, output, lang=ctx.args.lang)
    data = {"ok": True, "month": ctx.args.month, "path": str(output), "pages": pages,
            "sales": figures["current"]["sales"]}  # fmt: skip
    ctx.emit(data, f"monthly report written: {output} ({pages} pages)")
    return 0
