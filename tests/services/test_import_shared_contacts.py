"""Families share a landline and shops share an email: a shared contact alone is not the
same person. Such rows are imported and listed for review in the duplicate finder."""

from __future__ import annotations

from pathlib import Path

from crmdesk.services import dupes, import_mapping, importer
from tests.helpers.factories import TODAY, add_customer


def _run(db, path: Path, text: str):  # type: ignore[no-untyped-def]
    path.write_text(text, encoding="utf-8")
    steps = importer.run_import(db, import_mapping.prepare(path), today=TODAY)
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return stop.value


def test_family_members_sharing_a_landline_and_an_email_all_arrive(db, tmp_path) -> None:
    with db.transaction() as session:
        add_customer(
            session,
            family_name="山田",
            given_name="太郎",
            family_kana="やまだ",
            given_kana="たろう",
            phone1="03-1111-2222",
            email="yamada@example.jp",
        )
    result = _run(db, tmp_path / "family.csv",
        "氏名,フリガナ,電話番号,メールアドレス\n"
        "山田 花子,ヤマダ ハナコ,03-1111-2222,yamada@example.jp\n"  # his wife: same line
        "山田 一郎,ヤマダ イチロウ,,yamada@example.jp\n"  # their son: same address
        "山田 花子,ヤマダ ハナコ,03-1111-2222,\n",  # the wife again: same name and phone
    )  # fmt: skip
    assert (result.created, result.skipped) == (2, 1)
    [again] = result.duplicates
    assert again.row == 4 and again.existing_row == 2
    assert set(again.reasons) >= {"same_phone", "same_name"}
    with db.transaction() as session:
        pairs = dupes.find_pairs(session, min_score=0)
    # the shared contacts are there for the owner to look at (名寄せ)
    shared = [p for p in pairs if "phone" in p.reasons or "email" in p.reasons]
    assert len(shared) >= 2


def test_a_shared_contact_with_the_same_kana_or_birthday_is_still_a_duplicate(db, tmp_path) -> None:
    with db.transaction() as session:
        add_customer(
            session,
            family_name="斉藤",
            given_name="一",
            family_kana="さいとう",
            given_kana="はじめ",
            phone1="090-1234-5678",
            birthday="1980-01-02",
        )
    result = _run(db, tmp_path / "list.csv",
        "氏名,フリガナ,電話番号,生年月日\n"
        "齋藤 一,サイトウ ハジメ,090-1234-5678,\n"  # another kanji, the same reading
        "斉藤 一男,,090-1234-5678,1980-01-02\n",  # a nickname, but the same birthday
    )  # fmt: skip
    assert (result.created, result.skipped) == (0, 2)
    assert [sorted(d.reasons) for d in result.duplicates] == [
        ["same_kana", "same_name", "same_phone"],  # 齋藤 is 斉藤's variant: the same name
        ["same_birthday", "same_phone"],
    ]
