"""``segment list|show|save|delete``, ``labels``, ``postcards``, ``campaign list|show|report``."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_mailings"  # the handlers, imported when one of these commands runs
SEGMENTS = "crmdesk.cli.run_segments"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    segment = sub.add_parser("segment", help="saved customer segments")
    ssub = segment.add_subparsers(dest="segment_command", metavar="ACTION", required=True)
    p = ssub.add_parser("list", help="every saved segment with its current count")
    add_json_flag(p)
    p.set_defaults(handler=Handler(SEGMENTS, "cmd_segment_list"))
    p = ssub.add_parser("show", help="one segment: its conditions and members")
    p.add_argument("name", help="segment name or id")
    p.add_argument("--limit", type=int, default=50, help="members to list (default 50)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(SEGMENTS, "cmd_segment_show"))
    p = ssub.add_parser("save", help="create a segment, or replace the conditions of one")
    p.add_argument("name", help="segment name")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--definition", metavar="FILE.json", help="the condition tree as a file")
    source.add_argument("--json-text", metavar="JSON", help="the condition tree as text")
    p.add_argument("--description", metavar="TEXT", help="a note shown with the segment")
    add_json_flag(p)
    p.set_defaults(handler=Handler(SEGMENTS, "cmd_segment_save"))
    p = ssub.add_parser("delete", help="delete a segment (past mailings keep their list)")
    p.add_argument("name", help="segment name or id")
    add_json_flag(p)
    p.set_defaults(handler=Handler(SEGMENTS, "cmd_segment_delete"))

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
    p.set_defaults(handler=Handler(RUN, "cmd_labels"))

    p = sub.add_parser("sheets", help="the label sheets known, with the codes --layout takes")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_sheets"))

    p = sub.add_parser("postcards", help="print a segment's postcard address sides to a PDF")
    _mailing_flags(p)
    p.set_defaults(handler=Handler(RUN, "cmd_postcards"))

    campaign = sub.add_parser("campaign", help="DM mailings sent, their recipients, responses")
    csub = campaign.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    p = csub.add_parser("list", help="every mailing, newest first")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_campaign_list"))
    p = csub.add_parser("show", help="one mailing and who got it (as printed then)")
    p.add_argument("ref", help="mailing id or name")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_campaign_show"))
    p = csub.add_parser("report", help="who came back after a mailing, against a baseline")
    p.add_argument("ref", help="mailing id or name")
    p.add_argument("--days", type=int, default=30, help="days after sending (default 30)")
    p.add_argument(
        "--cost-per-piece", type=int, metavar="YEN", help="cost per piece (default: as recorded)"
    )
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_campaign_report"))


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
