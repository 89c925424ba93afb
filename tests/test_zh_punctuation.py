"""The zh-CN texts use Chinese punctuation: “” quotes, and full-width ，？！；：（） next to Chinese.

Checked: the markdown of every zh-CN lesson and exercise (the generated notebooks in
``lessons/``, ``source/`` and ``exercises/``, and every ``@zh`` block of their sources, teacher
notes included) and every zh string of the ``satisfaction`` package's TOML files. Code is exempt: code cells, fenced blocks and
`code spans`, where ASCII quotes are Python.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from autograder.authoring import bilingual
from conftest import read_toml

ROOT = Path(__file__).resolve().parents[1]
ZH_NOTEBOOKS = sorted((ROOT / "lessons").glob("*.zh-CN.ipynb")) + sorted(
    path for top in ("source", "exercises") for path in (ROOT / top).glob("*/*.ipynb")
    if not path.parent.name.endswith("-en"))
SOURCES = sorted((ROOT / "content" / "lessons").glob("*.md")) + sorted((ROOT / "content" / "exercises").glob("*/*.md"))
DATA_FILES = sorted((ROOT / "satisfaction").rglob("*.toml"))

CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
HAN = r"[\u3400-\u9fff]"
#: ASCII punctuation touching a Chinese character: 解决,您 / 满意吗? / 等式：(服务 / 满意)
HALF_WIDTH = re.compile(rf"{HAN}[,?!;:]|[,?!;:]{HAN}|\({HAN}|{HAN}\)")


def problems(text: str) -> list[str]:
    """The spots in ``text`` (prose, code removed) that break Chinese punctuation."""
    prose = CODE.sub(" ", text)
    found = [prose[max(0, m.start() - 12):m.end() + 12] for m in re.finditer('"', prose)]
    return found + [prose[max(0, m.start() - 12):m.end() + 12] for m in HALF_WIDTH.finditer(prose)]


def zh_strings(node, where: str):
    """(place, text) for every zh string in a parsed TOML tree: keys ``zh`` and ``*_zh``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "zh" or key.endswith("_zh"):
                for text in [value] if isinstance(value, str) else value:
                    yield f"{where}.{key}", text
            else:
                yield from zh_strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from zh_strings(item, f"{where}[{i}]")


def test_the_checker_finds_ascii_quotes_and_punctuation_but_not_code():
    assert problems('他说"你好"') and problems("请问这样解决,您还满意吗?") and problems("等式：(服务效用")
    assert problems("我们说“你好”，用 `check(\"a.ipynb\")` 检查。") == []
    assert problems("c = b / a，比值 (c > 1) 表示超出期望。") == []


@pytest.mark.parametrize("path", ZH_NOTEBOOKS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_zh_notebooks_use_chinese_punctuation(path):
    nb = nbformat.read(path, as_version=4)
    bad = [spot for cell in nb.cells if cell.cell_type == "markdown" for spot in problems(cell.source)]
    assert not bad, f"{path.name}: {bad}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_zh_blocks_of_sources_use_chinese_punctuation(path):
    cells = bilingual.parse(path.read_text("utf-8"))
    bad = [(cell.line_no, spot) for cell in cells if cell.kind == "markdown" for spot in problems(cell.text("zh"))]
    assert not bad, f"{path.name}: {bad}"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT / "satisfaction").as_posix())
def test_zh_strings_of_the_data_files_use_chinese_punctuation(path):
    bad = [(where, spot) for where, text in zh_strings(read_toml(path), path.name) for spot in problems(text)]
    assert not bad, bad
