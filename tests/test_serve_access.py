"""`coder serve`'s door without a browser: the users file, the addresses it may listen on,
and the one-line refusals of the command."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from coder.core import Project
from coder.serve.access import Access, AccessError, add_user, is_loopback, load_users
from tests.conftest import REPO


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m coder ARGS` as a user runs it, in English unless `env` says otherwise."""
    return subprocess.run([sys.executable, "-m", "coder", *args], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO), "CODER_LANG": "en", **(env or {})},
                          timeout=120)


def test_a_users_file_holds_hashes_and_maps_each_token_to_its_coder(tmp_path):
    users = tmp_path / "users.toml"
    anna, bob = add_user(users, "anna"), add_user(users, "bob")
    text = users.read_text(encoding="utf-8")
    assert anna not in text and bob not in text and len(load_users(users).coders) == 2
    assert stat.S_IMODE(users.stat().st_mode) == 0o600
    access = load_users(users)
    assert access.coder_for_token(anna) == "anna" and access.coder_for_token(bob) == "bob"
    assert access.coder_for_token(anna[:-1]) is None and access.coder_for_token("") is None
    new_anna = add_user(users, "anna")              # a new token replaces the old one
    access = load_users(users)
    assert access.coder_for_token(new_anna) == "anna" and access.coder_for_token(anna) is None
    assert sorted(access.coders.values()) == ["anna", "bob"]


def test_a_session_is_its_coder_and_nothing_else():
    access, token = Access.single("kari")
    session = access.open_session(access.coder_for_token(token) or "")
    assert access.coder_for_session(session) == "kari"
    assert access.coder_for_session(session + "x") is None and access.coder_for_session(None) is None


@pytest.mark.parametrize("content", ['anna = "plain-token"\n', "anna = \n", "", 'anna = "sha256:1"\n[x\n'])
def test_a_bad_users_file_is_refused_naming_it(tmp_path, content):
    users = tmp_path / "users.toml"
    users.write_text(content, encoding="utf-8")
    with pytest.raises(AccessError, match="users.toml"):
        load_users(users)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                 ("127.0.0.2", True), ("0.0.0.0", False), ("::", False),
                                                 ("192.168.1.10", False), ("example.org", False)])
def test_only_this_machines_addresses_count_as_loopback(host, loopback):
    assert is_loopback(host) is loopback


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.coder"
    Project.create(path, coder="kari").close()
    return path


def test_listening_on_another_address_without_users_is_refused(project):
    for host in ("0.0.0.0", "192.168.1.10"):
        result = run_cli("serve", str(project), "--host", host)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "without --users" in result.stderr and host in result.stderr


def test_the_command_says_in_one_line_what_is_wrong(project, tmp_path):
    bad = tmp_path / "users.toml"
    bad.write_text("anna = 1\n", encoding="utf-8")
    for args, code, words in [(("serve",), 2, "--demo"), (("serve", str(project), "--demo"), 2, "--demo"),
                              (("serve", str(project), "--users", str(bad)), 1, "users.toml"),
                              (("serve", str(tmp_path / "none.coder")), 1, "none.coder"),
                              (("serve", str(project), "--add-user", "anna"), 2, "--users")]:
        result = run_cli(*args)
        assert result.returncode == code, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and words in result.stderr and "Traceback" not in result.stderr


def test_add_user_prints_the_token_once_and_stores_its_hash(tmp_path):
    users = tmp_path / "users.toml"
    result = run_cli("serve", "--users", str(users), "--add-user", "anna", "--port", "8123")
    assert result.returncode == 0
    token = result.stdout.split("(shown only now): ")[1].split()[0]
    assert f"http://127.0.0.1:8123/?token={token}" in result.stdout
    assert token not in users.read_text(encoding="utf-8")
    assert load_users(users).coder_for_token(token) == "anna"
