"""SCRAM-SHA-256 password verifiers, computed here so no plain password reaches the server.

PostgreSQL stores `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (RFC 5802/7677)
and accepts that string in `CREATE/ALTER ROLE … PASSWORD`: it is stored as it is, so the
statement (and any server log of it) never holds the password itself. The password is prepared
exactly as PostgreSQL's own `pg_saslprep` does (libpq does the same when signing in), so the
verifier made here matches what the server would have made from the same password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import stringprep
import unicodedata

ITERATIONS = 4096  # PostgreSQL's default scram_iterations
SALT_BYTES = 16
_VERIFIER_RE = re.compile(r"^SCRAM-SHA-256\$(\d+):([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)$")

# RFC 4013's prohibited output (RFC 3454 tables C.1.2 and C.2.1 to C.9).
_PROHIBITED = (stringprep.in_table_c12, stringprep.in_table_c21, stringprep.in_table_c22,
               stringprep.in_table_c3, stringprep.in_table_c4, stringprep.in_table_c5,
               stringprep.in_table_c6, stringprep.in_table_c7, stringprep.in_table_c8,
               stringprep.in_table_c9)


def saslprep(password: str) -> bytes:
    """The bytes PostgreSQL hashes for a password (SASLprep, or the raw UTF-8 where it fails)."""
    raw = password.encode("utf-8", "surrogatepass")
    if password.isascii():
        return raw  # PostgreSQL passes pure ASCII through untouched, control characters too
    mapped = "".join(" " if stringprep.in_table_c12(ch) else ch for ch in password
                     if not stringprep.in_table_b1(ch))
    prepared = unicodedata.normalize("NFKC", mapped)
    if not prepared:
        return raw
    for ch in prepared:
        if any(table(ch) for table in _PROHIBITED) or stringprep.in_table_a1(ch):
            return raw  # PostgreSQL then uses the password as it was typed
    if any(stringprep.in_table_d1(ch) for ch in prepared):
        # Right-to-left text must be right-to-left throughout (RFC 3454 section 6).
        if (any(stringprep.in_table_d2(ch) for ch in prepared)
                or not stringprep.in_table_d1(prepared[0])
                or not stringprep.in_table_d1(prepared[-1])):
            return raw
    return prepared.encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def verifier(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """The SCRAM-SHA-256 verifier of a password, with a fresh random salt unless given."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", saslprep(password), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def is_verifier(value: str) -> bool:
    """True for a string shaped like a SCRAM-SHA-256 verifier (never a plain password)."""
    return bool(_VERIFIER_RE.match(value))


def matches(value: str, password: str) -> bool:
    """True when `value` is the verifier of `password` (recomputed with its own salt)."""
    m = _VERIFIER_RE.match(value)
    if not m:
        return False
    salt = base64.b64decode(m.group(2))
    return hmac.compare_digest(verifier(password, salt, int(m.group(1))), value)
