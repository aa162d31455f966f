"""Packaging detail pyproject.toml cannot say: the sample material in corpus/ and
codebooks/ ships inside the wheel as data-only packages coder.corpus and
coder.codebooks (each folder a package), so the demo project can be built after a
plain (non-editable) `pip install .`."""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent


def data_packages(folder: str) -> dict[str, str]:
    """coder.<folder> and one package per subfolder, mapped to where they are."""
    return {"coder." + ".".join(d.relative_to(HERE).parts): d.relative_to(HERE).as_posix()
            for d in [HERE / folder, *sorted(p for p in (HERE / folder).rglob("*") if p.is_dir())]
            if "__pycache__" not in d.parts}


DATA = {**data_packages("corpus"), **data_packages("codebooks"), "coder.text.data": "coder/text/data"}

setup(
    packages=find_packages(include=["coder", "coder.*"]) + list(DATA),
    package_dir=DATA,
    package_data={**{name: ["*"] for name in DATA}, "coder.tui": ["*.tcss"], "coder.serve": ["templates/*.html"],
                  "coder.i18n": ["locale/*/LC_MESSAGES/*.po", "locale/*/LC_MESSAGES/*.mo"]},
)
