"""Help menu: the keyboard shortcuts (also listed in README.md) and About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def shortcuts() -> list[tuple[str, str]]:
    """(keys, what they do), in the order staff learn them."""
    return [
        ("Ctrl+F", tr("検索欄へ移動")),
        (tr("入力"), tr("入力するたびに検索（名前・かな・電話・番号・カード）")),
        ("↑ / ↓ / PgUp / PgDn", tr("検索結果を移動")),
        ("Enter", tr("選んだ顧客のカードを開く")),
        ("Esc", tr("検索欄を空にする／カードを閉じる")),
        ("F3 / Shift+F3", tr("次／前の検索結果")),
        ("Ctrl+N", tr("新規顧客")),
        ("Ctrl+S", tr("カードを保存")),
        ("Ctrl+PgDn / Ctrl+PgUp", tr("カードで次／前の検索結果を表示")),
        ("Tab / Shift+Tab", tr("次／前の入力欄")),
        ("Ctrl+O / Ctrl+Shift+N", tr("データベースを開く／新しく作る")),
        ("Ctrl+,", tr("設定")),
        ("F1", tr("この一覧")),
        ("Ctrl+Q", tr("終了")),
    ]


def shortcuts_html() -> str:
    rows = "".join(
        f"<tr><td><b>{keys}</b></td><td>&nbsp;&nbsp;{what}</td></tr>" for keys, what in shortcuts()
    )
    return f"<table>{rows}</table>"


def show_shortcuts(parent: QWidget) -> None:
    QMessageBox.information(parent, tr("キーボードショートカット"), shortcuts_html())


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("crmdesk")
    except PackageNotFoundError:  # running from a bundle without metadata
        return ""


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        tr("crmdeskについて"),
        tr("crmdesk {0}\n小さなお店のための顧客管理").format(version()),
    )
