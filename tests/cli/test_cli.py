"""The command line, run as a user runs it: a real process on a real file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crmdesk.cli import main


def run(db: Path, *args: str) -> tuple[int, dict]:
    """Run the CLI in-process and parse its JSON."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--db", str(db), *args])
    return code, json.loads(out.getvalue())


def test_init_demo_and_search(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "init", "--json")
    assert code == 0 and data["ok"] and data["schema"]
    code, data = run(db, "demo", "--customers", "300", "--seed", "7", "--json")
    assert code == 0 and data["customers"] == 300
    code, data = run(db, "search", "たな", "--json")
    assert code == 0 and data["count"] > 0
    assert all(h["kana"].startswith("たな") for h in data["hits"][:3])
    assert set(data["hits"][0]) == {
        "id",
        "customer_number",
        "name",
        "kana",
        "phones",
        "email",
        "postal_code",
        "address",
        "card_number",
        "match",
    }


def test_search_pages_count_and_the_new_kinds_of_query(tmp_path: Path) -> None:
    """Issue 21 through the CLI: the same service as the window, its count and pages."""
    db = tmp_path / "shop.sqlite3"
    for n in range(3):
        run(db, "customer", "add", "--name", f"湊 太郎{n}", "--family-kana", "みなと",
            "--given-kana", "たろう", "--phone", f"090-3000-000{n}", "--json")  # fmt: skip
    run(db, "customer", "add", "--name", "山田 修", "--family-kana", "やまだ",
        "--given-kana", "おさむ", "--phone", "03-3991-2345", "--json")  # fmt: skip
    code, data = run(db, "search", "3991-2345", "--json")
    assert code == 0 and [h["name"] for h in data["hits"]] == ["山田 修"]
    assert data["hits"][0]["match"] == "phone_suffix"
    code, data = run(db, "search", "yamada osamu", "--json")
    assert [h["name"] for h in data["hits"]] == ["山田 修"]
    code, data = run(db, "search", "みなと", "--limit", "2", "--json")
    assert (data["count"], data["found"], data["found_is_floor"], data["more"]) == (2, 3, False, 1)
    code, rest = run(db, "search", "みなと", "--limit", "2", "--offset", "2", "--json")
    assert (rest["count"], rest["more"]) == (1, 0)
    names = {h["name"] for h in data["hits"] + rest["hits"]}
    assert names == {"湊 太郎0", "湊 太郎1", "湊 太郎2"}


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    shown = []
    for name in ("a", "b"):
        db = tmp_path / f"{name}.sqlite3"
        run(db, "demo", "--customers", "50", "--seed", "3", "--json")
        shown.append(run(db, "customer", "show", "000037", "--json")[1]["customer"])
    for record in shown:
        record.pop("id")
    assert shown[0] == shown[1]
    # real postal codes with their own prefecture and city
    from crmdesk.core.postal import address_matches_postal

    c = shown[0]
    assert address_matches_postal(c["postal_code"], c["prefecture"], c["city"])
    assert c["kana"] and c["name"] != c["kana"]


