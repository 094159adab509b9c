"""The first-run wizard's pages: how to start (and the language), the new shop's name
and address, its points and owner PIN, a file to open, a backup to restore.

Each page sets its texts in ``retranslate()``, which the wizard calls again when the
language is changed on the first page, so the whole wizard follows at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from crmdesk import paths
from crmdesk.core import validate
from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.core.pins import valid_pin
from crmdesk.core.postal import lookup_postal
from crmdesk.services import backup
from crmdesk.ui import i18n

PAGE_START, PAGE_SHOP, PAGE_POINTS, PAGE_OPEN, PAGE_RESTORE, PAGE_READY = range(6)
FILE_FILTER = "crmdesk (*.sqlite3 *.db);;*"


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def error_text(error: DomainError) -> str:
    errors = error.errors if isinstance(error, ValidationError) else [error]
    return "\n".join(e.message(i18n.language()) for e in errors)


class StartPage(QWizardPage):
    """Language, and how to start: new shop, open, restore, join a hub, demo data."""

    KINDS = ("new", "open", "restore", "join", "demo")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_box = QGroupBox()
        self.japanese = QRadioButton("日本語")  # each language in its own words
        self.english = QRadioButton("English")
        self.languages = QButtonGroup(self)
        lang_row = QHBoxLayout(self.language_box)
        for button in (self.japanese, self.english):
            self.languages.addButton(button)
            lang_row.addWidget(button)
        lang_row.addStretch(1)
        (self.english if i18n.language() == "en" else self.japanese).setChecked(True)

        self.choice_box = QGroupBox()
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.hints: dict[str, QLabel] = {}
        column = QVBoxLayout(self.choice_box)
        for kind in self.KINDS:
            button = QRadioButton()
            hint = QLabel()
            hint.setWordWrap(True)
            hint.setIndent(24)
            hint.setEnabled(False)  # the greyed explanation under each choice
            self.choices.addButton(button)
            self.buttons[kind], self.hints[kind] = button, hint
            column.addWidget(button)
            column.addWidget(hint)
        self.buttons["new"].setChecked(True)

        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.language_box)
        layout.addWidget(self.choice_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.choices.buttonToggled.connect(lambda *_: self.completeChanged.emit())
        self.setTabOrder(self.japanese, self.english)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("crmdeskへようこそ"))
        self.setSubTitle(self.tr("はじめに、使う言語と始め方を選んでください。"))
        self.language_box.setTitle(self.tr("言語 / Language"))
        texts = {
            "new": (
                self.tr("新しいお店として始める(&N)"),
                self.tr("店名・住所、ポイントの付け方、オーナーの暗証番号を設定します"),
            ),
            "open": (
                self.tr("今あるデータベースのファイルを開く(&O)"),
                self.tr("別のパソコンやフォルダーにある crmdesk のファイルを使います"),
            ),
            "restore": (
                self.tr("バックアップから復元する(&R)"),
                self.tr("バックアップのファイルを確かめてから、このパソコンのデータにします"),
            ),
            "join": (
                self.tr("お店のハブに参加する(&J)"),
                self.tr("ほかの店舗と顧客を共有します（ハブのアドレスとパスワードが必要です）"),
            ),
            "demo": (
                self.tr("デモデータで試す(&D)"),
                self.tr("架空の顧客500人で操作を試します（本番のデータとは別にしてください）"),
            ),
        }
        self.choice_box.setTitle(self.tr("始め方"))
        for kind, (title, hint) in texts.items():
            self.buttons[kind].setText(title)
            self.hints[kind].setText(hint)

    def language(self) -> str:
        return "en" if self.english.isChecked() else "ja"

    def kind(self) -> str:
        return next(k for k, b in self.buttons.items() if b.isChecked())

    def nextId(self) -> int:
        # Demo data and joining a hub say what happens next on a page of their own: QWizard
        # decides between Next and Finish only when a page is entered, so the start page
        # always goes on.
        pages = {"new": PAGE_SHOP, "open": PAGE_OPEN, "restore": PAGE_RESTORE}
        return pages.get(self.kind(), PAGE_READY)


class ShopPage(QWizardPage):
    """The shop's name and the return address printed on postcards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.postal_code = QLineEdit()
        self.postal_code.setMaxLength(8)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.error = _error_label()
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        for label, edit in zip(
            self.labels, (self.name, self.postal_code, self.address, self.phone), strict=True
        ):
            label.setBuddy(edit)
            self.form.addRow(label, edit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.postal_code.editingFinished.connect(self.fill_address)
        self.name.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("新しいお店"))
        self.setSubTitle(
            self.tr("店名と住所は、はがきの差出人として印刷されます。あとで設定から変えられます。")
        )
        for label, text in zip(
            self.labels,
            (self.tr("店名(&S):"), self.tr("郵便番号(&P):"), self.tr("住所(&A):"),
             self.tr("電話番号(&T):")),
            strict=True,
        ):  # fmt: skip
            label.setText(text)
        self.postal_code.setPlaceholderText(self.tr("例: 100-0001（入力すると住所を補います）"))

    def fill_address(self) -> None:
        """A known postal code fills an empty address with its prefecture, city and town."""
        if self.address.text().strip():
            return
        try:
            found = lookup_postal(self.postal_code.text())
        except DomainError:
            return
        if found is not None:
            self.address.setText(f"{found.prefecture}{found.city}{found.town}")
            # Tab selects the field's text on arrival: typing the block number would
            # replace the town just filled in, so the cursor waits at its end instead.
            QTimer.singleShot(0, lambda: self.address.end(False))

    def nextId(self) -> int:
        return PAGE_POINTS

    def isComplete(self) -> bool:
        return bool(self.name.text().strip())

    def validatePage(self) -> bool:
        errors = validate.FieldErrors()
        errors.check(validate.clean_required, self.name.text(), "shop_name", max_length=100)
        errors.check(validate.clean_postal_code, self.postal_code.text())
        errors.check(validate.clean_optional, self.address.text(), "address", max_length=200)
        errors.check(validate.clean_phone, self.phone.text())
        try:
            errors.raise_if_any()
        except DomainError as error:
            self.error.setText(error_text(error))
            return False
        self.error.clear()
        return True


