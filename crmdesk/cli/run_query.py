"""What the commands of :mod:`crmdesk.cli.cmd_query` do (imported when one runs)."""

from __future__ import annotations

import base64
import csv
import json
import re
import sys
from typing import Any

from tabulate import tabulate

from crmdesk.cli import CliContext
from crmdesk.core.errors import DomainError
from crmdesk.services.query import record_query, run_query

_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cmd_query(ctx: CliContext) -> int:
    args = ctx.args
    params: dict[str, Any] = {}
    for name, value in args.param:
        if not _PARAM_NAME.match(name):
            raise DomainError("query_bad_parameter", field="sql", name=name)
        params[name] = value
    db = ctx.db  # opens (and migrates) the file first, so the query sees today's schema
    result = run_query(ctx.db_path, args.sql, params, actor=ctx.actor, timeout_s=args.timeout)
    with db.transaction() as session:
        record_query(session, args.sql, params, result, ctx.actor)
    if args.json:
        json.dump([_jsonable(r) for r in result.rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.nl:
        for row in result.rows:
            print(json.dumps(_jsonable(row), ensure_ascii=False))
    elif args.csv or args.tsv:
        writer = csv.writer(sys.stdout, delimiter="\t" if args.tsv else ",", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([row[c] for c in result.columns] for row in result.rows)
    else:
        rows = [list(r.values()) for r in result.rows]
        print(tabulate(rows, headers=result.columns, disable_numparse=True))
    return 0


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """BLOBs as sqlite-utils writes them: ``{"$base64": true, "encoded": ...}``."""
    return {
        key: {"$base64": True, "encoded": base64.b64encode(v).decode()}
        if isinstance(v, bytes)
        else v
        for key, v in row.items()
    }
