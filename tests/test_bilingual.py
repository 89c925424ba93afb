import nbformat
import pytest

from autograder.authoring import bilingual

SOURCE = """\
%%# a source comment, dropped
%% code edition
LANG = "{lang}"
%% markdown
@zh
# 标题
@en
# Title
@both
Shared line
%% code tags=figure
print(LANG)
"""


def test_parse_and_render_both_editions():
    cells = bilingual.parse(SOURCE)
    assert [c.kind for c in cells] == ["code", "markdown", "code"]
    zh, en = (bilingual.render(cells, lang, "demo") for lang in ("zh", "en"))
    assert zh.cells[0].source == 'LANG = "zh"' and en.cells[0].source == 'LANG = "en"'
    assert zh.cells[0].metadata["tags"] == ["edition"]
    assert zh.cells[1].source == "# 标题\nShared line" and en.cells[1].source == "# Title\nShared line"
    assert zh.cells[2].source == en.cells[2].source == "print(LANG)"
    assert zh.cells[2].metadata["tags"] == ["figure"]
    assert zh.metadata["course"]["edition"] == "zh-CN"
    nbformat.validate(zh)


def test_cell_ids_are_stable():
    cells = bilingual.parse(SOURCE)
    first, again = (bilingual.render(cells, "zh", "demo") for _ in range(2))
    assert [c.id for c in first.cells] == [c.id for c in again.cells]


@pytest.mark.parametrize("text, message", [
    ("stray text\n%% code\nx = 1\n", "before the first"),
    ("%% table\nx\n", "cell header"),
    ("%% code\n@zh\nx = 1\n", "code cells are shared"),
    ("%% markdown\n@zh\n# only Chinese\n", "empty in the en edition"),
])
def test_bad_sources_name_the_line(text, message):
    with pytest.raises(ValueError, match=message):
        bilingual.parse(text)


def test_write_if_changed(tmp_path):
    nb = bilingual.render(bilingual.parse(SOURCE), "en", "demo")
    path = tmp_path / "demo.ipynb"
    assert bilingual.write_if_changed(nb, path) is True
    assert bilingual.write_if_changed(nb, path) is False
