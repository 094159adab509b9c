"""The ``hub/`` settings of this computer and the hub URL made from them.

Keys (QSettings, see :mod:`crmdesk.ui.settings`):

- ``hub/address``: ``host[:port][/database]`` or a whole ``postgresql://`` URL;
- ``hub/user``: the PostgreSQL role of this branch;
- ``hub/branch_code``, ``hub/branch_name``: this branch as the hub knows it;
- ``hub/interval_minutes``: a sync every N minutes (default 5; 0 = only after writes);
- ``hub/debounce_seconds``: quiet time after a write before it is sent (default 3);
- ``hub/quit_seconds``: how long quitting waits for the last push (default 5);
- ``hub/retry_seconds``: first retry after the hub could not be reached (default 15,
  doubling up to 5 minutes while the line stays down);
- ``hub/sync_process``: 1 (default) syncs in a child process, 0 on a thread of the window;
- ``hub/sync_niceness``: that child's CPU priority (POSIX niceness, default 10: typing
  at the counter goes first; 0 = the window's own).

The password is never kept here: it goes to the keyring through ``api.save_password``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from crmdesk.ui import settings

DEFAULT_PORT = 5432
DEFAULT_DATABASE = "crmdesk"


@dataclass(frozen=True)
class Timing:
    interval_minutes: float = 5.0
    debounce_seconds: float = 3.0
    quit_seconds: float = 5.0
    retry_seconds: float = 15.0


def _number(key: str, default: float) -> float:
    try:
        number = float(settings.value(key, str(default)) or default)
    except ValueError:
        return default
    return number if number >= 0 else default


def timing() -> Timing:
    base = Timing()
    return Timing(
        interval_minutes=_number("hub/interval_minutes", base.interval_minutes),
        debounce_seconds=_number("hub/debounce_seconds", base.debounce_seconds),
        quit_seconds=_number("hub/quit_seconds", base.quit_seconds),
        retry_seconds=_number("hub/retry_seconds", base.retry_seconds),
    )


def sync_in_process() -> bool:
    """The background sync runs in a child process (:mod:`.sync_process`) unless
    ``hub/sync_process`` is 0: then on the window's writer thread, as it does anyway when
    the child cannot be started (see :class:`~.controller.SyncController`)."""
    return str(settings.value("hub/sync_process", "1") or "1").strip() != "0"


def sync_niceness(default: int) -> int:
    """``hub/sync_niceness`` (0-19), else ``default``."""
    number = _number("hub/sync_niceness", default)
    return int(min(number, 19))


def hub_url(address: str, user: str, password: str | None = None) -> str:
    """The PostgreSQL URL for ``address`` as typed, with ``user`` (and a password when
    given, for a connection test only: URLs with a password are never stored).

    >>> hub_url("hub.example.jp", "branch_a")
    'postgresql://branch_a@hub.example.jp:5432/crmdesk'
    """
    address = address.strip()
    if not address:
        return ""
    if "://" not in address:
        host_port, _, rest = address.partition("/")
        if ":" not in host_port:
            host_port = f"{host_port}:{DEFAULT_PORT}"
        address = f"postgresql://{host_port}/{rest or DEFAULT_DATABASE}"
    parts = urlsplit(address)
    host = parts.netloc.rpartition("@")[2]
    kept_user = parts.username or ""
    who = quote(user.strip() or kept_user, safe="")
    if password:
        who = f"{who}:{quote(password, safe='')}"
    netloc = f"{who}@{host}" if who else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    netloc = f"{parts.username}@{host}" if parts.username else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
