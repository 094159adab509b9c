"""Inquiry channel, status and priority names in the window's language.

The words live in :mod:`crmdesk.core.inquiry_rules` (Japanese and English, also used by
the charts, the reports and the CLI); this module asks for them in the language the
window shows (:func:`crmdesk.ui.i18n.language`, which follows the language switch).
"""

from __future__ import annotations

from crmdesk.core import inquiry_rules as rules
from crmdesk.ui import i18n


def channel(code: str) -> str:
    return rules.channel_label(code, i18n.language())


def status(code: str) -> str:
    return rules.status_label(code, i18n.language())


def priority(code: str) -> str:
    return rules.priority_label(code, i18n.language())
