"""The first-run wizard: shown once, when there is no database yet (see
:func:`crmdesk.ui.first_run.is_first_run`).

The first page chooses the language (applied at once: the wizard, and the window after
it, show in it) and how to start. Finish carries the choice out
(:func:`crmdesk.ui.first_run.actions.carry_out`); a refusal is shown on the page and the
wizard stays open. Cancel (Esc) leaves nothing behind: the next start asks again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from crmdesk.core.errors import DomainError
from crmdesk.ui import i18n
from crmdesk.ui.first_run.actions import Choice, NewShop, Outcome, carry_out
from crmdesk.ui.first_run.pages import (
    PAGE_OPEN,
    PAGE_POINTS,
    PAGE_READY,
    PAGE_RESTORE,
    PAGE_SHOP,
    PAGE_START,
    FilePage,
    PointsPage,
    ReadyPage,
    ShopPage,
    StartPage,
    error_text,
)


class FirstRunWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.start = StartPage()
        self.shop = ShopPage()
        self.points = PointsPage()
        self.open_page = FilePage(restore=False)
        self.restore_page = FilePage(restore=True)
        self.ready = ReadyPage(self.start)
        for page_id, page in (
            (PAGE_START, self.start),
            (PAGE_SHOP, self.shop),
            (PAGE_POINTS, self.points),
            (PAGE_OPEN, self.open_page),
            (PAGE_RESTORE, self.restore_page),
            (PAGE_READY, self.ready),
        ):
            self.setPage(page_id, page)
        self.setStartId(PAGE_START)
        self.outcome: Outcome | None = None
        self.start.languages.buttonToggled.connect(self._language_toggled)
        self.retranslate()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        em = self.fontMetrics().horizontalAdvance("国")
        return QSize(max(hint.width(), 46 * em), max(hint.height(), 30 * em))

    def _language_toggled(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        lang = self.start.language()
        if lang != i18n.language():
            i18n.set_language(lang)
            self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("crmdesk を始める"))
        buttons = {
            QWizard.WizardButton.BackButton: self.tr("< 戻る"),
            QWizard.WizardButton.NextButton: self.tr("次へ >"),
            QWizard.WizardButton.FinishButton: self.tr("始める"),
            QWizard.WizardButton.CancelButton: self.tr("キャンセル"),
        }
        for which, text in buttons.items():
            self.setButtonText(which, text)
        for page_id in self.pageIds():
            page = self.page(page_id)
            retranslate = getattr(page, "retranslate", None)
            if callable(retranslate):
                retranslate()

    def choice(self) -> Choice:
        kind = self.start.kind()
        if kind == "new":
            shop = self.shop
            new = NewShop(
                name=shop.name.text().strip(),
                postal_code=shop.postal_code.text().strip(),
                address=shop.address.text().strip(),
                phone=shop.phone.text().strip(),
                preset=self.points.preset(),
                owner_name=self.points.owner_name.text().strip(),
                owner_pin=self.points.pin.text(),
            )
            return Choice(kind, self.start.language(), shop=new)
        if kind == "open":
            return Choice(kind, self.start.language(), path=self.open_page.chosen())
        if kind == "restore":
            return Choice(kind, self.start.language(), path=self.restore_page.chosen())
        return Choice(kind, self.start.language())

    def done(self, result: int) -> None:
        """Finish: the page's checks, then the choice carried out; a refusal stays on the
        page to be corrected. (QWizard checks the page in ``done``, after ``accept``:
        acting in ``accept`` would act on a page that was then refused.)"""
        if result != QDialog.DialogCode.Accepted:
            super().done(result)
            return
        if not self.validateCurrentPage():
            return
        try:
            self.outcome = carry_out(self.choice())
        except DomainError as error:
            self.currentPage().error.setText(error_text(error))  # type: ignore[attr-defined]
            return
        QDialog.done(self, result)  # the page was checked above