def test_add_show_edit_and_bad_input(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    code, data = run(
        db,
        "customer",
        "add",
        "--name",
        "佐藤 花子",
        "--phone",
        "090-1234-5678",
        "--postal-code",
        "〒100-0001",
        "--birthday",
        "S60.4.1",
        "--json",
    )
    assert code == 0
    customer = data["customer"]
    assert customer["kana"] == "さとう はなこ"  # suggested furigana
    assert customer["birthday"] == "1985-04-01" and customer["birthday_wareki"] == "昭和60年4月1日"
    number = customer["customer_number"]

    code, data = run(
        db, "customer", "add", "--name", "佐藤 花子", "--phone", "09012345678", "--json"
    )
    assert code == 2 and data["error"]["code"] == "possible_duplicate"

    code, data = run(db, "customer", "edit", number, "--phone", "080-0000-1111", "--json")
    assert code == 0 and data["changed"] == ["phone1"]
    code, data = run(db, "search", "08000001111", "--json")
    assert [h["customer_number"] for h in data["hits"]] == [number]

    code, data = run(db, "customer", "edit", number, "--postal-code", "12", "--json")
    assert code == 2
    assert data["error"]["code"] == "invalid_postal_code"
    assert data["error"]["field"] == "postal_code"
    assert run(db, "customer", "show", number, "--json")[1]["customer"]["postal_code"] == "1000001"

    code, data = run(
        db, "customer", "add", "--name", "未来 太郎", "--birthday", "2099-01-01", "--json"
    )
    assert code == 2 and data["error"]["code"] == "birthday_in_future"
    code, data = run(db, "customer", "add", "--name", "重複 番号", "--number", number, "--json")
    assert code == 2 and data["error"]["code"] == "duplicate_customer_number"
    code, data = run(db, "search", "重複", "--json")
    assert data["count"] == 0


def test_erase_needs_confirmation(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    number = run(db, "customer", "add", "--name", "消去 希望", "--json")[1]["customer"][
        "customer_number"
    ]
    code, data = run(db, "customer", "erase", number, "--json")
    assert code == 2 and data["error"]["code"] == "confirmation_required"
    code, data = run(db, "customer", "erase", number, "--yes", "--json")
    assert code == 0
    code, data = run(db, "customer", "show", number, "--json")
    assert code == 2 and data["error"]["code"] == "customer_not_found"


def test_the_installed_command_reports_errors_on_stderr(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "crmdesk",
            "--db",
            str(tmp_path / "x.sqlite3"),
            "customer",
            "add",
            "--name",
            "山田 花子",
            "--email",
            "nope",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "[email]" in proc.stderr and "invalid_email" in proc.stderr
    assert proc.stdout == ""


def command_paths() -> list[tuple[str, bool]]:
    """Every command path of the CLI, and whether it has --json."""
    import argparse

    from crmdesk.cli import build_parser

    found: list[tuple[str, bool]] = []

    def walk(parser: argparse.ArgumentParser, prefix: str) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            has_json = any("--json" in a.option_strings for a in parser._actions)
            found.append((prefix, has_json))
            return
        for name, child in subs[0].choices.items():
            walk(child, f"{prefix} {name}".strip())

    walk(build_parser(), "")
    return found


@pytest.mark.parametrize(("command", "has_json"), command_paths())
def test_every_command_and_its_json_is_documented_in_the_readme(command, has_json) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    heading = f"### `crmdesk {command}`"
    assert heading in readme, f"README has no section {heading}"
    if has_json:
        section = readme.split(heading, 1)[1].split("\n### ", 1)[0]
        assert "```json" in section, f"README shows no JSON for crmdesk {command}"


def test_demo_history_is_consistent(tmp_path: Path) -> None:
    """Nobody in the demo shop bought anything before their first visit."""
    import sqlite3

    db = tmp_path / "shop.sqlite3"
    code, data = run(db, "demo", "--customers", "600", "--seed", "11", "--json")
    assert code == 0 and data["purchases"] > 600
    with sqlite3.connect(db) as conn:
        early = conn.execute(
            "SELECT count(*) FROM purchase p JOIN customer c ON c.id = p.customer_id "
            "WHERE date(p.purchased_at, '+9 hours') < c.first_visit"
        ).fetchone()[0]
        # and no running balance, in the ledger's own order, ever dips below zero
        negative = conn.execute(
            "SELECT count(DISTINCT customer_id) FROM (SELECT customer_id, sum(points) OVER "
            "(PARTITION BY customer_id ORDER BY occurred_at, id) AS running FROM point_entry) "
            "WHERE running < 0"
        ).fetchone()[0]
    assert early == 0 and negative == 0


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "メールアドレスの形式が正しくありません"),
        ({"LANG": "en_US.UTF-8"}, "is not a valid email address"),
        (
            {"LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8"},
            "メールアドレスの形式が正しくありません",
        ),
        ({"LANG": "C.UTF-8"}, "is not a valid email address"),
    ],
)
def test_cli_errors_follow_the_locale(tmp_path: Path, monkeypatch, capsys, env, expected) -> None:
    """Issue 12's 9: CLI errors were English under a Japanese locale."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    args = ["--db", str(tmp_path / "x.sqlite3"), "customer", "add", "--name", "山田 花子"]
    assert main([*args, "--email", "nope"]) == 2
    err = capsys.readouterr().err
    assert expected in err and "[email]" in err and "(invalid_email)" in err
