"""Each inquiry status has one word, the same on the dashboard's chart, its table, the
window's lists and the timeline, in Japanese and in English (issue 12's 9: the chart said
保留 where the lists said 返答待ち)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from crmdesk.core.inquiry_rules import STATUSES
from crmdesk.reports.charts import CHARTS
from crmdesk.reports.tables import display_text
from crmdesk.ui import i18n
from crmdesk.ui.inquiries.dialog import InquiryDialog

WORDS = {
    "ja": ["未対応", "対応中", "返答待ち", "完了"],
    "en": ["Open", "In progress", "Waiting", "Closed"],
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_chart_and_the_window_use_one_word_per_status(lang: str, db: Any, qtbot: Any):
    assert i18n.set_language(lang)
    try:
        dialog = InquiryDialog(db)
        qtbot.addWidget(dialog)
        window_words = {
            dialog.status.itemData(i): dialog.status.itemText(i)
            for i in range(dialog.status.count())
        }
        frame = pd.DataFrame(
            {"category": ["修理"] * 4, "status": list(STATUSES), "inquiries": [4, 3, 2, 1]}
        )
        fig = CHARTS["inquiries"].build(frame, lang=i18n.language())
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        table = [display_text("status", code, i18n.language()) for code in STATUSES]
    finally:
        i18n.set_language("ja")
    assert [window_words[code] for code in STATUSES] == WORDS[lang]
    assert legend == table == WORDS[lang]
