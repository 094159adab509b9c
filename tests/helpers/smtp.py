"""A real SMTP server in this process (aiosmtpd), and an in-memory keyring for tests."""

from __future__ import annotations

import email
import socket
from dataclasses import dataclass, field
from email.message import Message
from email.policy import default
from typing import Any

import keyring
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """Passwords kept in a dict: what a computer's keyring would hold."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@dataclass
class Mailbox:
    """What the server received; addresses in ``refuse`` are turned away with 550."""

    refuse: set[str] = field(default_factory=set)
    messages: list[tuple[str, list[str], Message]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_RCPT(
        self,
        server: Any,
        session: Any,
        envelope: Any,
        address: str,  # noqa: N802
        rcpt_options: Any,
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.original_content, policy=default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def to(self, address: str) -> list[Message]:
        return [m for _, rcpts, m in self.messages if address in rcpts]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Authenticator:
    def __init__(self, box: Mailbox, user: str, password: str) -> None:
        self.box, self.user, self.password = box, user, password

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == self.user and auth_data.password.decode() == self.password
        )
        if ok:
            self.box.logins.append(self.user)
        return AuthResult(success=ok, handled=False)


def start_server(box: Mailbox, *, user: str = "", password: str = "") -> Controller:
    kwargs: dict[str, Any] = {}
    if user:
        kwargs = {
            "authenticator": Authenticator(box, user, password),
            "auth_require_tls": False,
            "auth_exclude_mechanism": ["LOGIN"],  # smtplib would retry LOGIN after PLAIN failed
        }
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


def use_memory_keyring() -> MemoryKeyring:
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    return ring
