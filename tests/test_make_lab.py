"""`make lab` serves JupyterLab: start it as the README says and load the lab page."""
import urllib.request

import pytest

from conftest import running_lab


@pytest.mark.slow
def test_make_lab_serves_jupyterlab(root, tmp_path):
    with running_lab(root, tmp_path) as (base, token):
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=5) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
        url = f"{base}/api/contents/lessons/00-index.zh-CN.ipynb?token={token}&content=0"
        with urllib.request.urlopen(url, timeout=5) as index:
            assert index.status == 200
