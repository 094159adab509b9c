"""Who may settle conflicts and change the hub: the ``sync_settings`` permission.

The owner holds it (and any role the owner gives it to); counter staff do not: they see
the status bar and the sync panel, never the conflict inbox's decisions nor the hub's
address and credentials. Every action checks again with :meth:`Actor.require` at the
moment it runs (the person at the keyboard may have switched since the page opened).
"""

from __future__ import annotations

from typing import Any

from crmdesk.core.errors import DomainError
from crmdesk.services.staff import Actor
from crmdesk.ui import i18n

PERMISSION = "sync_settings"
#: Who acts when the window has no staff sign-in (a file without staff accounts).
OWNER = Actor(staff_id=None, name="owner", role="owner")


def actor_of(window: Any) -> Actor:
    actor = getattr(window, "actor", None)
    found = actor() if callable(actor) else actor
    return found if isinstance(found, Actor) else OWNER


def allowed(window: Any) -> bool:
    return actor_of(window).can(PERMISSION)


def require(window: Any) -> None:
    """Raise ``permission_denied`` unless the person signed in may manage sync."""
    actor_of(window).require(PERMISSION)


def denied_words() -> str:
    return DomainError("permission_denied", field=PERMISSION).message(i18n.language())
