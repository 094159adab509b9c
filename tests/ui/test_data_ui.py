"""The import wizard, the 名寄せ dialog, the export dialog and the data menu, driven as a
user drives them (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWizard
from sqlalchemy import select

from crmdesk.services import customer_index
from crmdesk.services.backup import list_backups
from crmdesk.services.staff import Actor
from crmdesk.store.backup import backup_dir
from crmdesk.store.models import AuditLog, Customer
from crmdesk.ui.customers.dupes_dialog import DupesDialog
from crmdesk.ui.data.export_dialog import ExportDialog
from crmdesk.ui.data.import_wizard import ImportWizard
from tests.helpers.factories import add_customer

LIST = (
    "氏名,ﾌﾘｶﾞﾅ,〒,TEL,生年月日\r\n"
    "山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,100-0001,03-1234-5678,昭和60年4月1日\r\n"
    "佐藤 次郎,ｻﾄｳ ｼﾞﾛｳ,999,06-1111-2222,S60.4.1\r\n"
    "鈴木 一郎,ｽｽﾞｷ ｲﾁﾛｳ,1000001,090-1111-2222,19850401\r\n"
    "山田 花子,ﾔﾏﾀﾞ ﾊﾅｺ,100-0001,03-1234-5678,1985/4/1\r\n"
)


def names(db) -> list[str]:
    with db.transaction() as session:
        rows = session.scalars(select(Customer).where(~Customer.deleted))
        return sorted(c.name for c in rows)


def test_the_wizard_imports_a_cp932_list(qtbot, db, tmp_path) -> None:
    source = tmp_path / "meibo.csv"  # keyClicks types ASCII only
    source.write_bytes(LIST.encode("cp932"))
    wizard = ImportWizard(db, actor_name="owner", batch_size=2)
    qtbot.addWidget(wizard)
    wizard.show()
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    qtbot.keyClicks(wizard.file_page.path_edit, str(source))
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert "Shift_JIS (cp932)" in page.encoding_label.text()
    assert page.table.item(1, 0).text() == "山田 花子"
    assert [c.currentData() for c in page.combos] == [
        "name", "kana", "postal_code", "phone1", "birthday"
    ]  # fmt: skip
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)

    dry = wizard.dry_page
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10_000)
    assert "新規 2 件" in dry.summary.text() and "取り込めない行 1 行" in dry.summary.text()
    assert dry.rejects.item(0, 0).text() == "3" and dry.rejects.item(0, 1).text() == "〒"
    assert dry.dupes.rowCount() == 1 and dry.dupes.item(0, 0).text() == "5"
    assert names(db) == []  # the dry run wrote nothing

    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    run = wizard.run_page
    qtbot.waitUntil(lambda: run.finished, timeout=10_000)
    assert run.progress.value() == run.progress.maximum() == 4
    assert "新規 2 件" in run.status.text() and "重複で省略 1 件" in run.status.text()
    assert names(db) == ["山田 花子", "鈴木 一郎"]
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_the_wizard_asks_for_a_sheet_and_a_name_column(qtbot, db, tmp_path) -> None:
    book = Workbook()
    book.active.append(["氏名", "電話"])
    book.active.append(["森 陽菜", "090-1234-5678"])
    book.create_sheet("メモ").append(["x"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    wizard = ImportWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.file_page
    assert "シートが複数" in wizard.file_page.error_label.text()
    assert wizard.file_page.sheet_combo.isVisibleTo(wizard)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mapping_page
    wizard.mapping_page.combos[0].setCurrentIndex(0)  # 氏名 -> not imported
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mapping_page
    assert "氏名" in wizard.mapping_page.error_label.text()


def test_the_dupes_dialog_merges_and_undoes(qtbot, db) -> None:
    with db.transaction() as session:
        a = add_customer(session, phone1="090-1111-2222", customer_number="000001")
        b = add_customer(session, phone1="09011112222", email="h@example.jp",
                         customer_number="000002")  # fmt: skip
    dialog = DupesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.find()
    qtbot.waitUntil(lambda: dialog.pair_table.rowCount() == 1, timeout=5_000)
    assert "山田 花子" in dialog.pair_table.item(0, 1).text()
    dialog.pair_table.selectRow(0)
    assert dialog.choice_combos["email"].currentData() == "b"  # A's blank is filled from B
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "統合しました" in dialog.status.text()
    with db.transaction() as session:
        assert customer_index.get_customer(session, a).email == "h@example.jp"
        assert customer_index.get_customer(session, b, include_deleted=True).merged_into_id == a
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    with db.transaction() as session:
        assert customer_index.get_customer(session, a).email == ""
        assert not customer_index.get_customer(session, b).deleted


def test_the_export_dialog_writes_and_audits(qtbot, db, tmp_path) -> None:
    with db.transaction() as session:
        add_customer(session)
    owner = Actor(staff_id=None, name="owner", role="owner")
    dialog = ExportDialog(db, owner)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(2)  # xlsx
    qtbot.keyClicks(dialog.path, str(tmp_path / "customers.xlsx"))
    dialog.run()
    assert "1 件を書き出しました" in dialog.status.text()
    assert (tmp_path / "customers.xlsx").exists()
    staff = ExportDialog(db, Actor(staff_id=None, name="counter", role="staff"))
    qtbot.addWidget(staff)
    qtbot.keyClicks(staff.path, str(tmp_path / "x.csv"))
    staff.run()
    assert "書き出し" in staff.status.text() and not (tmp_path / "x.csv").exists()
    with db.transaction() as session:
        assert len(session.scalars(select(AuditLog).where(AuditLog.action == "export")).all()) == 1


class Window(QMainWindow):
    """The parts of the main window's extension API the data feature uses."""

    def __init__(self, db) -> None:
        super().__init__()
        self.db = db
        self.menus = {k: self.menuBar().addMenu(k) for k in ("file", "tools")}
        self.status: list[str] = []

    def menu(self, key: str):
        return self.menus[key]

    def show_status(self, text: str) -> None:
        self.status.append(text)

    def refresh(self) -> None:
        pass


