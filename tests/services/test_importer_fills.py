"""What the import fills in by itself: leading zeros Excel dropped, suggested furigana."""

from __future__ import annotations

import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from crmdesk.core import kana
from crmdesk.core.import_fields import restore_phone_zero, restore_postal_zeros
from crmdesk.services import import_bulk
from tests.services.test_importer import people, run


def test_phone_zero_is_restored_only_when_it_makes_a_japanese_number() -> None:
    assert restore_phone_zero("9012345678") == "09012345678"  # 090 mobile
    assert restore_phone_zero("8012345678") == "08012345678"
    assert restore_phone_zero("5012345678") == "05012345678"  # 050 IP phone
    assert restore_phone_zero("312345678") == "0312345678"  # 03 Tokyo
    assert restore_phone_zero("120123456") == "0120123456"  # 0120 free dial
    assert restore_phone_zero("９０１２３４５６７８") == "09012345678"
    for unchanged in ("3123456789", "0312345678", "12345678", "090-1234-5678", "abc", ""):
        assert restore_phone_zero(unchanged) == unchanged
    assert restore_postal_zeros("600001") == "0600001"
    assert restore_postal_zeros("10010") == "0010010"
    for unchanged in ("1000001", "1234", "060-0001"):
        assert restore_postal_zeros(unchanged) == unchanged


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["氏名", "フリガナ", "郵便番号", "電話番号", "携帯", "備考"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_numeric_xlsx_cells_get_their_leading_zeros_back(db, tmp_path) -> None:
    path = _xlsx(
        tmp_path / "list.xlsx",
        [
            ["山田 花子", "ヤマダ ハナコ", 600001, 9012345678, 312345678, "x"],
            ["佐藤 次郎", "サトウ ジロウ", 10010, 8011112222, None, "x"],
            ["鈴木 一郎", "スズキ イチロウ", "600001", "0312345678", "9033334444", "x"],
            ["高橋 三郎", "タカハシ サブロウ", 1000001, 3123456789, None, "x"],
        ],
    )
    cells = load_workbook(path)["Sheet"]
    assert cells["C2"].data_type == "n" and cells["D2"].value == 9012345678  # really numbers

    dry = run(db, path, dry_run=True)
    assert (dry.created, dry.rejected, dry.zeros_restored) == (2, 2, 5)
    assert {(r.row, r.field) for r in dry.rejects} == {(4, "postal_code"), (5, "phone1")}

    result = run(db, path)
    assert result.created == 2 and result.zeros_restored == 5
    found = people(db)
    hanako, jiro = found["山田 花子"], found["佐藤 次郎"]
    assert (hanako.postal_code, hanako.phone1, hanako.phone2) == (
        "0600001",
        "09012345678",
        "0312345678",
    )
    assert (jiro.postal_code, jiro.phone1) == ("0010010", "08011112222")
    assert "鈴木 一郎" not in found  # "600001" typed as text is not padded: rejected


def test_rows_without_furigana_get_a_suggestion_and_the_dry_run_counts_them(db, tmp_path) -> None:
    path = _xlsx(
        tmp_path / "list.xlsx",
        [
            ["佐藤 花子", None, None, None, None, None],
            ["髙橋 花子", "", None, None, None, None],
            ["山田 太郎", "ヤマダ タロウ", None, None, None, None],  # has its own
            ["John Smith", None, None, None, None, None],  # no kanji: nothing to suggest
            ["佐藤 花子", None, None, "09011112222", None, None],
        ],
    )
    dry = run(db, path, dry_run=True)
    assert dry.kana_suggested == 3 and dry.created == 5
    assert people(db) == {}  # a dry run writes nothing

    result = run(db, path)
    assert result.kana_suggested == 3
    found = people(db)
    assert (found["髙橋 花子"].family_kana, found["髙橋 花子"].given_kana) == ("たかはし", "はなこ")
    assert found["山田 太郎"].family_kana == "やまだ"
    assert found["John Smith"].family_kana == ""
    assert found["佐藤 花子"].family_kana == "さとう"


def test_the_cli_dry_run_says_how_many_readings_to_check(tmp_path) -> None:
    import contextlib
    import io

    from crmdesk.cli import main

    source = tmp_path / "list.csv"
    source.write_text("氏名,電話\r\n佐藤 花子,9012345678\r\n田中 一郎,\r\n", encoding="cp932")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--db", str(tmp_path / "s.sqlite3"), "import", "customers", str(source),
                     "--dry-run"])  # fmt: skip
    assert code == 0
    text = out.getvalue()
    assert "furigana suggested for 2 rows" in text
    assert "leading 0 restored in 1 phone/postal values" in text


def test_readings_are_looked_up_once_per_distinct_name(db, tmp_path, monkeypatch) -> None:
    calls: list[str] = []
    real = kana.suggest_furigana

    def counting(name):
        calls.append(name)
        return real(name)

    monkeypatch.setattr(kana, "suggest_furigana", counting)
    source = tmp_path / "list.csv"
    names = [f"{f} {g}" for f in ("佐藤", "鈴木", "高橋") for g in ("花子", "太郎")] * 500
    lines = ["氏名,メール"] + [f"{n},c{i}@example.jp" for i, n in enumerate(names)]
    source.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    started = time.perf_counter()
    result = run(db, source, dry_run=True)
    assert result.kana_suggested == 3000 and result.rejected == 0
    assert sorted(calls) == sorted(["佐藤", "鈴木", "高橋", "花子", "太郎"])
    assert time.perf_counter() - started < 20
    assert isinstance(import_bulk.COUNTS, tuple) and "kana_suggested" in import_bulk.COUNTS
