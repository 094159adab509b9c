"""``crmdesk sync now --progress-lines``: what the window's sync process speaks."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from crmdesk.sync import api
from tests.sync.conftest import crmdesk_command
from tests.ui.sync.test_sync_typing import add_many


def test_progress_lines_then_the_result_and_a_stop_line_stops_at_a_batch_end(
    make_branch: Any, hub: str, sync_env: dict[str, str]
) -> None:
    branch = make_branch("A")
    api.join(branch.db, hub, branch_code="A", name="本店")
    add_many(branch.db, 30)
    command = crmdesk_command(branch.path, "sync", "now", "--json", "--progress-lines")
    done = subprocess.run(
        [*command, "--max-batch", "10"], input="", capture_output=True, text=True, env=sync_env
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    steps = [json.loads(line)["progress"] for line in lines if line.startswith('{"progress"')]
    assert [(s["phase"], s["done"], s["total"]) for s in steps][:3] == [
        ("push", 10, 30), ("push", 20, 30), ("push", 30, 30)
    ]  # fmt: skip
    result = json.loads("\n".join(line for line in lines if not line.startswith('{"progress"')))
    assert result["ok"] is True and result["pushed"] == 30
    assert api.status(branch.db)["waiting"] == 0

    add_many(branch.db, 30)  # now asked to stop before the first batch is through
    stopped = subprocess.run(
        [*command, "--max-batch", "10"], input="stop\n", capture_output=True, text=True,
        env=sync_env,
    )  # fmt: skip
    assert stopped.returncode == 0, stopped.stderr
    answer = json.loads(_last_json(stopped.stdout))
    assert answer == {"ok": True, "stopped": True, "waiting": answer["waiting"]}
    assert 0 < answer["waiting"] <= 30 and api.status(branch.db)["waiting"] == answer["waiting"]


def _last_json(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith('{"progress"'))


def test_a_time_limit_out_of_range_names_the_option(
    make_branch: Any, sync_env: dict[str, str]
) -> None:
    branch = make_branch("A")
    command = crmdesk_command(branch.path, "sync", "now", "--json", "--time-limit", "0")
    done = subprocess.run(command, capture_output=True, text=True, env=sync_env)
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert error["code"] == "out_of_range" and error["field"] == "time_limit"
