"""The customer card's header (name, number, age, channel, the panels' figures) and its
masked fields: a role without ``view_full`` sees phones and the birthday partly hidden until
someone allowed confirms with a PIN (F8), which is audited."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from crmdesk.core import channels as channel_rules
from crmdesk.core import validate
from crmdesk.core.errors import DomainError
from crmdesk.core.names import person_name
from crmdesk.core.wareki import age_on, to_wareki
from crmdesk.services import customer_fields, privacy
from crmdesk.ui import i18n
from crmdesk.ui.customers.card_form import REVEAL_KEY, CardForm, privacy_owner
from crmdesk.ui.operations import in_label, run_op
from crmdesk.ui.staff.sign_in import SignInDialog

log = logging.getLogger(__name__)


class CardHeader(CardForm):
    def _show_birthday_info(self, text: str) -> None:
        info = ""
        try:
            birthday = validate.clean_birthday(text, today=customer_fields.today_local())
        except DomainError:
            birthday = None
        if birthday is not None:
            age = age_on(birthday, customer_fields.today_local())
            info = QCoreApplication.translate("CustomerCard", "{age}歳・{wareki}").format(
                age=age, wareki=to_wareki(birthday)
            )
        self.ui.birthday_info.setText(info)

    def _update_header(self) -> None:
        ui = self.ui
        name = person_name(ui.family_name.text(), ui.given_name.text())
        ui.header_name.setText(name or QCoreApplication.translate("CustomerCard", "新規顧客"))
        record = self._record if self.customer_id else {}
        details = []
        if record.get("customer_number"):
            details.append(
                QCoreApplication.translate("CustomerCard", "顧客番号 {0}").format(
                    record["customer_number"]
                )
            )
        if record.get("card_number"):
            details.append(
                QCoreApplication.translate("CustomerCard", "カード {0}").format(
                    record["card_number"]
                )
            )
        if record.get("age") is not None:
            details.append(
                QCoreApplication.translate("CustomerCard", "{0}歳").format(record["age"])
            )
        if record.get("first_visit"):
            details.append(
                QCoreApplication.translate("CustomerCard", "初回来店 {0}").format(
                    record["first_visit"]
                )
            )
        if record.get("tags"):
            details.append(" ".join(f"#{t}" for t in record["tags"]))
        lang = i18n.language()
        if record.get("channel"):
            channel = channel_rules.display_name(record["channel"]["name"], lang)
            details.append(
                QCoreApplication.translate("CustomerCard", "流入経路 {0}").format(channel)
            )
        if record.get("referred_by"):
            ref = record["referred_by"]
            details.append(
                QCoreApplication.translate(
                    "CustomerCard", "紹介者 {name}（紹介 {count}人）"
                ).format(name=ref["name"] or ref["customer_number"], count=ref["referrals"])
            )
        if record.get("referrals"):
            details.append(
                QCoreApplication.translate("CustomerCard", "紹介した人 {0}人").format(
                    record["referrals"]
                )
            )
        ui.header_details.setText("  ・  ".join(details))
        figures: dict[str, str] = {}
        for panel in self.panels:
            try:
                figures.update(panel.header_figures())
            except Exception:
                log.exception("card panel %s failed to give figures", type(panel).__name__)
        ui.header_figures.setText(
            "<br>".join(f"{label}: <b>{value}</b>" for label, value in figures.items())
        )
        title = name or QCoreApplication.translate("CustomerCard", "新規顧客")
        self.setWindowTitle(
            QCoreApplication.translate("CustomerCard", "顧客カード - {0}").format(title)
        )

    # --- masked fields (roles without view_full) --------------------------------------
    @property
    def actor(self) -> Any:
        """Who uses the card: the window's signed-in staff, the owner without accounts."""
        actor = getattr(self.parent(), "actor", None)
        actor = actor() if callable(actor) else actor
        return actor if hasattr(actor, "can") else privacy_owner()

    def _set_masked(self, fields: list[str]) -> None:
        self.masked_fields = list(fields)
        for name in ("phone1", "phone2", "birthday"):
            edit = getattr(self.ui, name)
            edit.setReadOnly(name in fields)
            hidden = QCoreApplication.translate("CustomerCard", "一部を隠しています。{0} で表示")
            edit.setToolTip(hidden.format(REVEAL_KEY) if name in fields else "")

    def reveal(self) -> bool:
        """The one-key "show": someone allowed confirms with their PIN or card."""
        if not self.masked_fields or self.customer_id is None:
            return False
        dialog = SignInDialog(self.db, self, permission="view_full")
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        return self.show_full(dialog.actor)

    def show_full(self, approver: Any) -> bool:
        """Fill in the hidden fields (audited); edits made meanwhile are kept."""
        customer_id = self.customer_id or ""
        revealed = run_op(
            self.db,
            lambda session: privacy.reveal(
                session, customer_id, viewer=self.actor, approver=approver
            ),
            on_error=in_label(self.ui.status_label),
        )
        if not revealed.ok:
            return False
        full = revealed.value
        for name, value in full.items():
            getattr(self.ui, name).setText(value)
            self._loaded[name] = value
        self._set_masked([])
        self.ui.status_label.setText(
            QCoreApplication.translate("CustomerCard", "表示しました（記録されます）")
        )
        return True
