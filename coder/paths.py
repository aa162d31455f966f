"""Where the shipped sample material is: inside the installed package, or beside the
source tree when running from a checkout."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import platformdirs

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def material_dir(name: str) -> Path:
    """`corpus` or `codebooks`."""
    try:
        return Path(str(importlib.resources.files(f"coder.{name}")))
    except ModuleNotFoundError:
        return SOURCE_ROOT / name


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("coder"))
