"""The hub's configuration: what JupyterHub, students' and the teacher's servers are told."""
from __future__ import annotations

import json
import runpy

from traitlets.config import Config

from autograder.hub.config import HubSettings, write_hub_config, write_server_configs


def settings(tmp_path, **changes) -> HubSettings:
    values = dict(course_dir=str(tmp_path / "course"), course_id="satisfaction-101",
                  exchange="/srv/nbgrader/exchange", teacher="wang", students=["s001", "s002"],
                  state_dir=str(tmp_path / "state"), port=18000, hub_port=18001, proxy_api_port=18002,
                  proxy="/opt/chp")
    values.update(changes)
    (tmp_path / "state").mkdir(exist_ok=True)
    return HubSettings(**values)


def load(path) -> Config:
    c = Config()
    runpy.run_path(str(path), init_globals={"c": c, "get_config": lambda: c})
    return c


def test_jupyterhub_config_logs_in_the_class_with_pam_and_limits_each_server(tmp_path):
    c = load(write_hub_config(settings(tmp_path)))
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.Authenticator.allowed_users == {"s001", "s002", "wang"}
    assert c.Authenticator.admin_users == {"wang"}
    assert c.JupyterHub.bind_url == "http://0.0.0.0:18000/"
    assert c.JupyterHub.db_url == f"sqlite:///{tmp_path / 'state' / 'jupyterhub.sqlite'}"
    assert c.JupyterHub.spawner_class == "autograder.hub.limits.LimitedSpawner"
    assert (c.Spawner.mem_limit, c.Spawner.cpu_limit) == ("1G", 1.0)
    assert c.ConfigurableHTTPProxy.command == ["/opt/chp"]
    culler = c.JupyterHub.services[0]
    assert culler["name"] == "idle-culler" and "--timeout=3600" in culler["command"]
    assert set(c.JupyterHub.load_roles[0]["scopes"]) == {"list:users", "read:users:activity", "read:servers",
                                                        "delete:servers"}
    assert oct((tmp_path / "state" / "hub.json").stat().st_mode & 0o777) == "0o600"


def test_the_hub_database_moves_to_postgresql_with_one_setting_and_culling_can_be_off(tmp_path):
    url = "postgresql+psycopg2://hub@127.0.0.1:5432/jupyterhub"
    c = load(write_hub_config(settings(tmp_path, hub_db_url=url, cull_idle_seconds=0, mem_limit="", cpu_limit=0)))
    assert c.JupyterHub.db_url == url
    assert "services" not in c.JupyterHub
    assert c.Spawner.mem_limit is None and c.Spawner.cpu_limit is None


def test_students_get_the_course_exchange_private_submissions_and_the_chinese_interface(tmp_path):
    folders = write_server_configs(settings(tmp_path))
    student = folders["student"]
    nb = Config()
    runpy.run_path(str(student / "nbgrader_config.py"), init_globals={"get_config": lambda: nb})
    assert nb.CourseDirectory.course_id == "satisfaction-101"
    assert nb.Exchange.root == "/srv/nbgrader/exchange"
    assert nb.Exchange.assignment_dir.endswith("/exercises")
    assert nb.ExchangeFactory.submit == "autograder.hub.exchange.PrivateSubmit"
    overrides = json.loads((student / "lab-settings" / "overrides.json").read_text("utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "zh_CN"}
    page = json.loads((student / "labconfig" / "page_config.json").read_text("utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader:create-assignment"] is True
    server = json.loads((student / "jupyter_server_config.json").read_text("utf-8"))
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    assert all(p.stat().st_mode & 0o004 for p in student.rglob("*"))  # students can read it all


def test_the_teacher_works_on_the_course_folder_and_the_english_course_gets_english(tmp_path):
    folders = write_server_configs(settings(tmp_path, lang="en"))
    nb = Config()
    runpy.run_path(str(folders["teacher"] / "nbgrader_config.py"), init_globals={"get_config": lambda: nb})
    assert nb.CourseDirectory.root == str(tmp_path / "course")
    assert not (folders["teacher"] / "labconfig").exists()
    overrides = json.loads((folders["teacher"] / "lab-settings" / "overrides.json").read_text("utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "en"}
    assert settings(tmp_path, lang="en").index_lesson() == "lessons/00-index.en.ipynb"
