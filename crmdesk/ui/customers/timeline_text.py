"""Timeline rows in the window's language.

The sentences live in :mod:`crmdesk.core.timeline_words` (Japanese and English, the same
ones the CLI and JSON use); this module asks for them in the language the window shows.
"""

from __future__ import annotations

from crmdesk.core import timeline_words as words
from crmdesk.services.timeline import TimelineEntry
from crmdesk.ui import i18n


def kind_label(kind: str) -> str:
    return words.kind_label(kind, i18n.language())


def title_and_detail(entry: TimelineEntry) -> tuple[str, str]:
    """The row's (title, detail) in the window's language; the detail on one line."""
    title, detail = entry.text(i18n.language())
    return title, detail.replace("\n", " ")
