"""The first-run wizard (issue 17): new shop, open a file, restore a backup, join a
branch hub or try demo data, in Japanese or English. ``actions`` is what each choice
does, ``pages`` and ``wizard`` the screens."""
