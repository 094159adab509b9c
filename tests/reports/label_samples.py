"""Addressees and PDF-reading helpers shared by the label and postcard tests."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from crmdesk.core.address import Addressee

MM = 72 / 25.4

#: 40 characters: the longest address a shop is likely to have on file.
ADDRESS_40 = ("神奈川県", "足柄上郡山北町", "中川字西沢ヨコハマ台ノ上南側地区", "234-5678-9012")
assert len("".join(ADDRESS_40)) == 40


def person(n: int, **kw: object) -> Addressee:
    base: dict[str, object] = dict(
        postal_code=f"{1000000 + n * 7919 % 8999999:07d}",
        prefecture="東京都",
        city="千代田区",
        town="千代田",
        street=f"{n}-{n % 9 + 1}",
        name=f"山田 {'花子太郎一郎'[n % 3 * 2 : n % 3 * 2 + 2]}",
        customer_number=f"{n:06d}",
    )
    base.update(kw)
    return Addressee(**base)  # type: ignore[arg-type]


def variety(count: int) -> list[Addressee]:
    """Every shape a label must hold: long buildings, firms, 連名, a 40-char address."""
    shapes: list[dict[str, object]] = [
        {},
        {"building": "グランドメゾン青葉台ステーションフロント 1203号室"},
        {"name": "", "company": "株式会社ナニワ商事", "department": "営業部 第二課"},
        {"company": "札幌物産株式会社", "department": "総務部", "name": "鈴木 次郎"},
        {"joint_names": ("太郎", "次郎")},
        dict(zip(("prefecture", "city", "town", "street"), ADDRESS_40, strict=True)),
        {"name": "勅使河原 左衛門三郎", "building": "サンハイツ 2F"},
    ]
    return [person(i + 1, **shapes[i % len(shapes)]) for i in range(count)]


def read_pages(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [list(page.chars) for page in pdf.pages]


def inside(char: dict, rect_mm: tuple[float, float, float, float], slack: float = 0.01) -> bool:
    """Whether a pdfplumber char (top-origin coordinates) lies in (left, top, w, h) mm."""
    left, top, w, h = (v * MM for v in rect_mm)
    return (
        char["x0"] >= left - slack
        and char["x1"] <= left + w + slack
        and char["top"] >= top - slack
        and char["bottom"] <= top + h + slack
    )


def centre_in(char: dict, rect_mm: tuple[float, float, float, float]) -> bool:
    left, top, w, h = (v * MM for v in rect_mm)
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return left <= cx <= left + w and top <= cy <= top + h
