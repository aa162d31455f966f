"""Who may open a served project, and as whom.

Two ways in, both by a token in the URL (as Jupyter does): without `--users`, one random
token made at start and printed with the URL, for the person who started the server;
with `--users users.toml`, one token per coder. The file holds only the sha256 of each
token (tokens are 32 random bytes, so a plain hash is as good as a slow one), so a copy
of the file lets no one in:

    # coder serve --users: coder name = "sha256:" + the sha256 of their token
    "anna" = "sha256:9f86d081884c7d65…"

`coder serve --users users.toml --add-user anna` adds a coder and prints the token once.
A browser that shows a valid token gets a session (a random id in an HttpOnly cookie);
the coder name comes from the server's table, never from the browser.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from coder.i18n import _

PREFIX = "sha256:"
HEADER = '# coder serve --users: coder name = "sha256:" + the sha256 of their token\n'


class AccessError(Exception):
    """A users file that cannot be used; the message names it."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return PREFIX + hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class Access:
    """Token hashes → coder names, and the sessions opened with them."""

    coders: dict[str, str]                       # token hash → coder name
    sessions: dict[str, str] = field(default_factory=dict)   # session id → coder name

    @classmethod
    def single(cls, coder: str) -> tuple[Access, str]:
        """One coder with a fresh token (no --users): the access and the token to print."""
        token = new_token()
        return cls({token_hash(token): coder}), token

    def coder_for_token(self, token: str | None) -> str | None:
        if not token:
            return None
        return self.coders.get(token_hash(token))

    def open_session(self, coder: str) -> str:
        session = secrets.token_urlsafe(32)
        self.sessions[session] = coder
        return session

    def coder_for_session(self, session: str | None) -> str | None:
        return self.sessions.get(session) if session else None


def load_users(path: Path) -> Access:
    """The users file as an Access; AccessError (naming the file) when it cannot be used."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AccessError(f"{path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeError) as exc:
        raise AccessError(_("{path}: not a users file ({error})").format(path=path, error=exc)) from exc
    coders: dict[str, str] = {}
    for name, digest in data.items():
        if not (isinstance(digest, str) and digest.startswith(PREFIX) and name.strip()):
            raise AccessError(_('{path}: {name}: expected a name = "sha256:…" line').format(path=path, name=name))
        coders[digest] = name.strip()
    if not coders:
        raise AccessError(_("{path}: no coders in the users file").format(path=path))
    return Access(coders)


def add_user(path: Path, name: str) -> str:
    """Give coder `name` a new token in the users file (replacing any old one); the token."""
    existing = load_users(path).coders if path.exists() else {}
    by_name = {coder: digest for digest, coder in existing.items()}
    token = new_token()
    by_name[name.strip()] = token_hash(token)
    lines = [f"{json.dumps(coder)} = {json.dumps(digest)}\n" for coder, digest in sorted(by_name.items())]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    path.chmod(0o600)
    return token


def is_loopback(host: str) -> bool:
    """Only this machine can reach the address (so one printed token is enough)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
