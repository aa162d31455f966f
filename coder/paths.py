"""Where the shipped sample material is: inside the installed package, or beside the
source tree when running from a checkout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import platformdirs

SOURCE_ROOT = Path(__file__).resolve().parent.parent


def material_dir(name: str, package: str = "coder") -> Path:
    """`corpus` or `codebooks`. Installed, they are data-only (namespace) packages
    `coder.corpus` and `coder.codebooks` (setup.py); in a checkout, top-level folders."""
    try:
        spec = importlib.util.find_spec(f"{package}.{name}")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return SOURCE_ROOT / name


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("coder"))
