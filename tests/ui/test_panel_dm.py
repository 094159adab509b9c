"""The card's 連名・喪中・追加項目 tab, typed into as staff would."""

from __future__ import annotations

from PySide6.QtCore import Qt

from crmdesk.services import custom_fields, customer_index, customers
from crmdesk.ui.mailings.dm_panel import DmFieldsPanel
from tests.helpers.factories import add_customer
from tests.helpers.qt_typing import type_text


def _record(db, customer_id: str) -> dict:
    with db.transaction() as session:
        return customers.customer_record(customer_index.get_customer(session, customer_id))


def _panel(qtbot, db, customer_id) -> DmFieldsPanel:
    panel = DmFieldsPanel()
    qtbot.addWidget(panel)
    panel.load(db, customer_id)
    panel.show()
    return panel


def test_joint_names_mourning_and_custom_fields_are_saved_from_the_card(db, qtbot) -> None:
    with db.transaction() as session:
        custom_fields.define_field(session, "会員種別", "choice", ["一般", "法人"])
        custom_fields.define_field(session, "身長", "number")
        custom_fields.define_field(session, "DM不要", "yesno")
        who = add_customer(session)
    panel = _panel(qtbot, db, who)
    type_text(panel.joint_names, "太郎")
    qtbot.keyClick(panel.joint_names, Qt.Key.Key_Return)
    type_text(panel.joint_names, "次郎")
    qtbot.keyClicks(panel.mourning_until, "2027/1/15")
    panel.inputs["field:会員種別"].setCurrentText("法人")
    qtbot.keyClicks(panel.inputs["field:身長"], "158.5")
    panel.inputs["field:DM不要"].setCurrentIndex(1)  # はい
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    shown = _record(db, who)
    assert (shown["joint_names"], shown["mourning_until"]) == ("太郎\n次郎", "2027-01-15")
    assert shown["fields"] == {"会員種別": "法人", "身長": 158.5, "DM不要": True}
    assert panel.status.text() == "保存しました"
    # loaded back as saved
    assert panel.inputs["field:身長"].text() == "158.5"
    assert panel.inputs["field:DM不要"].currentText() == "はい"


def test_a_bad_value_is_named_next_to_its_field_and_nothing_is_written(db, qtbot) -> None:
    with db.transaction() as session:
        custom_fields.define_field(session, "身長", "number")
        who = add_customer(session)
    panel = _panel(qtbot, db, who)
    type_text(panel.joint_names, "花子")
    type_text(panel.inputs["field:身長"], "高い")
    type_text(panel.mourning_until, "そのうち")
    assert not panel.save()
    expected = "身長は数値で入力してください（「高い」は数値ではありません）"
    assert panel.error_text("field:身長") == expected
    assert panel.error_text("mourning_until").startswith("喪中")
    shown = _record(db, who)
    assert shown["joint_names"] == "" and shown["fields"] == {"身長": None}


def test_a_customer_not_yet_saved_cannot_be_given_fields(db, qtbot) -> None:
    panel = _panel(qtbot, db, None)
    assert not panel.save_button.isEnabled()
    assert panel.status.text() == "顧客を保存すると入力できます"


def test_the_search_results_tooltip_lists_the_filled_custom_fields(db, qtbot) -> None:
    from crmdesk.services.search import search_customers
    from crmdesk.ui.customers.list_model import CustomerTableModel

    with db.transaction() as session:
        custom_fields.define_field(session, "会員種別", "choice", ["一般", "法人"])
        custom_fields.define_field(session, "紹介者", "text")
        custom_fields.define_field(session, "DM不要", "yesno")
        who = add_customer(session)
        custom_fields.set_values(session, who, {"会員種別": "法人", "DM不要": "yes"})
        hits = search_customers(session, "やまだ")
    model = CustomerTableModel(db)
    model.show_hits(hits, "やまだ")
    tip = model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["山田 花子", "会員種別: 法人", "DM不要: はい"]


def test_a_save_keeps_what_another_counter_changed_meanwhile(db, qtbot) -> None:
    """The tab was open here while another window gave her a height and a joint name;
    saving a mourning date here put back the empty ones shown here."""
    from crmdesk.store.db import open_database

    with db.transaction() as session:
        custom_fields.define_field(session, "身長", "number")
        who = add_customer(session)
    panel = _panel(qtbot, db, who)
    other = open_database(db.path)
    try:
        with other.transaction() as session:
            custom_fields.set_values(session, who, {"身長": "160"})
            customers.update_customer(session, who, {"joint_names": "太郎"})
    finally:
        other.close()
    qtbot.keyClicks(panel.mourning_until, "2027/1/15")
    assert panel.save()
    shown = _record(db, who)
    assert shown["mourning_until"] == "2027-01-15"
    assert shown["joint_names"] == "太郎" and shown["fields"] == {"身長": 160}
    assert panel.inputs["field:身長"].text() == "160"  # loaded back as she is now
