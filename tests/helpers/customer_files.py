"""Writes customer lists the way shops' spreadsheets do, for import tests and benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

FAMILY = [
    ("佐藤", "ｻﾄｳ"),
    ("鈴木", "ｽｽﾞｷ"),
    ("高橋", "ﾀｶﾊｼ"),
    ("田中", "ﾀﾅｶ"),
    ("伊藤", "ｲﾄｳ"),
    ("渡辺", "ﾜﾀﾅﾍﾞ"),
    ("山本", "ﾔﾏﾓﾄ"),
    ("中村", "ﾅｶﾑﾗ"),
    ("小林", "ｺﾊﾞﾔｼ"),
    ("加藤", "ｶﾄｳ"),
]
GIVEN = [
    ("花子", "ﾊﾅｺ"),
    ("太郎", "ﾀﾛｳ"),
    ("美咲", "ﾐｻｷ"),
    ("翔", "ｼｮｳ"),
    ("陽菜", "ﾋﾅ"),
    ("蓮", "ﾚﾝ"),
    ("結衣", "ﾕｲ"),
    ("大翔", "ﾋﾛﾄ"),
    ("さくら", "ｻｸﾗ"),
    ("健", "ｹﾝ"),
]
HEADER = "顧客番号,氏名,フリガナ,郵便番号,住所,電話番号,メールアドレス,生年月日,ポイント"


def customer_csv(
    path: Path, rows: int, *, seed: int = 1, encoding: str = "cp932", furigana: bool = True
) -> Path:
    """``rows`` customers, every 500th with a bad postal code, every 700th sharing a phone.

    ``furigana=False`` leaves the フリガナ column out (the importer suggests readings).
    """
    rng = random.Random(seed)
    lines = [HEADER]
    for i in range(rows):
        family, fkana = rng.choice(FAMILY)
        given, gkana = rng.choice(GIVEN)
        postal = "12" if i % 500 == 499 else f"{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"
        phone = f"090-{i // 10000:04d}-{i % 10000:04d}"
        if i % 700 == 699:
            phone = (
                "090-0000-0001"  # row 2's phone: a shared line, skipped only if the person matches
            )
        birthday = f"S{rng.randint(30, 63)}.{rng.randint(1, 12)}.{rng.randint(1, 28)}"
        email = f"c{i}@example.jp" if i % 3 == 0 else ""
        address = f"東京都千代田区千代田{rng.randint(1, 9)}-{rng.randint(1, 30)}"
        points = rng.choice(["", "100", "１，２００"])
        lines.append(
            f"{i + 1:06d},{family} {given},{fkana} {gkana},{postal},{address},{phone},"
            f"{email},{birthday},{points}"
        )
    if not furigana:
        lines = [",".join(c for i, c in enumerate(line.split(",")) if i != 2) for line in lines]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path
