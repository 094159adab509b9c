"""Saving the customer card: duplicates offered before a new customer is saved, then one
transaction per Save; the errors go inline next to their fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QListWidgetItem
from sqlalchemy.exc import SQLAlchemyError

from crmdesk.core.errors import DomainError, ValidationError
from crmdesk.services import customer_dupes, customer_fields
from crmdesk.services import customers as customer_service
from crmdesk.ui.customers.card_header import CardHeader
from crmdesk.ui.errors import report_failure


class CardSave(CardHeader):
    # --- saving -------------------------------------------------------------------
    def _values_for_service(self) -> tuple[dict[str, Any], list[str]]:
        values = self.form_values()
        tags = values.pop("tags")
        referred_text = values.pop("referred_by")
        # The links go to the service only when changed: an untouched referrer is not
        # re-checked, and a new customer left without a channel may get 紹介.
        if values["channel_id"] == self._loaded.get("channel_id"):
            del values["channel_id"]
        if referred_text != self._loaded.get("referred_by"):
            values["referred_by_id"] = self._referrer_id()
        for name in self.masked_fields:  # partly hidden: never written back
            values.pop(name, None)
        if self.customer_id is None:
            for optional in ("customer_number", "first_visit"):
                if not values[optional]:
                    del values[optional]
        else:
            # Only what was changed on this card: a field another counter (or a sync) has
            # changed since the card was filled keeps that value; written back as it was
            # shown here, it was undone without a word.
            values = {k: v for k, v in values.items() if v != self._loaded.get(k)}
        return values, tags

    def _tags_to_save(self, session: Any, tags: list[str]) -> list[str] | None:
        """The tags to save: the ones added on this card joined to the ones she has now, less
        the ones removed here (a tag another counter gave her meanwhile stays); None when
        the card's tags were not changed."""
        if self.customer_id is None:
            return tags
        loaded = set(self._loaded.get("tags") or [])
        if set(tags) == loaded:
            return None
        now = set(customer_service.customer_tags(session, self.customer_id))
        return sorted((now | set(tags)) - (loaded - set(tags)))

    def save(self) -> bool:
        """Validate, offer duplicates (new customers), then write in one transaction."""
        self._clear_errors()
        self.ui.status_label.clear()
        try:
            values, tags = self._values_for_service()
            customer_fields.clean_fields(values, partial=self.customer_id is not None)
            if self.customer_id is None and not self._duplicates_seen:
                with self.db.sessions() as session:
                    duplicates = customer_dupes.find_duplicates(session, values)
                if duplicates:
                    self._offer_duplicates(duplicates)
                    return False
            with self.db.transaction() as session:
                if self.customer_id is None:
                    change = customer_service.create_customer(session, values)
                else:
                    change = customer_service.update_customer(session, self.customer_id, values)
                wanted = self._tags_to_save(session, tags)
                if wanted is not None:
                    customer_service.set_tags(session, change.customer_id, wanted)
        except ValidationError as error:
            self._show_errors(error.errors)
            return False
        except DomainError as error:
            self._show_errors([error])
            return False
        except SQLAlchemyError as error:
            text = report_failure(
                QCoreApplication.translate("CustomerCard", "顧客カードは保存されていません"),
                error,
                self,
            )
            self.ui.status_label.setText(text)
            return False
        self.show_customer(change.customer_id)
        self.ui.status_label.setText(QCoreApplication.translate("CustomerCard", "保存しました"))
        self.saved.emit(change.customer_id)
        return True

    def _offer_duplicates(self, duplicates: list[customer_dupes.DuplicateCandidate]) -> None:
        self._duplicates = duplicates
        self.ui.duplicates_list.clear()
        for dup in duplicates:
            reasons = "、".join(self._reason_text(r) for r in dup.reasons)
            item = QListWidgetItem(f"{dup.customer_number}  {dup.name}  （{reasons}）")
            item.setData(Qt.ItemDataRole.UserRole, dup.customer_id)
            self.ui.duplicates_list.addItem(item)
        self.ui.duplicates_list.setCurrentRow(0)
        self.ui.duplicates_frame.setVisible(True)
        self._grow_within_screen()
        self.ui.duplicates_list.setFocus()

    def _grow_within_screen(self) -> None:
        """Room for the banner, taken from the history area: never past the screen's foot
        (Save and Close must stay reachable on a 1,000 px screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = max(self.frameGeometry().height() - self.height(), 0)
        wanted = max(self.height(), self.minimumSizeHint().height())
        self.resize(self.width(), min(wanted, room.height() - frame))
        outer = self.frameGeometry()
        if outer.bottom() > room.bottom():
            self.move(outer.x(), max(room.top(), room.bottom() - outer.height() + 1))

    def _reason_text(self, reason: str) -> str:
        texts = {
            "same_phone": QCoreApplication.translate("CustomerCard", "同じ電話番号"),
            "same_email": QCoreApplication.translate("CustomerCard", "同じメールアドレス"),
            "same_name_kana_birthday": QCoreApplication.translate(
                "CustomerCard", "同じ氏名・ふりがな・生年月日"
            ),
        }
        return texts.get(reason, reason)

    def _save_anyway(self) -> None:
        self._duplicates_seen = True
        self.ui.duplicates_frame.setVisible(False)
        self.save()

    def _open_duplicate(self) -> None:
        item = self.ui.duplicates_list.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))
