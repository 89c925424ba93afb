"""The hub's database on PostgreSQL by one setting (`--hub-db-url`), on the suite's throwaway server."""
from __future__ import annotations

import shutil
import sys

import pytest

from conftest import running_hub, shared_tmp, unix_users


@pytest.mark.slow
def test_a_hub_started_with_hub_db_url_keeps_its_users_in_postgresql(postgres_url):
    import psycopg2
    from sqlalchemy.engine import make_url

    from autograder.hub.client import StudentSession
    from autograder.hub.launcher import free_port
    from autograder.teacher.init import init_course

    base = shared_tmp()
    try:
        with unix_users(2, prefix="pg") as ((student, password), (teacher, _)):
            roster = base / "roster.csv"
            roster.write_text(f"student_id,first_name,last_name,group_id,role\n{student},伟,王,G1,leader\n", "utf-8")
            course = init_course(base / "course", roster, ["task1-identify"], exchange=base / "exchange").root
            port = free_port()
            command = [sys.executable, "-m", "autograder", "hub", str(course), "--teacher", teacher, "--ip",
                       "127.0.0.1", "--port", str(port), "--state-dir", str(base / "state"),
                       "--hub-db-url", postgres_url]
            with running_hub(command, base / "hub.log") as url:
                with StudentSession(url, student, password) as session:
                    session.log_in()
            assert not (base / "state" / "jupyterhub.sqlite").exists()
            where = make_url(postgres_url)
            with psycopg2.connect(host=where.host, port=where.port, user=where.username,
                                  dbname=where.database) as connection, connection.cursor() as cursor:
                cursor.execute("SELECT name FROM users")
                assert student in {name for (name,) in cursor.fetchall()}
    finally:
        shutil.rmtree(base, ignore_errors=True)
