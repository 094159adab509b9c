"""Postcard address sides read back with pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from crmdesk.core.errors import DomainError
from crmdesk.reports.postcards import (
    POSTAL_BOXES_X_MM,
    SENDER_BOXES_X_MM,
    Sender,
    render_postcards,
)
from tests.reports.label_samples import MM, inside, person, read_pages, variety

SHOP = Sender("1500001", "東京都渋谷区神宮前1-2-3 ハウス表参道2F", "ブティック花", "03-1234-5678")
CARD = (0.0, 0.0, 100.0, 148.0)


def test_one_card_per_addressee_all_inside_the_card(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    people = variety(7)
    assert render_postcards(people, SHOP, out, outlines=True, boxes=True) == 7
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 7
        size = (pdf.pages[0].width / MM, pdf.pages[0].height / MM)
    assert size == pytest.approx((100, 148), abs=0.01)
    for chars in read_pages(out):
        outside = [c["text"] for c in chars if not inside(c, CARD, slack=0.5)]
        assert outside == []
        assert {c["fontname"].split("+")[-1] for c in chars} == {"IPAexGothic"}


def test_postal_digits_are_centred_in_the_seven_boxes(tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    render_postcards([person(1, postal_code="1234567")], SHOP, out)
    chars = read_pages(out)[0]
    digits = sorted((c for c in chars if c["bottom"] < 22 * MM), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in digits) == "1234567"
    for char, (x0, x1) in zip(digits, POSTAL_BOXES_X_MM, strict=True):
        centre_x = (char["x0"] + char["x1"]) / 2 / MM
        assert centre_x == pytest.approx((x0 + x1) / 2, abs=0.05)
        assert x0 * MM < char["x0"] and char["x1"] < x1 * MM
        # pdfplumber's box is the em box; the digit's ink centre is 0.02 em below its middle
        centre_y = (char["top"] + char["bottom"]) / 2 / MM
        assert centre_y == pytest.approx(16.0, abs=0.6)
    sender = sorted((c for c in chars if c["top"] > 120 * MM), key=lambda c: c["x0"])
    assert "".join(c["text"] for c in sender) == "1500001"
    for char, x0 in zip(sender, SENDER_BOXES_X_MM, strict=True):
        assert (char["x0"] + char["x1"]) / 2 / MM == pytest.approx(x0 + 2.0, abs=0.05)


def column(chars: list[dict], text: str) -> list[dict]:
    """The run of chars spelling ``text`` down one column (same x, growing top)."""
    for i, c in enumerate(chars):
        if c["text"] == text[0]:
            run = chars[i : i + len(text)]
            if "".join(r["text"] for r in run) == text:
                return run
    raise AssertionError(f"{text!r} not found")


def test_name_and_address_run_down_in_vertical_writing(tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    who = person(1, name="山田 花子", street="3-12-105", joint_names=("太郎",))
    render_postcards([who], SHOP, out)
    chars = read_pages(out)[0]
    text = "".join(c["text"] for c in chars)
    assert "三ー十二ー一〇五" in text  # every number in kanji, dashes turned

    name = column(chars, "山田花子様")
    xs = {round((c["x0"] + c["x1"]) / 2, 1) for c in name}
    assert len(xs) == 1 and 40 < xs.pop() / MM < 60  # one column, in the middle
    tops = [c["top"] for c in name]
    assert tops == sorted(tops) and tops[-1] - tops[0] > 30 * MM
    assert name[0]["size"] > 18

    ten_two = column(chars, "十二")  # one character per line of the column
    assert ten_two[0]["top"] < ten_two[1]["top"]

    joint = column(chars, "太郎様")
    given = column(chars, "花子様")
    assert joint[0]["top"] == pytest.approx(given[0]["top"], abs=0.5)  # aligned with 花子
    assert joint[0]["x0"] < name[0]["x0"]  # to the left of the main name


def test_the_whole_address_follows_one_rule_for_numbers(tmp_path: Path) -> None:
    """5-14-14 once printed as 五ー14ー14: kanji and Arabic numerals in one address."""
    out = tmp_path / "card.pdf"
    who = person(1, street="5-14-14", building="コーポ12 203")
    render_postcards([who], SHOP, out)
    chars = read_pages(out)[0]
    recipient = [c for c in chars if c["x0"] > 40 * MM and 22 * MM < c["top"] < 135 * MM]
    text = "".join(c["text"] for c in recipient)
    assert "五ー十四ー十四" in text and "コーポ十二二〇三" in text
    assert not [c["text"] for c in recipient if c["text"].isascii() and c["text"].isdigit()]
    # the sender's address too (神宮前1-2-3 ハウス表参道2F)
    sender = "".join(c["text"] for c in chars if c["x0"] < 40 * MM and c["top"] < 120 * MM)
    assert "一ー二ー三" in sender and "二F" in sender


def test_company_without_person_is_addressed_onchu(tmp_path: Path) -> None:
    out = tmp_path / "firm.pdf"
    render_postcards([person(1, name="", company="株式会社ナニワ商事")], None, out)
    text = "".join(c["text"] for c in read_pages(out)[0])
    assert "株式会社ナニワ商事御中" in text and "様" not in text


def test_bad_postcards_leave_no_file(tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    with pytest.raises(DomainError) as err:
        render_postcards([person(1, street="1-1" + "ヨコハマ台" * 30)], SHOP, out)
    assert err.value.code == "address_too_long" and "000001" in err.value.message("ja")
    with pytest.raises(DomainError) as nobody:
        render_postcards([], SHOP, out)
    assert nobody.value.code == "no_recipients"
    assert list(tmp_path.iterdir()) == []
