"""`make lab` serves JupyterLab set up for the course by jupyter/: start it as the README says,
load the lab page, and read back through its REST API the settings a student gets."""
import json
import urllib.request
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from autograder import lab
from conftest import running_lab

ROOT = Path(__file__).resolve().parents[1]


def get(base: str, token: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base}{path}{'&' if '?' in path else '?'}token={token}", timeout=10) as reply:
        assert reply.status == 200
        return json.load(reply)


def composite(base: str, token: str, plugin: str) -> dict:
    """A plugin's settings as the page uses them: the schema's defaults (with the overrides
    applied by the server) updated by the user's own settings."""
    reply = get(base, token, f"/lab/api/settings/{plugin}")
    defaults = {k: v.get("default") for k, v in reply["schema"]["properties"].items()}
    return {**defaults, **reply["settings"]}


@pytest.mark.slow
def test_make_lab_serves_the_course_in_chinese(root, tmp_path):
    with running_lab(root, tmp_path) as (base, token):
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=5) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
        index = get(base, token, "/api/contents/lessons/00-index.zh-CN.ipynb")
        from ipykernel.ipkernel import IPythonKernel

        # Opening a notebook must not change it: it is served with the kernel's language_info.
        assert index["content"]["metadata"]["language_info"] == IPythonKernel.language_info
        assert composite(base, token, "@jupyterlab/apputils-extension:notification")["fetchNews"] == "false"
        assert composite(base, token, "@jupyterlab/notebook-extension:tracker")["kernelShutdown"] is True
        assert composite(base, token, "@jupyterlab/translation-extension:plugin")["locale"] == "zh_CN"
        assert "zh_CN" in get(base, token, "/lab/api/translations")["data"]


@pytest.mark.slow
def test_make_lab_for_the_english_edition(root, tmp_path):
    with running_lab(root, tmp_path, edition="en") as (base, token):
        assert composite(base, token, "@jupyterlab/translation-extension:plugin")["locale"] == "en"
        get(base, token, "/api/contents/lessons/00-index.en.ipynb?content=0")


def test_both_editions_have_the_same_settings_but_the_language():
    zh, en = (json.loads((ROOT / "jupyter" / "lab" / e / "overrides.json").read_text()) for e in ("zh-CN", "en"))
    locale = "@jupyterlab/translation-extension:plugin"
    assert zh.pop(locale) == {"locale": "zh_CN"} and en.pop(locale) == {"locale": "en"} and zh == en


def server_config(monkeypatch, edition=None):
    if edition is None:
        monkeypatch.delenv("COURSE_EDITION", raising=False)
    else:
        monkeypatch.setenv("COURSE_EDITION", edition)
    return PyFileConfigLoader("jupyter_server_config.py", path=str(ROOT / "jupyter")).load_config()


def test_server_config_culls_idle_kernels_and_picks_the_edition(monkeypatch):
    config = server_config(monkeypatch)
    assert config.MappingKernelManager.cull_idle_timeout == 3600 and config.MappingKernelManager.cull_connected
    assert config.LabApp.app_settings_dir == str(ROOT / "jupyter" / "lab" / "zh-CN")
    assert config.ServerApp.contents_manager_class == "autograder.lab.CourseContentsManager"
    assert server_config(monkeypatch, "en").LabApp.app_settings_dir.endswith("en")
    with pytest.raises(ValueError, match="COURSE_EDITION"):
        server_config(monkeypatch, "fr")


def test_language_info_is_what_the_kernel_reports():
    from ipykernel.ipkernel import IPythonKernel

    assert lab.language_info() == IPythonKernel.language_info
    model = {"type": "notebook", "content": __import__("nbformat").v4.new_notebook()}
    assert lab.with_language_info(model)["content"].metadata["language_info"] == IPythonKernel.language_info
    assert lab.with_language_info({"type": "file", "content": "x"}) == {"type": "file", "content": "x"}
