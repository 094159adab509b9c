"""Reaching the hub: the URL, the password from the keyring, TLS, and errors in words.

The hub is only a PostgreSQL URL (``postgresql://user@host:5432/db?sslmode=require``, or
the socket form ``postgresql://postgres:@/postgres?host=/tmp/x``), so a managed
PostgreSQL service works the same way. The password may be in the URL (tests), or comes
from the OS keyring (:func:`save_password`); it is never written to the SQLite file, and
the URL kept there and shown in status has it removed. ``sslmode`` passes through to
libpq (``require``, ``verify-full`` with ``sslrootcert``); a hub reached without TLS on
an address that is not this computer is reported as the ``insecure_hub`` warning.
"""

from __future__ import annotations

import ipaddress
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
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_user(parse(url)), password)
    except (KeyringError, RuntimeError) as error:
        raise DomainError("keyring_unavailable", reason=type(error).__name__) from None


def _password(url: URL) -> str | None:
    if url.password:
        return str(url.password)
    try:
        import keyring

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


def make_hub_engine(url: str) -> Engine:
    parsed = parse(url)
    password = _password(parsed)
    if password is not None:
        parsed = parsed.set(password=password)
    engine = create_engine(
        parsed,
        poolclass=NullPool,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "crmdesk"},
    )
    event.listen(engine, "connect", _session_settings)
    return engine


def _session_settings(dbapi_conn: Any, _record: Any) -> None:
    with dbapi_conn.cursor() as cur:
        cur.execute("SET lock_timeout = '30s'")
    dbapi_conn.commit()


def translate(error: BaseException) -> DomainError:
    """A driver error in words a person can act on (no URL, no password in it)."""
    message = str(getattr(error, "orig", error) or "").lower()
    if "password authentication failed" in message or "no password supplied" in message:
        return DomainError("hub_auth_failed")
    if "permission denied" in message:
        return DomainError("hub_auth_failed", reason="permission denied")
    if "does not exist" in message and "database" in message:
        return DomainError("hub_unreachable", reason="no such database")
    return DomainError("hub_unreachable", reason=type(getattr(error, "orig", error)).__name__)


@contextmanager
def connect(url: str) -> Iterator[tuple[Engine, Connection]]:
    """An engine and one open connection to the hub, or a clear DomainError."""
    engine = make_hub_engine(url)
    try:
        try:
            conn = engine.connect()
        except (OperationalError, DBAPIError) as error:
            raise translate(error) from None
        try:
            yield engine, conn
        finally:
            conn.close()
    finally:
        engine.dispose()


def warnings_for(url: str, conn: Connection) -> list[dict[str, Any]]:
    parsed = parse(url)
    raw = conn.connection.dbapi_connection
    ssl = bool(getattr(getattr(raw, "pgconn", None), "ssl_in_use", False))
    if ssl or is_local(parsed):
        return []
    return [DomainError("insecure_hub", host=parsed.host).to_json()]
