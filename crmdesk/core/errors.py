"""The two kinds of error crmdesk knows.

A :class:`DomainError` is something the user can act on (an invalid postal code, a lost
card, a hub that cannot be reached). It carries a stable ``code`` that scripts read from
the CLI's JSON, the ``field`` it concerns when there is one, and parameters for the
message. The message itself is looked up in :mod:`crmdesk.core.messages` in the user's
language, so the same error reads in Japanese in the window and in English in a log.

Anything else that escapes a service is a bug and is reported as one.
"""

from __future__ import annotations

from typing import Any

from crmdesk.core.messages import render


class DomainError(Exception):
    """An error the user can act on."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.code = code
        self.field = field
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return render(self.code, lang, field=self.field, **self.params)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message("en"),
            "message_ja": self.message("ja"),
        }


class ValidationError(DomainError):
    """One or more fields are invalid. ``errors`` holds one DomainError per field."""

    def __init__(self, errors: list[DomainError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.code, first.field, **first.params)

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        data["errors"] = [e.to_json() for e in self.errors]
        return data


class NotFoundError(DomainError):
    """The thing asked for does not exist (or was deleted)."""
