"""Workers for the multi-process tests: each opens the file itself, waits at a barrier so
all of them act at the same instant, and reports what happened (never raises)."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.helpers.factories import TODAY


def _outcome(action: Callable[[], Any]) -> str:
    from crmdesk.core.errors import DomainError

    try:
        action()
    except DomainError as error:
        return f"refused:{error.code}"
    except Exception:  # a crash is what the tests look for
        return "crash:" + traceback.format_exc(limit=3)
    return "ok"


def redeem(db_path: Path, card: str, points: int, barrier: Any, out: Any) -> None:
    from crmdesk.services.purchases import record_purchase
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.store.db import open_database

    db = open_database(db_path, migrate=False)

    def action() -> None:
        with db.transaction() as session:
            record_purchase(session, card_number=card, amount=1000, redeem=points, actor=CLI_ACTOR)

    barrier.wait()
    out.put(_outcome(action))
    db.close()


def add_customer(db_path: Path, name: str, barrier: Any, out: Any) -> None:
    from crmdesk.services import customers
    from crmdesk.store.db import open_database

    db = open_database(db_path, migrate=False)
    values = {"family_name": name, "family_kana": "ひかく", "phone1": "03-1234-5678"}

    def action() -> None:
        with db.transaction() as session:
            customers.create_customer(session, values, today=TODAY)

    barrier.wait()
    out.put(_outcome(action))
    db.close()


def issue_card(db_path: Path, customer_id: str, barrier: Any, out: Any) -> None:
    from crmdesk.services import cards
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.store.db import open_database

    db = open_database(db_path, migrate=False)

    def action() -> None:
        with db.transaction() as session:
            cards.issue_card(session, customer_id, actor=CLI_ACTOR)

    barrier.wait()
    out.put(_outcome(action))
    db.close()


def run_import(db_path: Path, source: Path, barrier: Any, out: Any) -> None:
    from crmdesk.services import import_mapping, importer
    from crmdesk.store.db import open_database

    db = open_database(db_path, migrate=False)

    def action() -> None:
        prepared = import_mapping.prepare(source)
        steps = importer.run_import(db, prepared, batch_size=50, actor="test")
        for _ in steps:
            pass

    barrier.wait()
    out.put(_outcome(action))
    db.close()


def first_open(db_path: Path, name: str, barrier: Any, out: Any) -> None:
    """Open (create and migrate) a file that does not exist yet, then add a customer."""
    from crmdesk.services import customers
    from crmdesk.store.db import open_database

    values = {"family_name": name, "family_kana": "しんき"}

    def action() -> None:
        db = open_database(db_path)
        try:
            with db.transaction() as session:
                customers.create_customer(session, values, today=TODAY)
        finally:
            db.close()

    barrier.wait()
    out.put(_outcome(action))
