"""Who is coding (--coder, else the project's setting, else the user's config, else the login),
and the language the user chose in the config file."""

from __future__ import annotations

import getpass
import os
import tomllib
from pathlib import Path

import platformdirs


def config_path() -> Path:
    override = os.environ.get("CODER_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("coder")) / "config.toml"


def read_config() -> dict:
    """The whole config file; a missing or broken one reads as empty (defaults)."""
    try:
        return tomllib.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}


def _text(key: str) -> str | None:
    value = read_config().get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def configured_name() -> str | None:
    return _text("coder")


def configured_language() -> str | None:
    """The config file's `language` (nb, en), as written; coder.i18n.resolve judges it."""
    return _text("language")


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "coder"


def resolve(explicit: str | None, project_setting: str | None) -> str:
    for name in (explicit, project_setting, configured_name()):
        if name and name.strip():
            return name.strip()
    return login_name()
