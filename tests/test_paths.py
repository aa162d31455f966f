"""The sample material is found both in a checkout and in an installed wheel, where
corpus/ and codebooks/ are data-only packages inside `coder`."""

from __future__ import annotations

import sys

from coder import paths


def test_a_checkout_uses_the_top_level_folders():
    assert paths.material_dir("corpus") == paths.SOURCE_ROOT / "corpus"
    assert (paths.material_dir("codebooks") / "thesis_codebook.qdc").exists()


def test_an_installed_package_uses_its_data_packages(tmp_path, monkeypatch):
    package = tmp_path / "installedcoder"
    (package / "corpus" / "interviews").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "corpus" / "interviews" / "informant_a.txt").write_text("Informant A: ja.")
    monkeypatch.syspath_prepend(str(tmp_path))
    found = paths.material_dir("corpus", package="installedcoder")
    assert found == package / "corpus"
    assert (found / "interviews" / "informant_a.txt").read_text() == "Informant A: ja."
    sys.modules.pop("installedcoder", None)
