"""Help menu: the keyboard shortcuts (also listed in README.md) and About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), in the order staff learn them."""
    return [
        ("Ctrl+F", QCoreApplication.translate("Help", "検索欄へ移動")),
        (
            QCoreApplication.translate("Help", "入力"),
            QCoreApplication.translate(
                "Help", "入力するたびに検索（名前・かな・電話・番号・カード）"
            ),
        ),
        ("↑ / ↓ / PgUp / PgDn", QCoreApplication.translate("Help", "検索結果を移動")),
        ("Enter", QCoreApplication.translate("Help", "選んだ顧客のカードを開く")),
        ("Esc", QCoreApplication.translate("Help", "検索欄を空にする／カードを閉じる")),
        (
            QCoreApplication.translate("Help", "カードのスキャン"),
            QCoreApplication.translate(
                "Help", "どこにいても、そのカードのお客様を開いて金額入力へ"
            ),
        ),
        ("F9", QCoreApplication.translate("Help", "お会計（カードの金額入力へ）")),
        ("F3 / Shift+F3", QCoreApplication.translate("Help", "次／前の検索結果")),
        ("Ctrl+N", QCoreApplication.translate("Help", "新規顧客")),
        ("Ctrl+S", QCoreApplication.translate("Help", "カードを保存")),
        (
            "Ctrl+PgDn / Ctrl+PgUp",
            QCoreApplication.translate("Help", "カードで次／前の検索結果を表示"),
        ),
        ("Tab / Shift+Tab", QCoreApplication.translate("Help", "次／前の入力欄")),
        (
            "Ctrl+O / Ctrl+Shift+N",
            QCoreApplication.translate("Help", "データベースを開く／新しく作る"),
        ),
        ("Ctrl+,", QCoreApplication.translate("Help", "設定")),
        ("F1", QCoreApplication.translate("Help", "この一覧")),
        ("Ctrl+Q", QCoreApplication.translate("Help", "終了")),
    ]


def shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{what}</td></tr>" for keys, what in shortcuts()
    )
    return f"<table>{rows}</table>"


def show_shortcuts(parent: QWidget) -> None:
    QMessageBox.information(
        parent, QCoreApplication.translate("Help", "キーボードショートカット"), shortcuts_html()
    )


def show_about(parent: QWidget) -> None:
    """Help > About: versions, the data folder, the bundled licences."""
    from crmdesk.ui.about import AboutDialog

    AboutDialog(parent).exec()
