"""import / export / dupes / backup / restore from the command line, on real files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run

LIST = (
    "氏名,フリガナ,電話,〒\r\n"
    "山田 花子,ヤマダ ハナコ,090-1111-2222,100-0001\r\n"
    "佐藤 次郎,サトウ ジロウ,090-3333-4444,1000001\r\n"
    "佐藤 次郎,さとう じろう,090-3333-4444,\r\n"
    "木村 拓,キムラ タク,090-5555-6666,999\r\n"
)


def test_import_dry_run_choices_and_mapping(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    source = tmp_path / "list.csv"
    source.write_bytes(LIST.encode("cp932"))
    code, data = run(db, "import", "customers", str(source), "--dry-run", "--json")
    assert code == 0 and data["dry_run"] and data["encoding"] == "cp932"
    assert (data["created"], data["skipped"], data["rejected"]) == (2, 1, 1)
    assert data["duplicates"][0]["row"] == 4 and data["duplicates"][0]["existing_row"] == 3
    assert run(db, "search", "やまだ", "--json")[1]["count"] == 0

    choices = tmp_path / "choices.json"
    choices.write_text(json.dumps({"4": "import"}), encoding="utf-8")
    code, data = run(db, "import", "customers", str(source), "--choices", str(choices), "--json")
    assert code == 0 and data["created"] == 3 and data["rejected"] == 1
    assert Path(data["reject_file"]).read_text(encoding="utf-8-sig").count("\n") == 2
    assert run(db, "search", "さとう じろう", "--json")[1]["count"] == 2

    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"氏名": None}), encoding="utf-8")
    code, data = run(db, "import", "customers", str(source), "--mapping", str(mapping), "--json")
    assert code == 2 and data["error"]["code"] == "no_name_column"
    code, data = run(db, "import", "customers", str(source), "--encoding", "x-mars", "--json")
    assert code == 2 and data["error"] == {**data["error"], "code": "unknown_encoding",
                                           "field": "encoding"}  # fmt: skip


def test_export_dupes_backup_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "shop.sqlite3"
    run(db, "customer", "add", "--name", "山田 花子", "--phone", "090-1111-2222", "--json")
    code, data = run(db, "customer", "add", "--name", "山田 花子", "--phone", "09011112222",
                     "--email", "h@example.jp", "--allow-duplicate", "--json")  # fmt: skip
    assert code == 0
    code, data = run(db, "dupes", "list", "--json")
    assert code == 0 and data["count"] == 1
    pair = data["pairs"][0]
    assert {"phone", "name", "kana"} <= set(pair["reasons"])

    code, saved = run(db, "backup", "--to", str(tmp_path / "safe"), "--json")
    assert code == 0 and Path(saved["path"]).parent == tmp_path / "safe"

    code, merged = run(db, "dupes", "merge", pair["a_number"], pair["b_number"], "--json")
    assert code == 0 and merged["fields_from_b"] == ["email"]
    code, data = run(db, "export", "customers", "-o", str(tmp_path / "c.csv"), "--encoding",
                     "cp932", "--json")  # fmt: skip
    assert code == 0 and data["rows"] == 1
    assert "h@example.jp" in (tmp_path / "c.csv").read_bytes().decode("cp932")
    code, data = run(db, "dupes", "undo", merged["merge_id"], "--json")
    assert code == 0
    code, data = run(db, "export", "purchases", "-o", str(tmp_path / "p.xlsx"), "--json")
    assert code == 0 and data["format"] == "xlsx" and data["rows"] == 0
    code, data = run(db, "export", "inquiries", "-o", str(tmp_path / "i.csv"), "--json")
    assert code == 0
    code, data = run(db, "export", "segment", "常連", "-o", str(tmp_path / "s.csv"), "--json")
    assert code == 2 and data["error"]["code"] == "segment_not_found"

    not_backup = tmp_path / "notes.txt"
    not_backup.write_text("hello", encoding="utf-8")
    code, data = run(db, "restore", str(not_backup), "--json")
    assert code == 2 and data["error"]["code"] == "not_a_backup"
    assert run(db, "dupes", "list", "--json")[1]["count"] == 1  # untouched

    run(db, "customer", "add", "--name", "追加 三郎", "--json")
    code, data = run(db, "restore", saved["path"], "--json")
    assert code == 0 and Path(data["replaced_kept_as"]).exists()
    assert run(db, "search", "追加", "--json")[1]["count"] == 0
    assert run(db, "search", "山田", "--json")[1]["count"] == 2


def test_an_import_run_again_says_nothing_was_imported_and_names_unused_columns(
    tmp_path: Path,
) -> None:
    """Issue 12's 9: a re-run printed "imported 3"; unmapped columns went without a word."""
    import contextlib
    import io

    from crmdesk.cli import main

    db = tmp_path / "shop.sqlite3"
    source = tmp_path / "list.csv"
    source.write_bytes(LIST.replace("〒\r\n", "〒,担当メモ\r\n").encode("cp932"))

    def text_run() -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--db", str(db), "import", "customers", str(source)]) == 0
        return out.getvalue()

    first = text_run()
    assert "imported 2" in first
    assert "担当メモ" in first  # the column nobody maps is named, not dropped silently
    again = text_run()
    assert "imported 2" not in again and "nothing imported" in again
    code, data = run(db, "import", "customers", str(source), "--json")
    assert data["already_done"] and data["created"] == 0 and data["merged"] == 0
    assert data["unmapped"] == ["担当メモ"]
    assert run(db, "search", "やまだ", "--json")[1]["count"] == 1
