"""Packaging detail pyproject.toml cannot say: the sample material in corpus/ and
codebooks/ ships inside the wheel as coder.corpus and coder.codebooks, so the demo
project can be built after a plain (non-editable) `pip install .`."""

from setuptools import find_packages, setup

DATA = {"coder.corpus": "corpus", "coder.codebooks": "codebooks"}

setup(
    packages=find_packages(include=["coder", "coder.*"]) + list(DATA),
    package_dir=DATA,
    package_data={**{name: ["**/*"] for name in DATA},
                  "coder.tui": ["*.tcss"],          # the app's stylesheet
                  "coder.text": ["data/*.txt"]},    # word lists (in-vivo fillers)
)