class PointsPage(QWizardPage):
    """How points are earned (a preset) and, optionally, the owner's sign-in PIN."""

    PRESETS = ("100", "200", "100_never")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points_box = QGroupBox()
        self.presets = QButtonGroup(self)
        self.preset_buttons: dict[str, QRadioButton] = {}
        column = QVBoxLayout(self.points_box)
        for key in self.PRESETS:
            button = QRadioButton()
            self.presets.addButton(button)
            self.preset_buttons[key] = button
            column.addWidget(button)
        self.preset_buttons["100"].setChecked(True)

        self.owner_box = QGroupBox()
        self.owner_hint = QLabel()
        self.owner_hint.setWordWrap(True)
        self.owner_name = QLineEdit()
        self.pin = QLineEdit()
        self.pin_again = QLineEdit()
        for edit in (self.pin, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(8)
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.owner_labels = [QLabel() for _ in range(3)]
        form = QFormLayout(self.owner_box)
        form.addRow(self.owner_hint)
        for label, edit in zip(
            self.owner_labels, (self.owner_name, self.pin, self.pin_again), strict=True
        ):
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.points_box)
        layout.addWidget(self.owner_box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("ポイントとオーナー"))
        self.setSubTitle(self.tr("どちらも、あとで設定から変えられます。"))
        self.points_box.setTitle(self.tr("ポイントの付け方"))
        texts = {
            "100": self.tr("100円ごとに1ポイント、有効期限は付与から12か月(&1)"),
            "200": self.tr("200円ごとに1ポイント、有効期限は付与から12か月(&2)"),
            "100_never": self.tr("100円ごとに1ポイント、期限なし(&3)"),
        }
        for key, text in texts.items():
            self.preset_buttons[key].setText(text)
        self.owner_box.setTitle(self.tr("オーナーの暗証番号（任意）"))
        self.owner_hint.setText(
            self.tr(
                "設定すると、起動時に暗証番号でサインインします。空のままなら、"
                "だれでもオーナーとして使えます。暗証番号は4〜8桁の数字です。"
            )
        )
        for label, text in zip(
            self.owner_labels,
            (self.tr("オーナーの名前(&M):"), self.tr("暗証番号(&I):"), self.tr("もう一度(&G):")),
            strict=True,
        ):
            label.setText(text)

    def nextId(self) -> int:
        return -1  # the last page of a new shop

    def preset(self) -> str:
        return next(k for k, b in self.preset_buttons.items() if b.isChecked())

    def validatePage(self) -> bool:
        pin, again = self.pin.text(), self.pin_again.text()
        name = self.owner_name.text().strip()
        problem = ""
        if pin or again or name:
            if not name:
                problem = self.tr("オーナーの名前を入力してください")
            elif not valid_pin(pin):
                problem = self.tr("暗証番号は4〜8桁の数字で入力してください")
            elif pin != again:
                problem = self.tr("暗証番号が一致しません。もう一度入力してください")
        self.error.setText(problem)
        return not problem


