"""`python -m autograder hub` refuses what it cannot serve, saying why, before it makes anything."""
from __future__ import annotations

import os
import secrets
import shutil
import socket

import pytest

from autograder.__main__ import main
from autograder.hub import accounts
from autograder.hub.launcher import HubError, prepare
from autograder.hub.logins import LoginError

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the class server runs as root")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from autograder.teacher.init import init_course

    folder = tmp_path_factory.mktemp("hub-launcher")
    roster = folder / "roster.csv"
    roster.write_text("student_id,first_name,last_name,group_id,role\ns001,伟,王,G1,leader\n", "utf-8")
    return init_course(folder / "course", roster, ["task1-identify"]).root


def absent(login: str) -> bool:
    return not accounts.exists(login)


def test_a_roster_with_chinese_ids_is_refused_with_the_line_and_nothing_is_made(course, tmp_path, capsys):
    teacher = f"t{secrets.token_hex(3)}"
    saved = (course / "roster.csv").read_text("utf-8")
    try:
        (course / "roster.csv").write_text(saved + "王芳,芳,王,G1,member\n", "utf-8")
        with pytest.raises(LoginError) as caught:
            prepare(course, teacher, ip="127.0.0.1", port=0, state_dir=tmp_path / "state")
        assert caught.value.problems[0].text("zh").startswith("roster.csv 第 3 行：学号“王芳”不能用作服务器登录名")
        code = main(["hub", str(course), "--teacher", teacher, "--state-dir", str(tmp_path / "state")])
        assert code == 2 and "username" in capsys.readouterr().err
    finally:
        (course / "roster.csv").write_text(saved, "utf-8")
    assert absent(teacher) and absent("s001") and not (tmp_path / "state").exists()


def test_a_port_in_use_is_named_in_the_teachers_language_and_nothing_is_made(course, tmp_path, capsys):
    teacher = f"t{secrets.token_hex(3)}"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(HubError, match=f"port {port} is already in use on 127.0.0.1") as caught:
            prepare(course, teacher, ip="127.0.0.1", port=port, state_dir=tmp_path / "state")
        assert caught.value.text("zh") == (f"127.0.0.1 上的端口 {port} 已被占用：那里已有课堂服务器（或别的程序）在运行。"
                                           f"请先停止它，或用 --port {port + 1} 启动这一个")
        code = main(["hub", str(course), "--teacher", teacher, "--ip", "127.0.0.1", "--port", str(port),
                     "--state-dir", str(tmp_path / "state")])
        assert code == 2 and f"错误：127.0.0.1 上的端口 {port} 已被占用" in capsys.readouterr().err
    assert absent(teacher) and not (tmp_path / "state").exists()


def test_without_the_proxy_it_says_to_run_make_proxy(course, tmp_path):
    with pytest.raises(HubError, match="run `make proxy`"):
        prepare(course, f"t{secrets.token_hex(3)}", ip="127.0.0.1", port=0, state_dir=tmp_path / "state",
                proxy=str(tmp_path / "no-proxy"))
    assert not (tmp_path / "state").exists()


def test_a_folder_that_is_not_a_course_is_refused(tmp_path):
    with pytest.raises(HubError, match="not a course folder"):
        prepare(tmp_path, "wang", state_dir=tmp_path / "state")
    shutil.rmtree(tmp_path / "state", ignore_errors=True)
