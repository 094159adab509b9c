"""The window's way of writing, in a process a test can kill: an import running on the
background writer (exactly as the import wizard runs it) while the counter records a
purchase on the UI thread every few milliseconds.

    python -m tests.helpers.window_writes DB LIST.csv CARD

Prints ``P <purchase id> <amount>`` after each purchase committed, ``B <rows> <total>``
after each of the import's batches committed but the last, and ``IMPORTED`` when the
import finished; quits after the import and 40 more purchases.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(db_path: str, source: str, card: str) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from crmdesk.services import import_mapping
    from crmdesk.services.purchases import record_purchase
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.store.db import open_database
    from crmdesk.ui.data.import_wizard import _steps_job
    from crmdesk.ui.workers import run_in_background

    app = QApplication([])
    db = open_database(Path(db_path), migrate=False)
    state = {"sold": 0, "after": 0, "imported": False}

    def sell() -> None:
        amount = 1000 + state["sold"]
        with db.transaction() as session:
            result = record_purchase(session, card_number=card, amount=amount, actor=CLI_ACTOR)
        print(f"P {result.purchase_id} {amount}", flush=True)
        state["sold"] += 1
        if state["imported"]:
            state["after"] += 1
            if state["after"] >= 40:
                app.quit()

    def imported(_result: object) -> None:
        state["imported"] = True
        print("IMPORTED", flush=True)

    def batch(done: int, total: int, _message: str) -> None:
        if done < total:
            print(f"B {done} {total}", flush=True)

    def failed(error: Exception) -> None:
        print(f"FAILED {type(error).__name__}", flush=True)
        app.exit(1)

    prepared = import_mapping.prepare(source)
    keep = run_in_background(  # noqa: F841 - the worker must outlive this function's frame
        _steps_job, db, prepared, batch_size=100, actor="window",
        on_done=imported, on_error=failed, on_progress=batch, writes=True,
    )  # fmt: skip
    timer = QTimer()
    timer.timeout.connect(sell)
    timer.start(5)
    code = app.exec()
    db.close()
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