class FilePage(QWizardPage):
    """A file to open, or a backup to restore (``restore=True``)."""

    def __init__(self, *, restore: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.restore = restore
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.path = QLineEdit()
        self.browse = QPushButton()
        self.label = QLabel()
        self.label.setBuddy(self.path)
        self.error = _error_label()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.browse.clicked.connect(self.choose)
        self.path.textChanged.connect(lambda *_: self.completeChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        if self.restore:
            self.setTitle(self.tr("バックアップから復元"))
            self.hint.setText(
                self.tr(
                    "バックアップのファイル（crmdesk-日付-時刻-種類.sqlite3）を選んでください。"
                    "使えるファイルか確かめてから、このパソコンのデータにします。"
                )
            )
            self.label.setText(self.tr("バックアップ(&K):"))
        else:
            self.setTitle(self.tr("データベースを開く"))
            self.hint.setText(
                self.tr(
                    "crmdesk のデータベース（.sqlite3）を選んでください。"
                    "次回からもこのファイルを開きます。"
                )
            )
            self.label.setText(self.tr("ファイル(&L):"))
        self.browse.setText(self.tr("参照(&B)…"))

    def nextId(self) -> int:
        return -1

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def choose(self) -> None:
        title = self.tr("バックアップを選ぶ") if self.restore else self.tr("データベースを開く")
        path, _ = QFileDialog.getOpenFileName(self, title, "", FILE_FILTER)
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = self.chosen()
        try:
            if self.restore:
                backup.check_backup(path)
            elif not path.is_file():
                raise DomainError("file_not_found", field="file", path=str(path))
        except DomainError as error:
            self.error.setText(error_text(error))
            return False
        self.error.clear()
        return True


class ReadyPage(QWizardPage):
    """Demo data or joining a hub: what happens on Start, and where the file will be."""

    def __init__(self, start: StartPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = start
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def initializePage(self) -> None:
        self.retranslate()

    def retranslate(self) -> None:
        folder = str(paths.default_database())
        if self.start.kind() == "join":
            self.setTitle(self.tr("お店のハブに参加"))
            text = self.tr(
                "「始める」で、このパソコンのデータベースを作り、店舗間同期の設定を開きます。"
                "ハブのアドレス・ユーザー名・パスワードと、この店舗を選んで「参加」を押して"
                "ください。\n\nデータベース: {0}"
            )
        else:
            self.setTitle(self.tr("デモデータで試す"))
            text = self.tr(
                "「始める」で、このパソコンのデータベースを作り、架空の顧客500人と"
                "そのお買い上げ・問い合わせを読み込みます。本番に使うときは、"
                "ファイル > 新しいデータベース で別のファイルを作ってください。"
                "\n\nデータベース: {0}"
            )
        self.text.setText(text.format(folder))

    def nextId(self) -> int:
        return -1