def test_the_feature_adds_menus_and_backs_up(qtbot, db) -> None:
    from crmdesk.ui.data import feature as feature_data

    window = Window(db)
    qtbot.addWidget(window)
    feature_data.install(window)
    texts = [a.text() for a in window.menus["file"].actions()]
    assert "取り込み（CSV・Excel）…" in texts and "バックアップを作成" in texts
    assert [a.text() for a in window.menus["tools"].actions()] == ["名寄せ（重複の統合）…"]
    feature_data.manual_backup(window)
    qtbot.waitUntil(lambda: any("作成しました" in s for s in window.status), timeout=5_000)
    feature_data.on_quit(window)
    kinds = sorted(i.kind for i in list_backups(backup_dir(Path(db.path))))
    assert kinds == ["auto", "manual"]


def test_a_cancelled_import_resumes_when_run_again(qtbot, db, tmp_path) -> None:
    from tests.helpers.customer_files import customer_csv

    source = customer_csv(tmp_path / "big.csv", 3000, seed=2)

    def start() -> ImportWizard:
        wizard = ImportWizard(db, batch_size=100)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.keyClicks(wizard.file_page.path_edit, str(source))
        wizard.next()
        wizard.next()
        qtbot.waitUntil(lambda: wizard.dry_page.result is not None, timeout=20_000)
        wizard.next()
        return wizard

    wizard = start()
    qtbot.mouseClick(wizard.run_page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=20_000)
    assert "中断しました" in wizard.run_page.status.text()
    partial = len(names(db))
    assert 0 < partial < 2900
    wizard = start()
    qtbot.waitUntil(lambda: wizard.run_page.finished, timeout=30_000)
    result = wizard.run_page.result
    assert result is not None and result.resumed_from_row is not None
    assert len(names(db)) == result.created > partial


def test_the_wizard_dry_run_names_what_it_fills_in(qtbot, db, tmp_path) -> None:
    source = tmp_path / "nokana.csv"
    source.write_bytes(
        "氏名,TEL\r\n佐藤 花子,9012345678\r\n田中 一郎,03-1111-2222\r\n".encode("cp932")
    )
    wizard = ImportWizard(db, actor_name="owner")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path_edit, str(source))
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    dry = wizard.dry_page
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10_000)
    text = dry.summary.text()
    assert "フリガナのない 2 件は読みを自動で補います" in text
    assert "先頭の0を補います" in text and "1 件" in text


def test_the_merge_dialog_names_fields_and_values_in_words(qtbot, db) -> None:
    """Issue 12's 9: 「dm_consent」「email_consent」「female」 were shown raw."""
    with db.transaction() as session:
        add_customer(session, phone1="090-1111-2222", gender="female", dm_consent=True)
        add_customer(session, phone1="09011112222", gender="male", dm_consent=False,
                     email="h@example.jp", email_consent=True)  # fmt: skip
    dialog = DupesDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.find()
    qtbot.waitUntil(lambda: dialog.pair_table.rowCount() == 1, timeout=5_000)
    dialog.pair_table.selectRow(0)
    cell = dialog.fields.item
    rows = {
        cell(r, 0).text(): (cell(r, 1).text(), cell(r, 2).text())
        for r in range(dialog.fields.rowCount())
    }
    assert "DM送付可" in rows and "メール送信可" in rows
    assert set(rows["性別"]) == {"女性", "男性"}
    shown = " ".join([*rows, *(v for pair in rows.values() for v in pair)])
    for code in ("dm_consent", "email_consent", "female", "male"):
        assert code not in shown


def test_every_field_the_import_maps_has_a_label_not_its_code() -> None:
    from crmdesk.ui.data import import_wizard

    for text, name in import_wizard._field_choices()[1:]:
        assert name not in text, text
