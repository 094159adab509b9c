"""What the commands of :mod:`crmdesk.cli.cmd_outlook` do (imported when one runs)."""

from __future__ import annotations

import pandas as pd

from crmdesk.cli import CliContext
from crmdesk.core.clv import FitError, fit_summary
from crmdesk.core.errors import DomainError
from crmdesk.services import outlook


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 10_000:
        raise DomainError("invalid_limit", field="limit")
    return value


def cmd_outlook(ctx: CliContext) -> int:
    if ctx.args.fit_summary:
        return _fit_summary(ctx)
    limit = _limit(ctx.args.limit)
    with ctx.db.transaction() as session:
        run = outlook.last_run(session)
        if ctx.args.refresh or run is None:
            run = {**outlook.refresh(session).to_json()}
        found = [r.to_json() for r in outlook.valuable_at_risk(session, limit=limit)]
    lines = [f"model {run['model']} as of {run['as_of']} ({run['customers']} customers)"
             + (f": {run['reason']}" if run.get("reason") else "")]  # fmt: skip
    for r in found:
        p = "—" if r["p_active"] is None else f"{r['p_active']:.0%}"
        lines.append(f"{r['customer_number']}  {r['name']}  spent {r['spend_total']:,} yen  "
                     f"last {r['last_visit']}  still active {p}")  # fmt: skip
    ctx.emit({"ok": True, "model": run, "customers": found}, "\n".join(lines))
    return 0


def _fit_summary(ctx: CliContext) -> int:
    path = ctx.args.fit_summary
    try:
        table = pd.read_csv(path)
    except (OSError, ValueError) as error:
        raise DomainError("fit_summary_unreadable", field="fit_summary", path=path) from error
    missing = [c for c in ("frequency", "recency", "T") if c not in table.columns]
    if missing:
        raise DomainError("fit_summary_columns", field="fit_summary", columns=", ".join(missing))
    columns = {c: table[c] for c in ("frequency", "recency", "T", "monetary_value")
               if c in table.columns}  # fmt: skip
    try:
        found = fit_summary(columns)
    except (FitError, ValueError) as error:
        raise DomainError("fit_summary_failed", field="fit_summary", reason=str(error)) from None
    text = ", ".join(f"{k} = {v:.4g}" for k, v in found.items())
    ctx.emit({"ok": True, **found}, text)
    return 0
