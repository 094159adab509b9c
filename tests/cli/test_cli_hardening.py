"""Issue 11 as a hostile or careless user tries it: every bad input is a message naming
the field, exit 2, and not one row of any table changed."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from crmdesk.cli import main
from tests.helpers.fingerprint import fingerprint


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), *args])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    assert cli(path, "demo", "--customers", "40", "--seed", "1", "--json")[0] == 0
    return path


@pytest.fixture
def shop(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "shop.sqlite3"
    shutil.copy(demo_template, path)
    return path


def refused(db: Path, *args: str, field: str | None = None) -> dict:
    """Run a command that must be refused: exit 2, JSON naming ``field``, nothing written."""
    before = fingerprint(db)
    code, out, err = cli(db, *args, "--json")
    assert code == 2, (args, out, err)
    error = json.loads(out)["error"]
    if field is not None:
        assert error["field"] == field, error
    assert error["message"] and error["message_ja"]
    assert fingerprint(db) == before
    return error


def test_no_output_may_replace_the_database_or_a_backup(shop: Path, tmp_path: Path) -> None:
    size = shop.stat().st_size
    assert refused(shop, "export", "customers", "-o", str(shop), field="output")["code"] == (
        "output_is_database"
    )
    for companion in ("-wal", "-shm"):
        target = str(shop) + companion
        assert refused(shop, "export", "purchases", "-o", target)["code"] == "output_is_database"
    assert cli(shop, "backup", "--json")[0] == 0
    backup = next((shop.parent / "backups").iterdir())
    refused(shop, "export", "customers", "-o", str(backup), field="output")
    refused(shop, "labels", "--segment", "DM可", "--layout", "A-ONE-72212", "-o", str(shop))
    refused(shop, "chart", "sales_monthly", "-o", str(backup), field="output")
    assert shop.stat().st_size >= size


def test_an_import_never_writes_its_rejects_over_an_input_or_the_database(
    shop: Path, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    original = "氏名,郵便番号\n佐藤 花子,100-0001\n鈴木 一郎,12\n"
    source.write_text(original, encoding="utf-8")
    for target, code in ((source, "output_is_input"), (shop, "output_is_database")):
        error = refused(shop, "import", "customers", str(source), "--rejects", str(target))
        assert (error["code"], error["field"]) == (code, "rejects")
    assert source.read_text(encoding="utf-8") == original
    # a missing folder is refused before the import commits anything
    missing = tmp_path / "no" / "rejects.csv"
    assert (
        refused(shop, "import", "customers", str(source), "--rejects", str(missing))["code"]
        == "output_folder_missing"
    )


def test_export_to_a_folder_is_refused_and_leaves_nothing_behind(
    shop: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    for target in (folder, Path(f"{folder}/")):
        assert refused(shop, "export", "customers", "-o", str(target))["code"] == (
            "output_is_folder"
        )
    refused(shop, "labels", "--calibration", "--layout", "A-ONE-72212", "-o", str(folder))
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob(".*part"))


def test_an_export_to_dash_goes_to_stdout_and_nothing_named_dash_is_made(
    shop: Path, tmp_path: Path
) -> None:
    """`-o -` wrote a hidden file named "-" (with everyone's addresses) in the folder the
    command ran in, and printed nothing: a shell user means standard output."""
    import os
    import subprocess
    import sys

    work, scratch = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    scratch.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "crmdesk", "--db", str(shop), "export", "customers", "-o", "-",
         "--encoding", "cp932"],
        cwd=work, capture_output=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode("cp932").splitlines()
    assert lines[0].startswith("顧客番号,姓,名") and len(lines) == 41
    assert done.stderr.decode() == "exported 40 rows to standard output\n"
    assert list(work.iterdir()) == [] and list(scratch.iterdir()) == []  # nothing left
    # where standard output means nothing (a PDF, a chart), "-" is refused by name
    error = refused(shop, "labels", "--calibration", "--layout", "A-ONE-72212", "-o", "-")
    assert error["code"] == "output_is_stdout" and not (ROOT / "-").exists()


def test_exports_are_private_and_neutralise_formulas(shop: Path, tmp_path: Path) -> None:
    name = "=cmd|' /C calc'!A0"
    code, out, _ = cli(shop, "customer", "add", "--family-name", name, "--family-kana", "あ",
                       "--notes", '=HYPERLINK("http://x","y")', "--json")  # fmt: skip
    assert code == 0
    csv_path, xlsx_path = tmp_path / "c.csv", tmp_path / "c.xlsx"
    assert cli(shop, "export", "customers", "-o", str(csv_path))[0] == 0
    assert cli(shop, "export", "customers", "-o", str(xlsx_path))[0] == 0
    text = csv_path.read_text(encoding="utf-8-sig")
    assert f",'{name}," in text and "'=HYPERLINK" in text
    assert "\n=" not in text and ",=" not in text
    assert csv_path.stat().st_mode & 0o777 == 0o600
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx_path).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value in (name,)]
    assert cells and all(c.data_type == "s" for c in cells)  # text, not a live formula
    # and the importer reads the export back as it was
    copy = tmp_path / "copy.sqlite3"
    assert cli(copy, "import", "customers", str(csv_path), "--json")[0] == 0
    code, out, _ = cli(copy, "search", "=cmd", "--json")
    assert json.loads(out)["hits"][0]["name"].startswith(name)


@pytest.mark.parametrize(
    "args",
    [
        ["points", "adjust", "000001", "--points", "9223372036854775807", "--note", "x"],
        ["points", "adjust", "000001", "--points", "100000000000000000000", "--note", "x"],
        ["points", "adjust", "000001", "--points", "-10000001", "--note", "x"],
        ["purchase", "add", "--card", "CARD", "--amount", "100000000000000000000"],
        ["purchase", "add", "--card", "CARD", "--amount", "5000", "--redeem", "1" + "0" * 30],
    ],
)
def test_absurd_numbers_are_refused_by_their_bound(shop: Path, args: list[str]) -> None:
    if "CARD" in args:
        _, out, _ = cli(shop, "points", "show", "000002", "--json")
        args = [json.loads(out)["card_number"] if a == "CARD" else a for a in args]
    error = refused(shop, *args)
    assert error["code"] in ("out_of_range", "amount_too_large"), error
    # and the file still works afterwards
    assert cli(shop, "kpi", "--json")[0] == 0


def test_imports_refuse_absurd_points_and_negative_balances_also_in_a_dry_run(
    shop: Path, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "氏名,フリガナ,ポイント,購入金額\n"
        "佐藤 花子,サトウ ハナコ,100000000000000000000,\n"
        "鈴木 一郎,スズキ イチロウ,-50,\n"
        "田中 次郎,タナカ ジロウ,10,99999999999\n"
        "高橋 三郎,タカハシ サブロウ,10,1000\n",
        encoding="utf-8",
    )
    for dry in (["--dry-run"], []):
        code, out, _ = cli(shop, "import", "customers", str(source), *dry, "--json")
        assert code == 0
        data = json.loads(out)
        assert {(r["row"], r["field"], r["code"]) for r in data["rejects"]} == {
            (2, "points", "out_of_range"),
            (3, "points", "out_of_range"),
            (4, "purchase_total", "out_of_range"),
        }
        assert data["created"] == 1


ROOT = Path(__file__).parents[2]


def test_a_closed_pipe_ends_quietly(shop: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "crmdesk", "--db", str(shop), "search", "さ", "--json"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader has gone before the first line (| head -0)
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert err == ""


def test_a_bug_is_reported_without_personal_data(
    shop: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug deep in a service, carrying a name and a phone in its message and its SQL."""
    from sqlalchemy import text

    from crmdesk.services import search

    def broken(session, query, *_args, **_kw):  # type: ignore[no-untyped-def]
        session.execute(
            text("INSERT INTO customer (id, customer_number) VALUES (:id, :n)"),
            {"id": "佐藤花子 090-1234-5678", "n": "000001"},  # a bug's SQL, personal values
        )

    monkeypatch.setattr(search, "find_customers", broken)  # what `crmdesk search` calls
    code, out, err = cli(shop, "search", "佐藤", "--json")
    assert code == 1 and out == ""
    assert "internal error" in err and "IntegrityError" in err and "search" in err
    assert "佐藤" not in err and "090" not in err and "1234" not in err


def test_deep_or_huge_segments_are_clear_errors(shop: Path) -> None:
    deep = '{"op":"and","conditions":[' * 600 + "]}" * 600
    error = refused(shop, "segment", "save", "x", "--json-text", deep)
    assert error["code"] == "segment_too_deep"
    huge = '{"op":"and","conditions":[{"field":"total_spend","cmp":"ge","value":1e20}]}'
    huge = huge.replace("1e20", "1" + "0" * 20)
    error = refused(shop, "segment", "save", "x", "--json-text", huge)
    assert error["code"] == "segment_bad_value" and error["field"] == "total_spend"


def test_the_postal_code_fills_the_address_for_the_cli_and_the_importer(
    shop: Path, tmp_path: Path
) -> None:
    args = ["--family-name", "郵便", "--family-kana", "ゆうびん", "--postal-code", "100-0001"]
    code, out, _ = cli(shop, "customer", "add", *args, "--street", "1-1", "--json")
    assert code == 0
    record = json.loads(out)["customer"]
    assert (record["prefecture"], record["city"], record["town"]) == (
        "東京都",
        "千代田区",
        "千代田",
    )
    source = tmp_path / "list.csv"
    source.write_text("氏名,郵便番号,番地\n住所 太郎,060-0001,1-2\n", encoding="utf-8")
    assert cli(shop, "import", "customers", str(source), "--json")[0] == 0
    _, out, _ = cli(shop, "search", "住所 太郎", "--json")
    assert json.loads(out)["hits"][0]["address"].startswith("北海道札幌市中央区北一条西")


def test_a_name_cannot_be_blanked(shop: Path) -> None:
    error = refused(shop, "customer", "edit", "000001", "--name", "")
    assert (error["code"], error["field"]) == ("name_or_company_required", "family_name")


@pytest.mark.parametrize("birthday", ["昭和65年1月1日", "平成31年5月1日"])
def test_era_dates_that_never_existed_are_refused(shop: Path, birthday: str) -> None:
    error = refused(shop, "customer", "add", "--name", "和暦 太郎", "--birthday", birthday)
    assert (error["code"], error["field"]) == ("invalid_date", "birthday")


def test_point_adjustments_name_the_actor_and_backups_and_restores_are_audited(
    shop: Path,
) -> None:
    import sqlite3
    from contextlib import closing

    def audited(path: Path) -> list[tuple[str, str]]:
        with closing(sqlite3.connect(path)) as conn:
            return conn.execute(
                "SELECT action, actor FROM audit_log WHERE action IN "
                "('points.adjust', 'backup', 'restore') ORDER BY at"
            ).fetchall()

    assert cli(shop, "points", "adjust", "000001", "--points", "50", "--note", "お詫び")[0] == 0
    _, out, _ = cli(shop, "backup", "--json")
    backup = json.loads(out)["path"]
    assert audited(shop) == [("points.adjust", "cli"), ("backup", "cli")]
    _, out, _ = cli(shop, "restore", backup, "--json")
    replaced = Path(json.loads(out)["replaced_kept_as"])
    # the restored copy says it was restored; the file it replaced keeps its own history
    assert audited(shop) == [("points.adjust", "cli"), ("restore", "cli")]
    assert audited(replaced) == [("points.adjust", "cli"), ("backup", "cli")]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (("氏名,メモ\n" + "山田 太郎,x\n" * 400 + "佐藤\x00花子,y\n").encode(), "nul_in_file"),
        ("氏名,電話番号,氏名\n山田 太郎,03-1111-2222,山田\n".encode(), "duplicate_header"),
        (b"PK\x03\x04" + b"junk" * 100, "not_a_table"),
    ],
)
def test_bad_files_get_messages_that_say_what_is_wrong(
    shop: Path, tmp_path: Path, content: bytes, code: str
) -> None:
    source = tmp_path / "list.csv"
    source.write_bytes(content)
    assert refused(shop, "import", "customers", str(source))["code"] == code


