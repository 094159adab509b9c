"""``kpi``, ``chart`` and ``report monthly``: the owner's figures from the command line."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_analytics"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("kpi", help="headline figures of a period (sales, customers, points...)")
    _period_flags(p)
    p.add_argument(
        "--by",
        choices=("channel",),
        help="channel: new customers, repeat rates, revenue and cost per channel",
    )
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_kpi"))

    p = sub.add_parser("chart", help="draw one dashboard chart to a PNG, PDF or SVG file")
    p.add_argument("name", nargs="?", help="chart name (see --list)")
    _period_flags(p)
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (.png .pdf .svg)")
    p.add_argument("--list", action="store_true", help="list the chart names and stop")
    _lang_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_chart"))

    report = sub.add_parser("report", help="printable reports")
    rsub = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    p = rsub.add_parser("monthly", help="the month's figures and charts as one PDF")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--branch", metavar="CODE", help="only this branch")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _lang_flag(p)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_report_monthly"))


def _lang_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default="ja",
                   help="language of titles, axes and units (default: ja)")  # fmt: skip


def _period_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", metavar="D", help="first day (default: 11 months ago)")
    p.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")
    p.add_argument("--branch", metavar="CODE", help="only this branch")
