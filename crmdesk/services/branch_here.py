"""Which branch this computer is: purchases and inquiries made here carry it.

The branch is a per-computer setting (the ``settings`` table is never synced), written
when the computer joins a hub; a shop without branches has none and its rows carry no
branch. The timeline and the dashboard's branch filter read the rows' ``branch_id``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from crmdesk.store.db import set_setting, setting
from crmdesk.store.models import Branch

KEY = "sync.branch_id"


def current_branch_id(session: Session) -> str | None:
    """This computer's branch id, when it has one that exists in the file."""
    branch_id = setting(session, KEY)
    if not branch_id:
        return None
    found = session.scalar(select(Branch.id).where(Branch.id == str(branch_id)))
    return str(found) if found else None


def set_current_branch(session: Session, branch_id: str | None) -> None:
    set_setting(session, KEY, branch_id)