def test_a_rot13_encoding_is_unknown_and_utf16_just_works(shop: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text("氏名\tフリガナ\n宇都 花子\tウト ハナコ\n", encoding="utf-16")
    error = refused(shop, "import", "customers", str(source), "--encoding", "rot13")
    assert (error["code"], error["field"]) == ("unknown_encoding", "encoding")
    code, out, _ = cli(shop, "import", "customers", str(source), "--json")
    assert code == 0 and json.loads(out)["created"] == 1


def test_a_huge_cell_is_refused_by_its_field_naming_the_row(shop: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("氏名,備考\n大きい 備考," + "あ" * 1_000_000 + "\n", encoding="utf-8")
    code, out, _ = cli(shop, "import", "customers", str(source), "--json")
    assert code == 0
    [reject] = json.loads(out)["rejects"]
    assert (reject["row"], reject["field"], reject["code"]) == (2, "notes", "too_long")


def test_an_xlsx_with_a_dtd_is_not_a_table(shop: Path, tmp_path: Path) -> None:
    import zipfile

    from openpyxl import Workbook

    good = tmp_path / "good.xlsx"
    book = Workbook()
    book.active.append(["氏名"])
    book.active.append(["山田 太郎"])
    book.save(good)
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # a small entity bomb
                bomb = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                data = bomb + data.replace("山田".encode(), b"&b;")
            dst.writestr(item, data)
    assert refused(shop, "import", "customers", str(evil))["code"] == "not_a_table"


# --- The bad-input classes, drawn at random (Hypothesis) -------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from crmdesk.core.bounds import MAX_AMOUNT, MAX_POINTS  # noqa: E402
from crmdesk.core.messages import field_label  # noqa: E402

NOT_A_NUMBER = st.text(alphabet="abcxyz-+.,/円pt　 ", min_size=1, max_size=8)


def _numbers(low: int, high: int) -> st.SearchStrategy[str]:
    """Text that is no amount in [low, high]: out of range either side, or no number."""
    outside = st.integers(max_value=low - 1) | st.integers(min_value=high + 1, max_value=10**40)
    return outside.map(str) | NOT_A_NUMBER


def _bad_input(shop: Path, card: str, folder: Path) -> st.SearchStrategy[tuple[list[str], str]]:
    """(command line, the field its message must name)."""
    amount = _numbers(1, MAX_AMOUNT).map(
        lambda a: (["purchase", "add", "--card", card, "--amount", a], "amount")
    )
    redeem = (_numbers(0, MAX_POINTS) | st.integers(10_000, MAX_POINTS).map(str)).map(
        lambda r: (["purchase", "add", "--card", card, "--amount", "9000", "--redeem", r], "redeem")
    )
    adjust = (_numbers(-MAX_POINTS, MAX_POINTS) | st.just("0")).map(
        lambda p: (["points", "adjust", "000001", "--points", p, "--note", "x"], "points")
    )
    digits = st.text(alphabet="0123456789", min_size=1, max_size=12)
    fields = st.one_of(
        digits.filter(lambda d: len(d) != 7).map(lambda d: ("--postal-code", d, "postal_code")),
        digits.filter(lambda d: len(d) < 9).map(lambda d: ("--phone", "0" + d, "phone1")),
        st.text(alphabet="abc.xyz", min_size=1, max_size=12).map(lambda e: ("--email", e, "email")),
        st.sampled_from(["2999-01-01", "昭和65年1月1日", "平成31年5月1日", "1800-01-01",
                         "2020-02-30", "いつか", "S100.1.1"]).map(
            lambda b: ("--birthday", b, "birthday")
        ),
    )  # fmt: skip
    customer = fields.map(lambda f: (["customer", "add", "--name", "試験 太郎", f[0], f[1]], f[2]))
    edit = st.sampled_from(["", " ", "　"]).map(
        lambda n: (["customer", "edit", "000002", "--name", n], "family_name")
    )
    targets = st.sampled_from(
        [str(shop), f"{shop}-wal", f"{shop}-shm", str(folder), str(folder / "no" / "x.csv"),
         str(next((shop.parent / "backups").iterdir()))]
    )  # fmt: skip
    kinds = st.sampled_from(["customers", "purchases", "inquiries"])
    output = st.tuples(kinds, targets).map(lambda kt: (["export", kt[0], "-o", kt[1]], "output"))
    listing = st.sampled_from([["search", "さ"], ["dupes", "list"], ["inquiry", "list"]])
    huge = st.integers(min_value=MAX_AMOUNT + 1, max_value=10**30).map(str)
    limit = st.tuples(listing, huge).map(lambda lh: ([*lh[0], "--limit", lh[1]], "limit"))
    return st.one_of(amount, redeem, adjust, customer, edit, output, limit)


TALLY = {"tried": 0, "survived": 0}
# Errors about two fields at once name them in words of their own
NAMED_BY = {"name_or_company_required": "氏名"}


def test_bad_input_classes_are_refused_and_change_nothing(
    demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    home = tmp_path_factory.mktemp("bad-input")
    shop = home / "shop.sqlite3"
    shutil.copy(demo_template, shop)
    assert cli(shop, "backup")[0] == 0
    folder = home / "out"
    folder.mkdir()
    card = json.loads(cli(shop, "points", "show", "000002", "--json")[1])["card_number"]
    before = fingerprint(shop)
    files = sorted(p.name for p in home.rglob("*"))

    @settings(max_examples=40, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(case=_bad_input(shop, card, folder))
    def check(case: tuple[list[str], str]) -> None:
        args, field = case
        TALLY["tried"] += 1
        code, out, err = cli(shop, *args, "--json")
        assert code == 2, (args, out, err)
        error = json.loads(out)["error"]
        assert error["field"] == field, (args, error)
        word = NAMED_BY.get(error["code"], field_label(field, "ja"))
        assert word in error["message_ja"], (args, error)
        assert fingerprint(shop) == before, args
        assert sorted(p.name for p in home.rglob("*")) == files, args  # nothing left behind
        TALLY["survived"] += 1

    check()
    print(f"bad-input classes: tried {TALLY['tried']}, survived {TALLY['survived']}")


def test_a_killed_exports_hidden_copy_goes_with_the_next_export(shop: Path, tmp_path: Path) -> None:
    """An export writes a hidden temporary file (0600) and renames it when whole; a power
    cut part-way left it beside the target, every customer's address in it, for good."""
    import os
    import time

    target = tmp_path / "customers.csv"
    killed = tmp_path / ".customers.csv.k1ll3d.part"
    killed.write_text("顧客番号,姓\n000001,田中\n", encoding="utf-8")
    hour_ago = time.time() - 2 * 3600
    os.utime(killed, (hour_ago, hour_ago))
    running = tmp_path / ".customers.csv.running.part"  # another export writing it now
    running.write_text("顧客番号\n", encoding="utf-8")
    assert cli(shop, "export", "customers", "-o", str(target))[0] == 0
    assert target.exists() and not killed.exists() and running.exists()
    assert [p.name for p in tmp_path.glob(".*.part")] == [running.name]
