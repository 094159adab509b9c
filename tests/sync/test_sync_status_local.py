"""The sync state the window reads at start-up comes from the file alone: without the
engine, the hub code or psycopg loaded (they cost a fifth of a second of every launch)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crmdesk.sync import api, status


def test_the_status_read_at_start_up_leaves_the_hub_code_unloaded(db_path: Path) -> None:
    code = (
        "import json, sys; from pathlib import Path; from crmdesk.store.db import open_database; "
        "from crmdesk.sync.status import status; db = open_database(Path(sys.argv[1])); "
        "s = status(db); db.close(); "
        "print(json.dumps({'status': {k: s[k] for k in ('joined', 'waiting', 'conflicts')}, "
        "'loaded': sorted(m for m in sys.modules if m.split('.')[0] == 'psycopg' "
        "or m in ('crmdesk.sync.engine', 'crmdesk.sync.hub', 'crmdesk.sync.upload'))}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db_path)], capture_output=True, text=True, check=True
    )
    answer = json.loads(out.stdout)
    assert answer["status"] == {"joined": False, "waiting": 0, "conflicts": 0}
    assert answer["loaded"] == []


def test_the_api_answers_with_the_same_status(db) -> None:
    assert api.status is status.status
    assert api.status(db)["joined"] is False
    assert [api.retry_in(n) for n in (0, 1, 2, 10)] == [0, 5, 10, 300]
