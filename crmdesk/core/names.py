"""How a customer's name is shown: the one place the parts are joined.

A person is shown family name first, a space, then the given name (``山田 花子``); either
part may be blank. A customer with no person's name, only a company (addressed 御中 on
mailings), is shown by the company.
"""

from __future__ import annotations


def person_name(family: str | None, given: str | None) -> str:
    """``"山田 花子"``; one part alone when the other is blank; "" when both are.

    Also the reading: ``person_name(family_kana, given_kana)`` is ``"やまだ はなこ"``.
    """
    return f"{family or ''} {given or ''}".strip()


def display_name(family: str | None, given: str | None, company: str | None) -> str:
    """The person's name, or the company for a company-only customer."""
    return person_name(family, given) or (company or "")
