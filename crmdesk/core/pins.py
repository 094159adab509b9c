"""PINs: slow salted hashes and the back-off after wrong tries.

A 4–8 digit PIN has at most 10^8 values, so the hash must be slow: scrypt (memory-hard,
in the standard library). The stored text names its parameters, so they can be raised
later without breaking old hashes: ``scrypt$n$r$p$salt$digest`` (hex).
"""

from __future__ import annotations

import hashlib
import hmac
import os

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
#: Wrong tries allowed before each further try has to wait.
FREE_TRIES = 3
FIRST_WAIT_S = 5
MAX_WAIT_S = 300


def valid_pin(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored`` (scrypt, or the older PBKDF2 ``salt$digest``)."""
    if not stored:
        return False
    parts = stored.split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 6:
            n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
            salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
            mine = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(digest))
            return hmac.compare_digest(mine, digest)
        if len(parts) == 2:  # PBKDF2 from before scrypt
            salt, digest = bytes.fromhex(parts[0]), bytes.fromhex(parts[1])
            mine = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, 100_000)
            return hmac.compare_digest(mine, digest)
    except ValueError:  # a damaged hash never matches
        return False
    return False


def card_key(card: str) -> str:
    """What is stored for a staff card: its SHA-256, so the hub never sees the number."""
    digits = "".join(c for c in card.strip() if not c.isspace())
    return hashlib.sha256(f"crmdesk-staff-card:{digits}".encode()).hexdigest() if digits else ""


def wait_seconds(failures: int) -> int:
    """How long after the last wrong try the next one must wait: 0 for the first
    :data:`FREE_TRIES`, then 5, 10, 20 ... seconds, at most five minutes."""
    if failures < FREE_TRIES:
        return 0
    return int(min(FIRST_WAIT_S * 2 ** (failures - FREE_TRIES), MAX_WAIT_S))
