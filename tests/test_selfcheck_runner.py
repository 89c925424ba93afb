"""Running one test cell: scored as nbgrader scores it, silent, on a copy of the namespace."""
import pytest

from autograder.selfcheck import runner


@pytest.mark.parametrize("value, score", [(1.5, 1.5), (0, 0.0), (7, 2.0), (-1, 2.0), (True, 2.0),
                                          ("1.0", 2.0), (None, 2.0), (float("nan"), 2.0)])
def test_score_of_a_last_expression(value, score):
    assert runner.score_of(value, 2.0) == score


def test_a_number_at_the_end_is_a_partial_score_and_prints_are_swallowed(capsys):
    outcome = runner.run('print("expected 42")\nx * 0.5', {"x": 2}, points=3)
    assert outcome.error is None and outcome.score == 1.0 and outcome.printed == "expected 42\n"
    assert capsys.readouterr() == ("", "")


def test_stderr_scores_zero_as_in_nbgrader():
    outcome = runner.run("import sys\nsys.stderr.write('careful')", {}, points=2)
    assert outcome.error is None and outcome.score == 0.0


def test_a_raising_cell_scores_zero_and_keeps_its_error():
    outcome = runner.run("assert x == 3, 'x should be 3'", {"x": 2}, points=2)
    assert isinstance(outcome.error, AssertionError) and outcome.score == 0.0
    assert runner.failure_message(outcome.error, "assert x == 3, 'x should be 3'") == "x should be 3"


def test_a_bare_assert_shows_its_line_and_other_errors_their_type():
    tests = "assert x > 0\nassert x == 3"
    assert runner.failure_message(runner.run(tests, {"x": 2}, 1).error, tests) == "assert x == 3"
    assert runner.failure_message(runner.run(tests, {"x": "a"}, 1).error, tests).startswith("TypeError:")


def test_tests_run_on_copies():
    data = {"values": [1, 2]}
    runner.run("values.append(3)\nanswer = 99", data, points=1)
    assert data == {"values": [1, 2]}

