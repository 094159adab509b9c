"""The import wizard: file -> encoding, preview and mapping -> dry run -> import.

Reading, the dry run and the import run off the UI thread (crmdesk.ui.workers); the
import can be cancelled between batches, and running it again resumes where it stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from crmdesk.core.errors import DomainError
from crmdesk.core.messages import field_label
from crmdesk.services import import_mapping, import_report, importer
from crmdesk.ui import i18n
from crmdesk.ui.operations import in_label, run_check
from crmdesk.ui.screen_fit import fit_to_screen
from crmdesk.ui.workers import Progress, run_in_background

ENCODINGS = [
    (QT_TRANSLATE_NOOP("ImportWizard", "自動判定"), None),
    ("UTF-8", "utf-8"),
    ("Shift_JIS (cp932)", "cp932"),
    ("EUC-JP", "euc_jp"),
]
DECISION_LABELS = {
    "skip": QT_TRANSLATE_NOOP("ImportWizard", "取り込まない"),
    "merge": QT_TRANSLATE_NOOP("ImportWizard", "統合する（空欄を補う）"),
    "import": QT_TRANSLATE_NOOP("ImportWizard", "別人として取り込む"),
}
NOT_IMPORTED = QT_TRANSLATE_NOOP("ImportWizard", "（取り込まない）")
REASONS = {
    "same_phone": QT_TRANSLATE_NOOP("ImportWizard", "電話"),
    "same_email": QT_TRANSLATE_NOOP("ImportWizard", "メール"),
    "same_customer_number": QT_TRANSLATE_NOOP("ImportWizard", "顧客番号"),
    "same_name_kana_birthday": QT_TRANSLATE_NOOP("ImportWizard", "氏名・フリガナ・生年月日"),
    "same_name": QT_TRANSLATE_NOOP("ImportWizard", "氏名"),
    "same_kana": QT_TRANSLATE_NOOP("ImportWizard", "フリガナ"),
    "same_birthday": QT_TRANSLATE_NOOP("ImportWizard", "生年月日"),
}


def _tr(text: str) -> str:
    """A text from the tables above (lupdate saw it there) in the window's language."""
    return QCoreApplication.translate("ImportWizard", text)


def _fit(table: QTableWidget) -> None:
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


def _field_choices() -> list[tuple[str, str | None]]:
    names = sorted(import_mapping.TARGETS)
    lang = i18n.language()
    return [(_tr(NOT_IMPORTED), None)] + [(field_label(n, lang), n) for n in names]


def _steps_job(db: Any, prepared: import_mapping.Prepared, **options: Any) -> Any:
    steps = importer.run_import(db, prepared, **options)
    while True:
        try:
            done, total = next(steps)
        except StopIteration as stop:
            return stop.value
        yield Progress(done, total)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("取り込むファイル"))
        self.setSubTitle(self.tr("CSV・TSV・Excel（xlsx）の顧客名簿を選んでください"))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path_edit")
        browse = QPushButton(self.tr("参照…"))
        browse.clicked.connect(self._browse)
        self.encoding_combo = QComboBox()
        for label, codec in ENCODINGS:
            self.encoding_combo.addItem(_tr(label), codec)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setVisible(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("文字コード")))
        layout.addWidget(self.encoding_combo)
        layout.addWidget(self.sheet_combo)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("名簿ファイル"), "", self.tr("名簿 (*.csv *.tsv *.txt *.xlsx);;*")
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return Path(self.path_edit.text().strip()).is_file()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        sheet = self.sheet_combo.currentText() if self.sheet_combo.isVisible() else None
        try:
            self.w.prepared = import_mapping.prepare(
                self.path_edit.text().strip(),
                encoding=self.encoding_combo.currentData(),
                sheet=sheet,
            )
        except DomainError as error:
            if error.code == "several_sheets":
                self.sheet_combo.clear()
                self.sheet_combo.addItems(error.params["sheets"].split(", "))
                self.sheet_combo.setVisible(True)
            self.error_label.setText(error.message(i18n.language()))
            return False
        self.error_label.clear()
        return True


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("列の割り当て"))
        self.encoding_label = QLabel()
        self.encoding_label.setObjectName("encoding_label")
        self.table = QTableWidget()
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.addWidget(self.encoding_label)
        layout.addWidget(QLabel(self.tr("1行目で各列の取り込み先を選べます（見出しから推定済み）")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        prepared = self.w.prepared
        assert prepared is not None
        preview = prepared.preview(20)
        where = self.tr("（シート {0}）").format(preview["sheet"]) if preview["sheet"] else ""
        self.encoding_label.setText(
            self.tr("文字コード: {encoding}{sheet}　データ {rows} 行").format(
                encoding=preview["encoding_label"], sheet=where, rows=f"{preview['rows']:,}"
            )
        )
        headers = preview["headers"]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(preview["sample"]) + 1)
        self.table.setHorizontalHeaderLabels(headers)
        self.combos = []
        choices = _field_choices()
        for col, header in enumerate(headers):
            combo = QComboBox()
            for label, value in choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(prepared.mapping.get(header))))
            self.table.setCellWidget(0, col, combo)
            self.combos.append(combo)
        for r, cells in enumerate(preview["sample"], start=1):
            for c, text in enumerate(cells[: len(headers)]):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def mapping(self) -> dict[str, str | None]:
        headers = self.w.prepared.table.headers if self.w.prepared else []
        return {h: combo.currentData() for h, combo in zip(headers, self.combos, strict=False)}

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        mapping = self.mapping()
        if not run_check(
            lambda: import_mapping.check_mapping(mapping), on_error=in_label(self.error_label)
        ).ok:
            return False
        assert self.w.prepared is not None
        self.w.prepared.mapping = mapping
        return True


class DryRunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("確認（まだ取り込んでいません）"))
        self.setCommitPage(True)  # once the import starts, there is no going back
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("取り込む"))
        self.summary = QLabel()
        self.summary.setObjectName("dry_run_summary")
        self.summary.setWordWrap(True)
        self.progress = QProgressBar()
        self.default_combo = QComboBox()
        for key, label in DECISION_LABELS.items():
            self.default_combo.addItem(_tr(label), key)
        self.dupes = QTableWidget(0, 4)
        self.dupes.setHorizontalHeaderLabels(
            [self.tr("行"), self.tr("一致した項目"), self.tr("重複の相手"), self.tr("扱い")]
        )
        self.rejects = QTableWidget(0, 3)
        self.rejects.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("理由")])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(QLabel(self.tr("重複の疑いがある行（既定の扱い）")))
        layout.addWidget(self.default_combo)
        layout.addWidget(self.dupes, 1)
        layout.addWidget(QLabel(self.tr("取り込めない行")))
        layout.addWidget(self.rejects, 1)
        self.result: import_report.ImportResult | None = None
        self.row_combos: dict[int, QComboBox] = {}
        self.default_combo.currentIndexChanged.connect(self._apply_default)

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.result = None
        self.summary.setText(self.tr("確認しています…"))
        self.completeChanged.emit()
        self.w.worker = run_in_background(
            _steps_job, self.w.db, self.w.prepared, dry_run=True,
            on_done=self._done, on_error=self.w.show_error,
            on_progress=lambda d, t, _m: (self.progress.setMaximum(t), self.progress.setValue(d)),
            owner=self,
        )  # fmt: skip

    def _done(self, result: import_report.ImportResult) -> None:
        self.result = result
        self.summary.setText(
            self.tr(
                "新規 {created} 件、重複の疑い {dupes} 件、"
                "取り込めない行 {rejected} 行（全 {rows} 行）"
            ).format(
                created=f"{result.created:,}",
                dupes=f"{len(result.duplicates):,}",
                rejected=f"{result.rejected:,}",
                rows=f"{result.rows:,}",
            )
            + _notes(result)
        )
        self.dupes.setRowCount(len(result.duplicates))
        self.row_combos = {}
        for i, d in enumerate(result.duplicates):
            self.dupes.setItem(i, 0, QTableWidgetItem(str(d.row)))
            reasons = self.tr("・").join(_tr(REASONS.get(r, r)) for r in d.reasons)
            self.dupes.setItem(i, 1, QTableWidgetItem(reasons))
            if d.existing_row:
                where = self.tr("このファイルの{0}行目").format(d.existing_row)
            else:
                where = self.tr("登録済み 顧客番号 {0}").format(d.existing_number)
            self.dupes.setItem(i, 2, QTableWidgetItem(where))
            combo = QComboBox()
            for key, label in DECISION_LABELS.items():
                combo.addItem(_tr(label), key)
            combo.setCurrentIndex(combo.findData(self.default_combo.currentData()))
            self.dupes.setCellWidget(i, 3, combo)
            self.row_combos[d.row] = combo
        self.rejects.setRowCount(len(result.rejects))
        for i, r in enumerate(result.rejects):
            column = field_label(r.column, i18n.language()) if r.column else ""
            for c, text in enumerate((str(r.row), column, r.message)):
                self.rejects.setItem(i, c, QTableWidgetItem(text))
        _fit(self.dupes)
        _fit(self.rejects)
        self.completeChanged.emit()

    def _apply_default(self) -> None:
        for combo in self.row_combos.values():
            combo.setCurrentIndex(combo.findData(self.default_combo.currentData()))

    def choices(self) -> dict[int, str]:
        default = self.default_combo.currentData()
        picked = {row: combo.currentData() for row, combo in self.row_combos.items()}
        return {row: value for row, value in picked.items() if value != default}

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.result is not None


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("取り込み"))
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setObjectName("run_status")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("中断"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.finished = False
        self.result: import_report.ImportResult | None = None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        self.finished = False
        self.status.setText(self.tr("取り込んでいます…"))
        self.cancel_button.setEnabled(True)
        dry = self.w.dry_page
        self.w.worker = run_in_background(
            _steps_job, self.w.db, self.w.prepared,
            on_duplicate=dry.default_combo.currentData(), choices=dry.choices(),
            batch_size=self.w.batch_size, actor=self.w.actor_name,
            on_done=self._done, on_error=self._failed, on_cancelled=self._cancelled,
            on_progress=lambda d, t, _m: (self.progress.setMaximum(t), self.progress.setValue(d)),
            writes=True, owner=self
        )  # fmt: skip

    def cancel(self) -> None:
        if self.w.worker is not None:
            self.w.worker.cancel()

    def _done(self, result: import_report.ImportResult) -> None:
        self.result = result
        text = self.tr(
            "取り込み完了: 新規 {created} 件、統合 {merged} 件、"
            "重複で省略 {skipped} 件、取り込めない行 {rejected} 行"
        ).format(
            created=f"{result.created:,}",
            merged=f"{result.merged:,}",
            skipped=f"{result.skipped:,}",
            rejected=f"{result.rejected:,}",
        )
        if result.reject_file:
            text += "\n" + self.tr("取り込めない行の一覧: {0}").format(result.reject_file)
        self.status.setText(text)
        self._end()

    def _cancelled(self) -> None:
        self.status.setText(
            self.tr(
                "中断しました。取り込み済みの分は保存されています。"
                "同じファイルをもう一度取り込むと続きから再開します。"
            )
        )
        self._end()

    def _failed(self, error: Exception) -> None:
        self.w.show_error(error)
        self._end()

    def _end(self) -> None:
        self.finished = True
        self.cancel_button.setEnabled(False)
        self.completeChanged.emit()
        self.w.imported = self.result is not None

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.finished


class ImportWizard(QWizard):
    """The wizard over one open database."""

    def __init__(
        self, db: Any, parent: Any = None, *, actor_name: str = "", batch_size: int = 1000
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("顧客名簿の取り込み"))
        self.db, self.actor_name, self.batch_size = db, actor_name, batch_size
        self.prepared: import_mapping.Prepared | None = None
        self.worker: Any = None
        self.imported = False
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.dry_page = DryRunPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.dry_page, self.run_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("次へ"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("戻る"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("閉じる"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("キャンセル"))
        fit_to_screen(self, 900, 640)

    def show_error(self, error: Exception) -> None:
        text = error.message(i18n.language()) if isinstance(error, DomainError) else str(error)
        label = self.currentPage().findChild(QLabel)
        if label is not None:
            label.setText(self.tr("エラー: {0}").format(text))


def _notes(result: import_report.ImportResult) -> str:
    """What the import fills in by itself, for the owner to check afterwards."""
    notes = ""
    if result.kana_suggested:
        notes += "\n" + QCoreApplication.translate(
            "ImportNotes",
            "フリガナのない {count} 件は読みを自動で補います（取り込み後に確認してください）",
        ).format(count=f"{result.kana_suggested:,}")
    if result.zeros_restored:
        notes += "\n" + QCoreApplication.translate(
            "ImportNotes",
            "数値として保存されていた電話番号・郵便番号 {count} 件の先頭の0を補います",
        ).format(count=f"{result.zeros_restored:,}")
    if result.unmapped:
        notes += "\n" + QCoreApplication.translate(
            "ImportNotes", "取り込まない列: {columns}（必要なら項目の対応を選んでください）"
        ).format(columns="、".join(result.unmapped))
    if result.already_done:
        notes += "\n" + QCoreApplication.translate(
            "ImportNotes", "このファイルは取り込み済みです。今回は何も取り込んでいません"
        )
    return notes
