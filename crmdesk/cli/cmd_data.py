"""``import``, ``export``, ``dupes list|merge|undo``, ``backup``, ``restore``."""

from __future__ import annotations

import argparse

from crmdesk.cli import Handler, add_json_flag

RUN = "crmdesk.cli.run_data"  # the handlers, imported when one of these commands runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import customers from CSV, TSV or xlsx")
    isub = p.add_subparsers(dest="import_command", metavar="WHAT", required=True)
    p = isub.add_parser("customers", help="import a customer list")
    p.add_argument("file")
    p.add_argument("--encoding", help="override the detected encoding (utf-8, cp932, euc_jp)")
    p.add_argument("--mapping", help='JSON file {"header": "field"} correcting the mapping')
    p.add_argument("--sheet", help="the sheet of a workbook with several")
    p.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    p.add_argument("--on-duplicate", choices=("skip", "merge", "import"), default="skip")
    p.add_argument("--choices", help='JSON file {"row": "skip|merge|import"} per duplicate row')
    p.add_argument("--rejects", help="where to write the reject file (default: FILE.rejects.csv)")
    p.add_argument("--batch", type=int, default=1000, help="rows per commit; 0: all or nothing")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_import"))

    p = sub.add_parser("export", help="export customers, a segment, purchases or inquiries")
    esub = p.add_subparsers(dest="export_command", metavar="WHAT", required=True)
    for kind in ("customers", "segment", "purchases", "inquiries"):
        e = esub.add_parser(kind, help=f"export {kind}")
        if kind == "segment":
            e.add_argument("name", help="the saved segment's name")
        e.add_argument(
            "-o",
            "--output",
            required=True,
            metavar="FILE",
            help="the file to write, or - for standard output",
        )
        e.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
        e.add_argument("--encoding", default="utf-8-sig", help="CSV: utf-8-sig (Excel) or cp932")
        add_json_flag(e)
        e.set_defaults(handler=Handler(RUN, "cmd_export"), kind=kind)

    p = sub.add_parser("dupes", help="find and merge customers entered twice (名寄せ)")
    dsub = p.add_subparsers(dest="dupes_command", metavar="ACTION", required=True)
    p = dsub.add_parser("list", help="likely duplicate pairs, best first")
    p.add_argument("--min-score", type=int, default=30)
    p.add_argument("--limit", type=int, default=200)
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_dupes_list"))
    p = dsub.add_parser("merge", help="merge customer B into A (A survives)")
    p.add_argument("a", help="the surviving customer (id, number or card)")
    p.add_argument("b", help="the customer merged into A")
    p.add_argument("--take", action="append", default=[], metavar="FIELD=a|b")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_dupes_merge"))
    p = dsub.add_parser("undo", help="undo a merge by its id")
    p.add_argument("merge_id")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_dupes_undo"))

    p = sub.add_parser("backup", help="back the database up now")
    p.add_argument("--to", metavar="DIR", help="folder (default: backups/ beside the file)")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_backup"))

    p = sub.add_parser("restore", help="replace the database with a checked backup")
    p.add_argument("file")
    add_json_flag(p)
    p.set_defaults(handler=Handler(RUN, "cmd_restore"))
