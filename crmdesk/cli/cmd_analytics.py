"""``kpi``, ``chart`` and ``report monthly``: the owner's figures from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from crmdesk.cli import CliContext, add_json_flag
from crmdesk.core.errors import DomainError
from crmdesk.core.money import format_yen


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("kpi", help="headline figures of a period (sales, customers, points...)")
    _period_flags(p)
    p.add_argument(
        "--by",
        choices=("channel",),
        help="channel: new customers, repeat rates, revenue and cost per channel",
    )
    add_json_flag(p)
    p.set_defaults(handler=cmd_kpi)

    p = sub.add_parser("chart", help="draw one dashboard chart to a PNG, PDF or SVG file")
    p.add_argument("name", nargs="?", help="chart name (see --list)")
    _period_flags(p)
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (.png .pdf .svg)")
    p.add_argument("--list", action="store_true", help="list the chart names and stop")
    _lang_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=cmd_chart)

    report = sub.add_parser("report", help="printable reports")
    rsub = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    p = rsub.add_parser("monthly", help="the month's figures and charts as one PDF")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--branch", metavar="CODE", help="only this branch")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _lang_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=cmd_report_monthly)


def _lang_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default="ja",
                   help="language of titles, axes and units (default: ja)")  # fmt: skip


def _period_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", metavar="D", help="first day (default: 11 months ago)")
    p.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")
    p.add_argument("--branch", metavar="CODE", help="only this branch")


def _period(ctx: CliContext, session: object) -> object:
    from crmdesk.services.analytics import Period
    from crmdesk.services.analytics_dashboard import resolve_branch

    period = Period.parse(ctx.args.start, ctx.args.end)
    return period.with_branch(resolve_branch(session, ctx.args.branch))  # type: ignore[arg-type]


def cmd_kpi(ctx: CliContext) -> int:
    from crmdesk.services.analytics_dashboard import kpi

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
    from crmdesk.services.channel_report import channel_report

    with ctx.db.transaction() as session:
        data = channel_report(session, _period(ctx, session))  # type: ignore[arg-type]

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
    from crmdesk.reports.charts import CHARTS, SAVE_FORMATS, save
    from crmdesk.services.analytics_dashboard import compute_dashboard

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
        board = compute_dashboard(session, period, [name])  # type: ignore[arg-type]
    save(CHARTS[name].build(board[name], lang=ctx.args.lang), output)
    data = {"ok": True, "chart": name, "path": str(output), "period": board.period.to_json(),
            "rows": len(board[name])}  # fmt: skip
    ctx.emit(data, f"{CHARTS[name].label(ctx.args.lang)}: {output}")
    return 0


def cmd_report_monthly(ctx: CliContext) -> int:
    from crmdesk.reports.monthly import write_monthly_report
    from crmdesk.services.analytics import Period
    from crmdesk.services.analytics_dashboard import monthly_figures, resolve_branch

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
