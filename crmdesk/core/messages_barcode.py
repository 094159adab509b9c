"""Messages for Japan Post's customer barcode on labels and postcards."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "barcode_label_too_small": {
        "ja": "用紙「{sheet}」のラベルは幅が足りず、カスタマバーコードを規定の大きさ（80%以上）で"
        "印刷できません",
        "en": "The labels of sheet {sheet} are too narrow for the customer barcode at its"
        " allowed size (80% or more)",
    },
}
