"""Messages of the guards against races and bad input: busy files, bounds, output paths."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "database_busy": {
        "ja": "別の画面が保存中です。少し待ってからもう一度お試しください",
        "en": "Another window is saving: wait a moment and try again",
    },
}

FIELD_LABELS: dict[str, dict[str, str]] = {}
