"""Reaching the hub: the URL, the password from the keyring, TLS, and errors in words.

The hub is only a PostgreSQL URL (``postgresql://user@host:5432/db?sslmode=require``, or
the socket form ``postgresql://postgres:@/postgres?host=/tmp/x``), so a managed
PostgreSQL service works the same way. The password may be in the URL (tests), or comes
from the OS keyring (:func:`save_password`); it is never written to the SQLite file, and
the URL kept there and shown in status has it removed. ``sslmode`` passes through to
libpq (``require``, ``verify-full`` with ``sslrootcert``); a hub reached without TLS on
an address that is not this computer is reported as the ``insecure_hub`` warning.

A process keeps one engine per hub URL and password (:func:`hub_engine`), with a small
pool: a window that syncs every few minutes, or a script that syncs many times, pays for
the connection and the dialect's first queries once. A pooled connection is pinged before
use, so one the server dropped (restarted, terminated) is replaced, not reported as a
failure; a password saved anew starts a new engine.
"""

from __future__ import annotations

import ipaddress
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from crmdesk.core.errors import DomainError

KEYRING_SERVICE = "crmdesk-hub"
CONNECT_TIMEOUT_S = 5
#: A line that dies mid-sync (a cable pulled, a router restarted, a laptop's Wi-Fi gone)
#: sends no reset: without these the sync waited on the hub's answer until TCP gave up,
#: a quarter of an hour or more, with 同期中… on the screen and no sync after it. libpq
#: probes an idle connection after 10 s (3 probes 5 s apart) and drops one whose data
#: goes unacknowledged for 30 s; both only on TCP (a local socket has no line to lose).
#: A URL's own values win.
LINE_CHECKS = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 30_000,  # ms
}
ENGINES_KEPT = 4  # hubs one process keeps an engine (and an idle connection) for
IDLE_RECYCLE_S = 600  # a pooled connection older than this is replaced before use

_engines: OrderedDict[tuple[str, str | None], Engine] = OrderedDict()
_engines_lock = threading.Lock()


def parse(url: str) -> URL:
    text = url.strip()
    if not text:
        raise DomainError("hub_unreachable", field="url", reason="empty URL")
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if text.startswith(prefix):
            text = "postgresql+psycopg://" + text[len(prefix) :]
            break
    else:
        raise DomainError("hub_unreachable", field="url", reason="not a postgresql:// URL")
    try:
        return make_url(text)
    except Exception as error:  # sqlalchemy's ArgumentError: a URL it cannot read
        raise DomainError("hub_unreachable", field="url", reason=str(error)) from None


def keyring_user(url: URL) -> str:
    host = url.host or url.query.get("host") or "local"
    return f"{url.username or ''}@{host}:{url.port or 5432}/{url.database or ''}"


def redact(url: str) -> str:
    """The URL as shown and stored: postgresql://, no password."""
    parsed = parse(url)._replace(password=None)
    shown = parsed.render_as_string(hide_password=False)
    return shown.replace("postgresql+psycopg://", "postgresql://", 1)


def save_password(url: str, password: str) -> None:
    # keyring loads its backends when imported (130 ms): only once a password is needed
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(parse(url)), password)
    except (KeyringError, RuntimeError) as error:
        raise DomainError("keyring_unavailable", reason=type(error).__name__) from None
    forget_engines()


def _password(url: URL) -> str | None:
    if url.password:
        return str(url.password)
    try:
        import keyring  # deferred like save_password's; a missing keyring lands below

        return keyring.get_password(KEYRING_SERVICE, keyring_user(url))
    except Exception:  # no usable keyring: connect without a password, libpq may not need one
        return None


def is_local(url: URL) -> bool:
    host = url.host or ""
    if not host or host.startswith("/") or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _engine(url: str, password: str | None, **pool: Any) -> Engine:
    parsed = parse(url)
    if password is not None:
        parsed = parsed.set(password=password)
    checks = {k: v for k, v in LINE_CHECKS.items() if k not in parsed.query}
    engine = create_engine(
        parsed,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "application_name": "crmdesk",
            **checks,
        },
        **pool,
    )
    event.listen(engine, "connect", _session_settings)
    return engine


