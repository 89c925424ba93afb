"""The printable forms (autograder/authoring/guide_forms.py) match what the grading pipeline reads."""
from __future__ import annotations

import re

import pytest

from autograder.authoring import bilingual, guide, guide_forms
from autograder.course import DEFAULTS
from autograder.teacher import demo, peer
from conftest import ROOT

FORMS = guide.read_toml(ROOT / guide.SOURCES / "forms.toml")


def page(lang: str) -> str:
    return (ROOT / guide.OUT / bilingual.EDITIONS[lang] / "forms.md").read_text("utf-8")


def tables(text: str) -> list[list[list[str]]]:
    """Every Markdown table of ``text``: rows of stripped cells, header first, rule dropped."""
    found, rows = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                rows.append(cells)
        elif rows:
            found.append(rows)
            rows = []
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_peer_sheet_has_exactly_the_pipelines_columns_and_criteria(lang):
    sheets = [t for t in tables(page(lang)) if t[0][0] == peer.COLUMNS[0]]
    assert len(sheets) == 1
    header, *rows = sheets[0]
    assert tuple(header) == peer.COLUMNS
    assert {row[2] for row in rows} == set(demo.CRITERIA)
    assert [c["key"] for c in FORMS["peer_criterion"]] == list(demo.CRITERIA)


def test_the_template_csv_is_the_pipelines_header():
    text = (ROOT / guide.OUT / "peer-template.csv").read_text("utf-8")
    assert text == ",".join(peer.COLUMNS) + "\n"


def test_the_example_on_the_forms_page_is_read_and_scored_by_the_pipeline(tmp_path):
    example = re.search(r"```csv\n(.*?)```", page("zh"), re.DOTALL).group(1)
    path = tmp_path / "task4-complaints.csv"
    path.write_text(example, "utf-8")
    ratings = peer.read_ratings(path)
    result = peer.peer_scores(ratings, ["G1", "G2"], weight=DEFAULTS["peer"]["weight"],
                              max_score=DEFAULTS["peer"]["max_score"])
    assert result.fractions == pytest.approx({"G1": (9 + 6 + 7) / 30, "G2": (8 + 7 + 6) / 30})
    assert result.notes == []


def test_the_levels_cover_every_whole_peer_score_once_best_first():
    levels = FORMS["level"]
    covered = sorted(s for lv in levels for s in range(lv["low"], lv["high"] + 1))
    assert covered == list(range(int(guide_forms.max_score()) + 1))
    assert [lv["low"] for lv in levels] == sorted((lv["low"] for lv in levels), reverse=True)
    assert [lv["percent"] for lv in levels] == sorted((lv["percent"] for lv in levels), reverse=True)
    assert levels[-1]["percent"] == 0
    assert [lv["zh"] for lv in levels] == ["优", "良", "中", "差"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_criterion_says_what_each_level_means(lang):
    for criterion in FORMS["evaluation_criterion"] + FORMS["peer_criterion"]:
        described = criterion[f"levels_{lang}"]
        assert len(described) == len(FORMS["level"]) and all(d.strip() for d in described), criterion["key"]
    descriptors = [t for t in tables(page(lang)) if len(t) == 1 + len(FORMS["evaluation_criterion"])
                   and len(t[0]) == 1 + len(FORMS["level"])]
    assert descriptors, "the 优/良/中/差 descriptors table is on the forms page"


def test_the_evaluation_form_has_self_peer_and_teacher_columns():
    form = next(t for t in tables(page("zh")) if t[0][:2] == ["评价内容", "依据"])
    assert form[0] == ["评价内容", "依据", "自我评价", "小组互评", "教师评价"]
    assert len(form) == 1 + len(FORMS["evaluation_criterion"])
    for row, criterion in zip(form[1:], FORMS["evaluation_criterion"]):
        assert (row[3] == "—") != bool(criterion["peer"])
