"""Accounts from the roster: made once, with a private home and a first password that PAM accepts."""
from __future__ import annotations

import csv
import os
import pwd
import secrets

import pytest

from autograder.hub.accounts import ensure_accounts, remove_account
from autograder.hub.logins import Login

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="making accounts needs root")


def test_missing_accounts_are_made_with_a_password_sheet_for_the_teacher_only(tmp_path):
    import pamela

    tag = secrets.token_hex(3)
    teacher, students = f"acct{tag}t", [Login(f"acct{tag}s{n}", f"学生{n}", f"王{n}", n + 2) for n in range(2)]
    sheet = tmp_path / "hub-passwords.csv"
    try:
        rows = ensure_accounts(students, teacher, sheet)
        assert [r[2] for r in rows] == [teacher, *(s.login for s in students)]
        raw = sheet.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel shows the Chinese names
        listed = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
        assert [(r["student_id"], r["name"], r["login"]) for r in listed[1:]] == [
            ("学生0", "王0", students[0].login), ("学生1", "王1", students[1].login)]
        info = os.stat(sheet)
        assert oct(info.st_mode & 0o777) == "0o600" and info.st_uid == pwd.getpwnam(teacher).pw_uid
        for row in listed:
            pamela.authenticate(row["login"], row["first_password"], service="login")  # raises if refused
            home = pwd.getpwnam(row["login"]).pw_dir
            assert oct(os.stat(home).st_mode & 0o777) == "0o700"
        with pytest.raises(pamela.PAMError):
            pamela.authenticate(students[0].login, "wrong-password", service="login")

        assert ensure_accounts(students, teacher, sheet) == []  # nothing new; passwords kept
        assert sheet.read_bytes() == raw
    finally:
        for login in (teacher, *(s.login for s in students)):
            remove_account(login)
    with pytest.raises(KeyError):
        pwd.getpwnam(teacher)
