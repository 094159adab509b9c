"""A keyring backend for tests: passwords in a JSON file named by an environment variable.

In-process tests call ``keyring.set_keyring(FileKeyring(path))``; a ``crmdesk`` process a
test starts gets the same backend with ``PYTHON_KEYRING_BACKEND=
tests.helpers.keyring_file.FileKeyring`` and ``CRMDESK_TEST_KEYRING`` (the file), so the
real keyring API is exercised end to end and no OS keyring is touched.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

ENV_FILE = "CRMDESK_TEST_KEYRING"
BACKEND = "tests.helpers.keyring_file.FileKeyring"


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self, path: Path | str | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ.get(ENV_FILE) or "keyring.json")

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            return json.loads(self.path.read_text())  # type: ignore[no-any-return]
        except FileNotFoundError:
            return {}

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        self.path.write_text(json.dumps(data))
        self.path.chmod(0o600)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise PasswordDeleteError(username)
        del data[service][username]
        self._save(data)
