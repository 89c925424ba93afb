"""Teacher's answer notes: every prompt of a lesson has one, every quiz item an explanation and a hint,
in both languages; the lesson build leaves the notes out of the students' notebooks."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from autograder.authoring import bilingual, guide_notes, lessons
from satisfaction import terms

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "content" / "lessons").glob("*.md"))
QUIZZES = sorted(name for name in terms.all_terms() if name.startswith("quiz_lesson"))


def cells_of(source: Path) -> list[bilingual.SourceCell]:
    return bilingual.parse(source.read_text("utf-8"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_prompt_has_a_note_in_both_languages(source):
    cells = cells_of(source)
    units = {lang: guide_notes.units(cells, lang) for lang in bilingual.EDITIONS}
    assert len(units["zh"]) == len(units["en"]), "the editions differ in which cells ask something"
    for zh, en in zip(units["zh"], units["en"]):
        assert len(zh.prompts) == len(en.prompts), (zh.prompts, en.prompts)
        for unit, lang in ((zh, "zh"), (en, "en")):
            assert unit.notes is not None, f"{lang}: no note for {unit.prompts}"
            # one note per question, or one per marker that opens a list of questions
            assert len(unit.notes) in (len(unit.prompts), len(unit.groups)), f"{lang}: {unit.prompts}"
            assert all(len(note) >= 40 for note in unit.notes), "a note says what to accept and listen for"
    if source.stem not in ("00-index", "00-python"):  # the map and the Python primer ask nothing to discuss
        assert units["zh"], f"{source.stem} asks students nothing to discuss"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_a_teacher_note_follows_a_student_text(source):
    cells = cells_of(source)
    for before, cell in zip(cells, cells[1:]):
        if lessons.is_teacher(cell):
            assert before.kind == "markdown" and not lessons.is_teacher(before), f"line {cell.line_no}"
    assert not lessons.is_teacher(cells[0])


def test_the_build_leaves_teacher_notes_out(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    content.mkdir()
    (content / "01-x.md").write_text(
        "%% markdown\n@zh\n**想一想**：为什么？\n@en\n**Think**: why?\n"
        "%% markdown teacher\n@zh\n- 秘密答案\n@en\n- secret answer\n"
        "%% code\nprint(1)\n", "utf-8")
    assert len(lessons.build(content, out)) == 2
    for path in out.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
        assert "秘密" not in path.read_text("utf-8") and "secret" not in path.read_text("utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_no_note_reaches_the_students(source):
    notes = [cell for cell in cells_of(source) if lessons.is_teacher(cell)]
    for lang, suffix in bilingual.EDITIONS.items():
        released = (ROOT / "lessons" / f"{source.stem}.{suffix}.ipynb").read_text("utf-8")
        for note in notes:
            first_item = guide_notes.notes(note.text(lang))[0]
            assert first_item[:30] not in released


@pytest.mark.parametrize("group", QUIZZES)
def test_every_quiz_item_has_an_explanation_and_a_hint_in_both_languages(group):
    for number, item in enumerate(terms.all_terms()[group], start=1):
        for lang in bilingual.EDITIONS:
            explain, hint = item.get(f"explain_{lang}", ""), item.get(f"hint_{lang}", "")
            assert explain.strip() and hint.strip(), f"{group} item {number} ({lang})"
            assert hint != explain
            right = item[f"options_{lang}"][item["answer"]]
            assert right not in hint, f"{group} item {number} ({lang}): the hint gives the answer away"
