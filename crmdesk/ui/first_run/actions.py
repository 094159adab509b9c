"""What each first-run choice does: which file the window opens, and the one write.

Qt-free on purpose (the wizard collects a :class:`Choice`, :func:`carry_out` acts on
it), so every choice is one call a test can make and check:

- ``new``: the default file, then one write transaction: the shop's name and return
  address, the point rules of the chosen preset and, when a PIN was given, the owner's
  staff account. A refused value (caught by the wizard first, so rarely) removes the
  file it had just created, and the next start asks again.
- ``open``: the chosen file, remembered as the one ``crmdesk`` opens (``database/path``).
- ``restore``: the backup, checked, put in place as the default file (the restore writes
  its own audit entry, its one transaction), then opened.
- ``demo``: the default file; the window then loads the demo customers (one transaction
  on the writer thread, :meth:`crmdesk.ui.data.file_actions.FileActions.load_demo_data`).
- ``join``: the default file; the window then opens the existing join page
  (``window.join_hub``, Settings > 店舗間同期).

Every choice marks the file as offered demo data, so the older yes/no box does not ask
again, and keeps the language chosen on the first page (``ui/language``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from crmdesk import paths
from crmdesk.core.errors import DomainError
from crmdesk.core.points import PointRules
from crmdesk.services import backup, points, shop, staff
from crmdesk.services.staff import Actor
from crmdesk.store.db import open_database
from crmdesk.ui import settings

KINDS = ("new", "open", "restore", "join", "demo")
#: Who acts in the first run: the shop's owner, before any account exists.
FIRST_RUN = Actor(staff_id=None, name="first-run", role="owner")

#: The point rules a new shop can start from (changed later in Tools > ポイントの設定).
PRESETS: dict[str, PointRules] = {
    "100": PointRules(),  # 100円で1ポイント, valid 12 months (the common rule)
    "200": replace(PointRules(), yen_per_point=200),
    "100_never": replace(PointRules(), expiry_mode="never"),
}


@dataclass(frozen=True)
class NewShop:
    name: str
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    preset: str = "100"
    owner_name: str = ""
    owner_pin: str = ""  # "" : no staff accounts (everyone acts as the owner)


@dataclass(frozen=True)
class Choice:
    kind: str
    language: str = ""  # "ja" / "en"; "" keeps the setting as it is
    path: Path | None = None  # open: the file; restore: the backup
    shop: NewShop | None = None


@dataclass
class Outcome:
    """The open database and what the window does once it is shown."""

    db: Any
    after: Callable[[Any], None] = field(default=lambda _window: None)


def carry_out(choice: Choice) -> Outcome:
    """Do what ``choice`` says; DomainError (nothing left behind) when it cannot."""
    if choice.kind not in KINDS:
        raise ValueError(choice.kind)
    target = choice.path if choice.kind == "open" else paths.default_database()
    assert target is not None, "open needs a path"
    if choice.kind == "restore":
        assert choice.path is not None, "restore needs a backup"
        target.parent.mkdir(parents=True, exist_ok=True)
        backup.restore(target, choice.path, actor=FIRST_RUN.name)
    existed = target.exists()
    if choice.kind == "open" and not existed:
        raise DomainError("file_not_found", field="file", path=str(target))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(target)
    if choice.kind == "new":
        assert choice.shop is not None, "a new shop needs its name"
        try:
            _set_up_shop(db, choice.shop)
        except Exception:
            db.close()
            if not existed:
                _remove_database(target)
            raise
    if choice.kind == "open":
        settings.set_value("database/path", str(target.resolve()))
    if choice.language in ("ja", "en"):
        settings.set_value("ui/language", choice.language)
    settings.mark_demo_offered(target)
    return Outcome(db, _after(choice.kind))


def _set_up_shop(db: Any, new: NewShop) -> None:
    with db.transaction() as session:  # one write: all of it or nothing
        shop.set_shop_info(
            session,
            {"name": new.name, "postal_code": new.postal_code, "address": new.address,
             "phone": new.phone},
            actor=FIRST_RUN,
        )  # fmt: skip
        points.save_rules(session, PRESETS[new.preset], FIRST_RUN)
        if new.owner_pin:
            staff.add_staff(session, new.owner_name, "owner", new.owner_pin, actor=FIRST_RUN)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _after(kind: str) -> Callable[[Any], None]:
    def load_demo(window: Any) -> None:
        from crmdesk.ui.data.file_actions import DEMO_CUSTOMERS

        window.files.load_demo_data(DEMO_CUSTOMERS)

    def join(window: Any) -> None:
        join_hub = getattr(window, "join_hub", None)
        if callable(join_hub):
            join_hub()

    if kind == "demo":
        return load_demo
    if kind == "join":
        return join
    return lambda _window: None
