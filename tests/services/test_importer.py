"""Importing customer lists: real files in every encoding and format, a real database."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from crmdesk.core.errors import DomainError
from crmdesk.services import customer_index, import_mapping, import_report, importer
from crmdesk.services.import_read import detect_encoding, read_table
from crmdesk.store.models import AuditLog, Customer, PointCard, PointEntry, Purchase
from tests.helpers.factories import TODAY, add_customer

HEADER = "氏名,ﾌﾘｶﾞﾅ,〒,住所,TEL,メール,生年月日,性別,ポイント"
ROWS = [
    "山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,１００－０００１,東京都千代田区千代田1-1 ○○ビル3F,"
    "０３－１２３４－５６７８,,昭和60年4月1日,女,120",
    '"佐藤 次郎","サトウ ジロウ",530-0001,大阪府大阪市北区梅田1-2,06-1111-2222,'
    "jiro@Example.JP,S60.4.1,男,",
    "",
    '"鈴木 一郎","すずき いちろう",1000001,"東京都千代田区千代田2-2\n別棟",'
    "090-0000-1111,,19850401,,",
    "高橋 三郎,たかはし さぶろう,12,東京都千代田区千代田3-3,090-0000-2222,,1990/5/6,,",
    "田中 四郎,たなか しろう,1000001,,090-0000-3333,,,,,余分",
    "山田 花子,やまだ はなこ,1000001,,03-1234-5678,,1985-04-01,,",
]


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def run(db, path: Path, **options) -> import_report.ImportResult:
    prepared = import_mapping.prepare(
        path, **{k: options.pop(k) for k in ("encoding", "sheet", "mapping") if k in options}
    )
    steps = importer.run_import(db, prepared, today=TODAY, **options)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def people(db) -> dict[str, Customer]:
    with db.transaction() as session:
        rows = session.scalars(select(Customer).where(~Customer.deleted))
        return {c.name: c for c in rows}


SAMPLE = HEADER + "\r\n" + "\r\n".join(ROWS) + "\r\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp"])
def test_a_list_in_each_encoding_is_read_and_normalised(db, tmp_path, encoding) -> None:
    # EUC-JP has no U+FF0D full-width hyphen-minus; its minus sign U+2212 stands in.
    sample = SAMPLE.replace("\uff0d", "\u2212") if encoding == "euc_jp" else SAMPLE
    path = write(tmp_path / "list.csv", sample, encoding)
    prepared = import_mapping.prepare(path)
    assert prepared.table.encoding == encoding
    result = run(db, path)
    assert (result.created, result.rejected, result.skipped) == (3, 2, 1)
    assert result.rows == result.created + result.rejected + result.skipped == 6  # none lost
    found = people(db)
    hanako = found["山田 花子"]
    assert (hanako.family_kana, hanako.given_kana) == ("やまだ", "はなこ")  # half-width kana
    assert hanako.postal_code == "1000001"  # full-width digits and hyphen
    assert hanako.phone1 == "03-1234-5678" and hanako.phone1_digits == "0312345678"
    assert hanako.birthday == date(1985, 4, 1) and hanako.gender == "female"
    assert (hanako.prefecture, hanako.city, hanako.town, hanako.street, hanako.building) == (
        "東京都", "千代田区", "千代田", "1-1", "○○ビル3F"
    )  # fmt: skip
    jiro = found["佐藤 次郎"]
    assert jiro.email == "jiro@example.jp" and jiro.birthday == date(1985, 4, 1)
    assert jiro.family_kana == "さとう" and jiro.gender == "male"
    assert found["鈴木 一郎"].street.startswith("2-2")  # a quoted field with a newline
    # searchable through the app's own search columns
    assert (
        hanako.kana_key
        == customer_index.search_keys({"family_kana": "やまだ", "given_kana": "はなこ"})["kana_key"]
    )
    with db.transaction() as session:
        balance = session.scalar(select(func.sum(PointEntry.points)))
    assert balance == 120
    rejects = {(r.row, r.column, r.code) for r in result.rejects}
    # rows by the number a spreadsheet shows: header 1; the blank line 4 is skipped and
    # the record with a newline spans lines 5-6.
    assert rejects == {(7, "〒", "invalid_postal_code"), (8, "10列目", "too_many_fields")}
    assert [(d.row, d.reasons, d.existing_row) for d in result.duplicates] == [
        (9, ["same_phone", "same_name_kana_birthday"], 2)
    ]
    with open(result.reject_file, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["row", "column", "field", "code", "reason"]
    assert lines[1][:4] == ["7", "〒", "postal_code", "invalid_postal_code"]
    assert "郵便番号" in lines[1][4]


def test_encoding_detection_tells_japanese_codecs_apart() -> None:
    text = "氏名,フリガナ\n渡辺 さくら,ﾜﾀﾅﾍﾞ ｻｸﾗ\n"
    assert detect_encoding(text.encode("cp932")) == "cp932"
    assert detect_encoding(text.encode("euc_jp")) == "euc_jp"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"


def test_english_headers_tsv_and_split_columns(db, tmp_path) -> None:
    text = (
        "Customer No\tLast Name\tFirst Name\tKana\tZip\tPrefecture\tCity\tPhone\tMobile\t"
        "Birthday\tNotes\tUnknown column\n"
        "A-1\t伊藤\t美咲\tイトウ ミサキ\t100-0001\t東京都\t千代田区\t\t080-1111-2222\t"
        "H2.3.4\tよろしく\tx\n"
        "A-2\t加藤\t\tカトウ\t\t\t\t\t\t\t\t\n"
        "A-3\t木村\n"  # a row with missing columns: the rest is blank
    )
    path = write(tmp_path / "list.tsv", text, "utf-8")
    prepared = import_mapping.prepare(path)
    assert prepared.table.kind == "tsv"
    assert prepared.mapping["Unknown column"] is None
    assert prepared.mapping["Mobile"] == "phone2"
    result = run(db, path)
    assert result.created == 3 and result.rejects == []
    misaki = people(db)["伊藤 美咲"]
    assert misaki.customer_number == "A-1" and misaki.phone2 == "080-1111-2222"
    assert misaki.birthday == date(1990, 3, 4) and misaki.given_kana == "みさき"
    assert people(db)["加藤"].customer_number == "A-2"
    assert people(db)["木村"].phone1 == ""


def test_xlsx_with_purchases_and_cards(db, tmp_path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["名前", "フリガナ", "電話", "カード番号", "ポイント残高", "累計購入額", "最終来店日"]
    )
    sheet.append(["小林 愛", "こばやし あい", "090-2222-3333", "1234-5678", 300, 15000,
                  date(2026, 10, 1)])  # fmt: skip
    sheet.append(["中村 翔", "なかむら しょう", "090-2222-4444", "", "-5x", "", ""])
    path = tmp_path / "list.xlsx"
    book.save(path)
    result = run(db, path)
    assert (result.created, result.cards, result.point_entries, result.purchases) == (1, 1, 1, 1)
    assert [(r.row, r.column, r.code) for r in result.rejects] == [
        (3, "ポイント残高", "invalid_integer")
    ]
    with db.transaction() as session:
        ai = customer_index.get_by_card(session, "12345678")
        assert ai.name == "小林 愛"
        assert session.scalar(select(Purchase.amount)) == 15000
        assert session.scalar(select(func.count()).select_from(PointCard)) == 1


def test_duplicates_against_the_database_follow_the_choices(db, tmp_path) -> None:
    with db.transaction() as session:
        existing = add_customer(session, phone1="090-9999-0000", email="")
    text = (
        "氏名,電話,メール\n"
        "山田 花子,090-9999-0000,hanako@example.jp\n"
        "別人 太郎,090-9999-0000,\n"
        "新規 次郎,090-7777-0000,\n"
    )
    path = write(tmp_path / "list.csv", text, "utf-8")
    dry = run(db, path, dry_run=True)
    # 別人 太郎 shares the phone only, not the person (issue 11): imported, not skipped
    assert dry.dry_run and dry.created == 2 and dry.skipped == 1
    assert [d.existing_id for d in dry.duplicates] == [existing]
    assert len(people(db)) == 1  # a dry run changes nothing
    result = run(db, path, on_duplicate="skip", choices={2: "merge"})
    assert (result.created, result.merged, result.skipped) == (2, 1, 0)
    found = people(db)
    assert found["山田 花子"].email == "hanako@example.jp"  # the blank was filled
    assert set(found) == {"山田 花子", "別人 太郎", "新規 次郎"}


def test_a_finished_import_run_again_changes_nothing(db, tmp_path) -> None:
    path = write(tmp_path / "list.csv", SAMPLE, "cp932")
    first = run(db, path, batch_size=1)
    again = run(db, path, batch_size=1)
    assert first.created == 3
    assert again.already_done and again.created == 0  # nothing imported now (issue 12)
    assert len(people(db)) == 3
    with db.transaction() as session:
        audits = session.scalars(select(AuditLog).where(AuditLog.action == "import")).all()
    assert len(audits) == 1 and audits[0].row_count == 3
    assert "山田" not in audits[0].detail


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"\n\n  \n", "empty_file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_a_table"),
        ("好きな食べ物,色\nりんご,赤\n".encode(), "not_a_table"),
        (b"\xff\xfe\xfa\xfb\x80\x81,\xa0\n", "undecodable_file"),
    ],
)
def test_bad_files_are_refused_clearly(db, tmp_path, content, code) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(DomainError) as caught:
        import_mapping.prepare(path)
    assert caught.value.code == code and caught.value.message("ja")
    assert len(people(db)) == 0


def test_unknown_encoding_and_mapping_without_a_name(tmp_path) -> None:
    path = write(tmp_path / "list.csv", SAMPLE, "cp932")
    with pytest.raises(DomainError) as caught:
        import_mapping.prepare(path, encoding="klingon")
    assert (caught.value.code, caught.value.field) == ("unknown_encoding", "encoding")
    with pytest.raises(DomainError) as caught:
        import_mapping.prepare(path, encoding="utf-8")
    assert caught.value.code == "wrong_encoding"
    with pytest.raises(DomainError) as caught:
        import_mapping.prepare(path, mapping={"氏名": None})
    assert (caught.value.code, caught.value.field) == ("no_name_column", "mapping")
    with pytest.raises(DomainError) as caught:
        import_mapping.prepare(path, mapping={"氏名": "nickname"})
    assert caught.value.code == "unknown_import_field"


def test_a_workbook_with_several_sheets_asks_which(db, tmp_path) -> None:
    book = Workbook()
    book.active.title = "顧客"
    book.active.append(["氏名"])
    book.active.append(["森 陽菜"])
    book.create_sheet("集計").append(["合計", 1])
    path = tmp_path / "book.xlsx"
    book.save(path)
    with pytest.raises(DomainError) as caught:
        read_table(path)
    assert caught.value.code == "several_sheets" and "顧客, 集計" in caught.value.message("en")
    result = run(db, path, sheet="顧客")
    assert result.created == 1 and "森 陽菜" in people(db)


def test_a_tags_column_gives_each_customer_her_tags(db, tmp_path) -> None:
    """The export's タグ column read back: new customers get the row's tags, a merged one
    keeps hers and gains the row's, a tag too long is named and its row not imported."""
    from crmdesk.services import customers as customer_service

    with db.transaction() as session:
        existing = add_customer(session, phone1="090-9999-0000", email="")
        customer_service.set_tags(session, existing, ["常連"])
    text = (
        "氏名,電話,タグ\n"
        '山田 花子,090-9999-0000,"VIP, 紹介"\n'
        "新規 次郎,090-7777-0000,VIP、誕生月\n"
        "新規 三郎,090-7777-1111,\n"
        f"長い 四郎,090-7777-2222,{'あ' * 41}\n"
    )
    path = write(tmp_path / "list.csv", text, "utf-8")
    result = run(db, path, on_duplicate="merge")
    assert (result.created, result.merged) == (2, 1)
    assert [(r.row, r.field, r.code) for r in result.rejects] == [(5, "tags", "too_long")]
    found = people(db)
    with db.transaction() as session:

        def tags(name: str) -> list[str]:
            return customer_service.customer_tags(session, found[name].id)

        assert tags("山田 花子") == ["VIP", "常連", "紹介"]
        assert tags("新規 次郎") == ["VIP", "誕生月"]
        assert tags("新規 三郎") == []
        assert customer_service.all_tags(session) == ["VIP", "常連", "紹介", "誕生月"]


def test_an_export_imported_into_another_file_keeps_her_tags(db, tmp_path) -> None:
    from crmdesk.services import customers as customer_service
    from crmdesk.services.export import export
    from crmdesk.services.staff import CLI_ACTOR
    from crmdesk.store.db import open_database

    with db.transaction() as session:
        who = add_customer(session, phone1="090-1234-0000")
        customer_service.set_tags(session, who, ["VIP", "常連"])
        export(session, CLI_ACTOR, "customers", tmp_path / "out.csv")
    other = open_database(tmp_path / "other.sqlite3")
    try:
        result = run(other, tmp_path / "out.csv")
        assert result.created == 1
        with other.transaction() as session:
            (customer,) = session.scalars(select(Customer)).all()
            assert customer_service.customer_tags(session, customer.id) == ["VIP", "常連"]
    finally:
        other.close()
