"""The teacher's guide (autograder/authoring/guide.py): generated, complete, parallel, printable."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from autograder.authoring import __main__ as authoring
from autograder.authoring import bilingual, guide
from conftest import ROOT

FIXTURES = Path(__file__).parent / "guide_fixtures"
PAGES = sorted((ROOT / guide.OUT).rglob("*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_guide_is_up_to_date_with_its_sources(capsys):
    assert authoring.main(["guide", "--check"]) == 0, capsys.readouterr().out


def test_both_editions_have_the_same_pages_and_section_structure():
    zh, en = (sorted(p.name for p in (ROOT / guide.OUT / e).glob("*.md")) for e in bilingual.EDITIONS.values())
    assert zh == en and {"plan.md", "rubrics.md", "forms.md", "glossary.md", "references.md"} <= set(zh)
    assert any(name.startswith("answers-") for name in zh)
    for name in zh:
        heads = [re.findall(r"^#+ ", (ROOT / guide.OUT / e / name).read_text("utf-8"), re.MULTILINE)
                 for e in bilingual.EDITIONS.values()]
        assert heads[0] == heads[1], name


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_pages_have_no_placeholder_left_and_every_link_leads_somewhere(path):
    text = path.read_text("utf-8")
    assert "{{" not in text and "}}" not in text
    for target in LINK.findall(text):
        if not target.startswith(("http://", "https://")):
            assert (path.parent / target).exists(), f"{path.name}: {target}"


@pytest.mark.parametrize("source", sorted((ROOT / guide.SOURCES).glob("*.md")), ids=lambda p: p.name)
def test_the_hand_written_zh_uses_chinese_punctuation(source):
    for cell in bilingual.parse(source.read_text("utf-8")):
        prose = re.sub(r"```.*?```|`[^`]*`|<[^>]+>", "", cell.text("zh"), flags=re.DOTALL)
        assert '"' not in prose, [line for line in prose.splitlines() if '"' in line][:3]
        assert not re.search(r"[\u4e00-\u9fff][,;:?!]|[,;:?!][\u4e00-\u9fff]", prose), source.name


def test_every_quiz_item_has_its_explanation_and_every_prompt_a_note():
    built = guide.build(ROOT)
    assert built.missing_quiz == [] and built.missing_notes == [] and built.mismatched_notes == []


def test_unknown_placeholders_are_an_error_naming_the_page():
    assert guide.fill("a {{x}} b", {"x": "1"}, "p.md") == "a 1 b"
    with pytest.raises(ValueError, match=r"plan.md: unknown placeholder\(s\) \['y'\]"):
        guide.fill("{{y}}", {"x": "1"}, "plan.md")


def fixture_root(tmp_path: Path) -> Path:
    """A course with one small lesson and one small exercise, the real guide sources and data."""
    root = tmp_path / "course"
    shutil.copytree(ROOT / guide.SOURCES, root / guide.SOURCES)
    shutil.copytree(ROOT / "satisfaction" / "data", root / "satisfaction" / "data")
    for source, target in (("09-test.md", "content/lessons/09-test.md"),
                           ("task9.md", "content/exercises/task9/task9.md"),
                           ("ui_test.toml", "satisfaction/data/ui_test.toml")):
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / source, root / target)
    return root


def test_a_course_with_missing_notes_still_builds_and_lists_them(tmp_path):
    root = fixture_root(tmp_path)
    built = guide.build(root)
    assert set(built.files) >= {f"teachers/{e}/answers-09-test.md" for e in ("zh-CN", "en")}
    assert built.missing_notes == ["09-test · 三、没有要点的题: **想一想**：这一题还没有讲解要点？ (zh)",
                                   "09-test · 3. Without a note: **Think**: this prompt has no note yet? (en)"]
    assert built.missing_quiz == ["09-test: 小测验 2 (zh)", "09-test: Quick quiz 2 (en)"]
    assert "task9 · 小组部分 任务实施训练 (zh)" in built.without_levels
    assert any("answer note" in line for line in guide.summary(built))
    assert "2. [讲解要点：第 9 课 测试课](zh-CN/answers-09-test.md)" in built.files["teachers/README.md"]


def test_sync_writes_then_finds_nothing_to_do_and_removes_stale_pages(tmp_path):
    root = fixture_root(tmp_path)
    built = guide.build(root)
    assert sorted(guide.sync(built, root, write=True)) == sorted(built.files)
    assert guide.sync(built, root, write=False) == []
    stale = root / "teachers" / "en" / "answers-08-gone.md"
    stale.write_text("old", "utf-8")
    (root / "teachers" / "en" / "plan.md").write_text("edited by hand", "utf-8")
    assert sorted(guide.sync(built, root, write=False)) == ["teachers/en/answers-08-gone.md", "teachers/en/plan.md"]
    guide.sync(built, root, write=True)
    assert not stale.exists() and guide.sync(built, root, write=False) == []


def test_html_is_refused_for_other_builds():
    with pytest.raises(SystemExit):
        authoring.main(["lessons", "--html", "x"])