def hub_engine(url: str) -> Engine:
    """This process's engine for ``url`` (made on first use, kept for the next rounds)."""
    password = _password(parse(url))
    key = (url, password)
    with _engines_lock:
        engine = _engines.get(key)
        if engine is not None:
            _engines.move_to_end(key)
            return engine
        engine = _engine(
            url,
            password,
            pool_size=2,
            max_overflow=8,
            pool_pre_ping=True,
            pool_recycle=IDLE_RECYCLE_S,
        )
        _engines[key] = engine
        while len(_engines) > ENGINES_KEPT:
            _key, oldest = _engines.popitem(last=False)
            oldest.dispose()
        return engine


def forget_engines() -> None:
    """Close every kept hub connection (a new password, or the process is done with sync)."""
    with _engines_lock:
        engines = list(_engines.values())
        _engines.clear()
    for engine in engines:
        engine.dispose()


def _session_settings(dbapi_conn: Any, _record: Any) -> None:
    with dbapi_conn.cursor() as cur:
        cur.execute("SET lock_timeout = '30s'")
    dbapi_conn.commit()


def translate(error: BaseException, url: str | None = None) -> DomainError:
    """A driver error in words a person can act on (no URL, no password in it).

    TLS refusals by libpq each name their fix: a certificate not signed by the CA in
    ``sslrootcert`` (or none given), a certificate for another host name, a CA file that
    is not there, a server without TLS asked for ``sslmode=require``."""
    raw = str(getattr(error, "orig", error) or "")
    message = raw.lower()
    query = parse(url).query if url else {}
    if "certificate verify failed" in message:
        return DomainError("hub_certificate_untrusted", field="url")
    named = re.search(r'server certificate for "([^"]+)".*does not match host name "([^"]+)"', raw)
    if named:
        return DomainError("hub_certificate_host", field="url", name=named[1], host=named[2])
    missing = re.search(r'root certificate file "([^"]+)" does not exist', raw)
    if missing:
        return DomainError("hub_ca_missing", field="url", path=missing[1])
    if "does not support ssl" in message:
        mode = str(query.get("sslmode") or "require")
        return DomainError("hub_tls_unavailable", field="url", mode=mode)
    if "password authentication failed" in message or "no password supplied" in message:
        return DomainError("hub_auth_failed")
    if "permission denied" in message:
        return DomainError("hub_auth_failed", reason="permission denied")
    if "does not exist" in message and "database" in message:
        return DomainError("hub_unreachable", reason="no such database")
    return DomainError("hub_unreachable", reason=type(getattr(error, "orig", error)).__name__)


@contextmanager
def connect(url: str, *, keep: bool = True) -> Iterator[tuple[Engine, Connection]]:
    """An engine and one open connection to the hub, or a clear DomainError.

    With ``keep`` (sync rounds, joins) the connection goes back to the process's pool
    afterwards (rolled back if a transaction was left open); without it (``hub init``,
    ``hub status``: done once) it is closed."""
    engine = hub_engine(url) if keep else _engine(url, _password(parse(url)), poolclass=NullPool)
    try:
        try:
            conn = engine.connect()
        except (OperationalError, DBAPIError) as error:
            raise translate(error, url) from None
        try:
            yield engine, conn
        finally:
            conn.close()
    finally:
        if not keep:
            engine.dispose()


def warnings_for(url: str, conn: Connection) -> list[dict[str, Any]]:
    parsed = parse(url)
    raw = conn.connection.dbapi_connection
    ssl = bool(getattr(getattr(raw, "pgconn", None), "ssl_in_use", False))
    if ssl or is_local(parsed):
        return []
    return [DomainError("insecure_hub", host=parsed.host).to_json()]
