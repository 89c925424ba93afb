"""Unix accounts for the class (JupyterHub logs them in with PAM) and the teacher's password sheet.

Why system accounts with PAM rather than NativeAuthenticator: nbgrader's exchange is a
shared folder whose privacy rests on Unix file owners (``inbound/`` cannot be listed, a
submission belongs to the student who made it, collect checks that owner), so each student
needs a Unix account of their own whichever way they log in; with PAM the hub adds nothing
to keep in step (no second password database, no sign-up page open to the internet, no
approval queue), the school's IT manages the accounts with the usual tools, and a student
may change the password with ``passwd`` in a JupyterLab terminal.

Accounts are made from the checked logins only (:mod:`autograder.hub.logins`); an account
that exists already keeps its password. Each new account gets a random first password,
listed in a CSV sheet for the teacher (UTF-8 with BOM for Excel, mode 0600, the teacher's).
Homes are 0700: students cannot read each other's work.
"""
from __future__ import annotations

import csv
import io
import os
import pwd
import secrets
import signal
import subprocess
from pathlib import Path

from .logins import Login

#: Letters and digits that cannot be mistaken for one another when read off a sheet.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789"
PASSWORD_LENGTH = 10


def exists(login: str) -> bool:
    try:
        pwd.getpwnam(login)
    except KeyError:
        return False
    return True


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def create_account(login: str, comment: str = "", password: str | None = None) -> str:
    """Create ``login`` with a home (0700) and its own group; sets and returns its password."""
    password = password or new_password()
    subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash",
                    "--comment", comment.replace(":", " ") or login, login],
                   check=True, capture_output=True, text=True)
    subprocess.run(["chpasswd"], input=f"{login}:{password}\n", check=True, capture_output=True, text=True)
    os.chmod(pwd.getpwnam(login).pw_dir, 0o700)
    return password


def _processes_of(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
            except FileNotFoundError:
                continue
    return found


def remove_account(login: str) -> None:
    """Stop what ``login`` still runs, then delete the account, its group, its home and its control groups."""
    try:
        uid = pwd.getpwnam(login).pw_uid
    except KeyError:
        return
    for pid in _processes_of(uid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    subprocess.run(["userdel", "--force", "--remove", login], check=False, capture_output=True)
    from .limits import remove_groups

    try:
        remove_groups(login)  # its servers' control groups, empty now
    except OSError:
        pass


def ensure_accounts(logins: list[Login], teacher: str, sheet: Path) -> list[tuple[str, str, str, str]]:
    """Create the accounts that are missing; write their first passwords to ``sheet``.

    Returns the sheet's rows (student_id, name, login, password) for the new accounts; an
    account that existed keeps its password and is not listed.
    """
    rows = []
    if not exists(teacher):
        rows.append(("", "teacher", teacher, create_account(teacher, "teacher")))
    for person in logins:
        if not exists(person.login):
            rows.append((person.student_id, person.name, person.login,
                         create_account(person.login, person.name)))
    if rows:
        write_sheet(sheet, rows, owner=teacher)
    return rows


def write_sheet(sheet: Path, rows: list[tuple[str, str, str, str]], owner: str) -> None:
    """Append ``rows`` to the password sheet (created 0600, owned by ``owner``)."""
    sheet = Path(sheet)
    new = not sheet.exists()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if new:
        writer.writerow(["student_id", "name", "login", "first_password"])
    writer.writerows(rows)
    fd = os.open(sheet, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8-sig" if new else "utf-8", newline="") as out:
        out.write(buffer.getvalue())
    user = pwd.getpwnam(owner)
    os.chown(sheet, user.pw_uid, user.pw_gid)
    os.chmod(sheet, 0o600)
