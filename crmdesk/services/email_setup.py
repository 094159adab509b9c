"""Where the shop's email goes out: the SMTP server, its password in the OS keyring.

The settings (host, port, user, security, from address, daily limit, pace) live in the
file's settings table; the password never does: it is kept in the OS keyring under
:data:`KEYRING_SERVICE`. ``security`` is ``starttls`` (port 587), ``ssl`` (465) or ``none``,
which is allowed only for a server on this computer (nothing would protect the password
or the customers' addresses on the way).
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy.orm import Session

from crmdesk.core import validate
from crmdesk.core.errors import DomainError
from crmdesk.services import audit
from crmdesk.services.staff import Actor
from crmdesk.store.db import set_setting, setting

KEY = "email.smtp"
KEYRING_SERVICE = "crmdesk.smtp"
SECURITY = ("starttls", "ssl", "none")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TIMEOUT_S = 20.0


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    from_address: str
    user: str = ""
    security: str = "starttls"
    daily_limit: int = 500  # messages a day, across campaigns
    pace_per_minute: int = 30  # at most this many a minute

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def keyring_user(self) -> str:
        return f"{self.user}@{self.host}"


def smtp_settings(session: Session) -> SmtpSettings | None:
    value = setting(session, KEY)
    return SmtpSettings(**value) if isinstance(value, dict) and value.get("host") else None


def require_settings(session: Session) -> SmtpSettings:
    found = smtp_settings(session)
    if found is None:
        raise DomainError("email_not_set_up", field="host")
    return found


def save_settings(session: Session, values: Mapping[str, Any], *, actor: Actor) -> SmtpSettings:
    """Check and keep the SMTP settings (owner only); every bad field is named."""
    actor.require("settings")
    errors = validate.FieldErrors()
    host = str(values.get("host") or "").strip()
    if not host or any(c.isspace() for c in host):
        errors.add(DomainError("email_bad_host", field="host"))
    port = values.get("port")
    if not isinstance(port, int) or not 1 <= port <= 65535:
        errors.add(DomainError("email_bad_port", field="port"))
    security = str(values.get("security") or "starttls")
    if security not in SECURITY:
        errors.add(DomainError("email_bad_security", field="security"))
    elif security == "none" and host.lower() not in LOCAL_HOSTS:
        errors.add(DomainError("email_insecure_remote", field="security"))
    sender = errors.check(
        validate.clean_email, str(values.get("from_address") or ""), "from_address"
    )
    if sender == "":
        errors.add(DomainError("required", field="from_address"))
    limit, pace = values.get("daily_limit", 500), values.get("pace_per_minute", 30)
    if not isinstance(limit, int) or not 1 <= limit <= 100_000:
        errors.add(DomainError("email_bad_limit", field="daily_limit"))
    if not isinstance(pace, int) or not 1 <= pace <= 6000:
        errors.add(DomainError("email_bad_limit", field="pace_per_minute"))
    errors.raise_if_any()
    found = SmtpSettings(
        host=host,
        port=int(port),  # type: ignore[arg-type]  # an int: checked above
        from_address=sender or "",
        user=str(values.get("user") or "").strip(),
        security=security,
        daily_limit=int(limit),
        pace_per_minute=int(pace),
    )
    set_setting(session, KEY, found.to_json())
    audit.record(
        session,
        "settings.email",
        entity="settings",
        actor=actor.audit_name,
        staff_id=actor.staff_id,
        host=host,
        security=security,
    )
    return found


def _keyring() -> Any:
    try:
        import keyring  # deferred: ~0.14 s; only the saved mail password needs it
        from keyring.errors import KeyringError, NoKeyringError
    except ImportError:  # pragma: no cover - a declared dependency
        raise DomainError("keyring_unavailable", field="password") from None
    return keyring, (KeyringError, NoKeyringError, RuntimeError)


def save_password(settings: SmtpSettings, password: str) -> None:
    """Keep the SMTP password in the OS keyring (``keyring_unavailable`` when there is none)."""
    keyring, errors = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, settings.keyring_user, password)
    except errors:
        raise DomainError("keyring_unavailable", field="password") from None


def password(settings: SmtpSettings) -> str | None:
    if not settings.user:
        return None
    keyring, errors = _keyring()
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.keyring_user)  # type: ignore[no-any-return]
    except errors:
        raise DomainError("keyring_unavailable", field="password") from None


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An SMTP connection, secured as the settings say and logged in when there is a user.

    Raises DomainError: ``email_unreachable``, ``email_auth_failed``, ``email_tls_failed``,
    ``email_no_password``.
    """
    secret = password(settings)
    if settings.user and secret is None:
        raise DomainError("email_no_password", field="password")
    context = ssl.create_default_context()
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=TIMEOUT_S, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_S)
            if settings.security == "starttls":
                smtp.starttls(context=context)
        if settings.user:
            smtp.login(settings.user, secret or "")
    except Exception as error:
        if smtp is not None:
            smtp.close()
        if isinstance(error, smtplib.SMTPAuthenticationError):
            raise DomainError("email_auth_failed", field="password") from None
        if isinstance(error, ssl.SSLError | smtplib.SMTPNotSupportedError):
            raise DomainError("email_tls_failed", field="security", host=settings.host) from None
        if isinstance(error, OSError | smtplib.SMTPException):
            raise DomainError("email_unreachable", field="host", host=settings.host) from None
        raise
    return smtp
