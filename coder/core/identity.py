"""Who is coding: --coder, else the project's setting, else the user's config, else the login."""

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


def configured_name() -> str | None:
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    name = data.get("coder")
    return name.strip() if isinstance(name, str) and name.strip() else None


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
