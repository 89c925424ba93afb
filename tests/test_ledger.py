"""autograder.engine.ledger: finished students, digests of what they submitted, one run at a time."""
from __future__ import annotations

import pytest

from autograder.course import Course
from autograder.engine.ledger import Ledger


@pytest.fixture
def ledger(tmp_path):
    course = Course(tmp_path)
    for student in ("s1", "s2"):
        folder = course.path("submitted", student, "a1")
        folder.mkdir(parents=True)
        (folder / "a1.ipynb").write_text(f"notebook of {student}")
    return Ledger(course, "a1")


def test_finished_students_are_not_pending_until_they_submit_again(ledger):
    assert ledger.pending(["s1", "s2"]) == ["s1", "s2"]
    ledger.record("s1", ledger.digest("s1"), "graded", "")
    assert ledger.pending(["s1", "s2"]) == ["s2"]
    assert ledger.entry("s1") == {"digest": ledger.digest("s1"), "status": "graded", "reason": ""}
    (ledger.course.path("submitted", "s1", "a1", "a1.ipynb")).write_text("a later version")
    assert ledger.pending(["s1", "s2"]) == ["s1", "s2"]
    ledger.clear()
    assert ledger.entry("s1") is None


def test_digest_covers_names_and_bytes(ledger):
    before = ledger.digest("s1")
    (ledger.course.path("submitted", "s1", "a1", "extra.txt")).write_text("")
    assert ledger.digest("s1") != before


def test_only_one_run_holds_the_lock(ledger):
    with ledger.lock():
        with pytest.raises(ValueError, match="another grading run"):
            with ledger.lock():
                pass
    with ledger.lock():  # released when the first run ended
        pass
