"""Named permissions and the two built-in roles.

A role is a set of permission names. ``owner`` holds every one; ``staff`` none of them
(counter work: search, cards, purchases, inquiries needs no permission). The owner may
define more roles from these names (``role add``). Services check a name with
:meth:`crmdesk.services.staff.Actor.require`; a refusal is ``permission_denied`` with the
permission's name in ``field``.
"""

from __future__ import annotations

#: Every permission, in the order the owner sees them.
PERMISSIONS: tuple[str, ...] = (
    "export",  # exports, SQL reports, disclosure exports
    "bulk_print",  # DM mailings, label sheets and postcards
    "erase",  # delete and erase customers
    "merge",  # merge duplicates and undo merges
    "points_admin",  # point adjustments and point rules
    "settings",  # shop settings, inquiry categories, staff and roles
    "sync_settings",  # the hub's address and credentials
    "view_full",  # full phone numbers and birthdays
    "audit",  # read the audit log
)

BUILTIN_ROLES: dict[str, frozenset[str]] = {
    "owner": frozenset(PERMISSIONS),
    "staff": frozenset(),
}


def unknown_permissions(names: list[str] | tuple[str, ...]) -> list[str]:
    return [n for n in names if n not in PERMISSIONS]
