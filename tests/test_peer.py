import pandas as pd
import pytest

from autograder.teacher.peer import peer_scores, read_ratings


def ratings(rows):
    table = pd.DataFrame(rows, columns=["rater_group", "rated_group", "criterion", "score"]).astype(str)
    table.insert(0, "line", range(2, len(table) + 2))
    return table


def test_mean_over_criteria_then_over_raters():
    table = ratings([("G2", "G1", "strengths", 8), ("G2", "G1", "plan", 6),   # G2 → G1: 0.7
                     ("G3", "G1", "strengths", 10), ("G3", "G1", "plan", 10),  # G3 → G1: 1.0
                     ("G1", "G2", "strengths", 5), ("G1", "G2", "plan", 5),
                     ("G1", "G3", "strengths", 0), ("G1", "G3", "plan", 0)])
    result = peer_scores(table, ["G1", "G2", "G3"], weight=10)
    assert result.fractions == pytest.approx({"G1": 0.85, "G2": 0.5, "G3": 0.0})
    assert result.points == pytest.approx({"G1": 8.5, "G2": 5.0, "G3": 0.0})


def test_self_ratings_are_ignored_and_reported():
    table = ratings([("G1", "G1", "plan", 10), ("G2", "G1", "plan", 4), ("G1", "G2", "plan", 6)])
    result = peer_scores(table, ["G1", "G2"], weight=5)
    assert result.fractions["G1"] == pytest.approx(0.4)
    assert any("line 2: self-rating ignored" in str(n) for n in result.notes)
    assert any("互评表第 2 行是小组给自己打的分，已忽略" == n.text("zh") for n in result.notes)


def test_unrated_group_gets_the_class_mean_and_silent_raters_are_reported():
    table = ratings([("G1", "G2", "plan", 8), ("G2", "G1", "plan", 4)])
    result = peer_scores(table, ["G1", "G2", "G3"], weight=10)
    assert result.fractions["G3"] == pytest.approx(0.6)
    assert any("G3 was rated by nobody" in str(n) for n in result.notes)
    assert any("G3 rated no other group" in str(n) for n in result.notes)


@pytest.mark.parametrize("row, message", [(("G1", "G9", "plan", 5), "unknown group 'G9'"),
                                          (("G1", "G2", "plan", 11), "score '11'"),
                                          (("G1", "G2", "plan", "good"), "score 'good'")])
def test_bad_rows_name_their_line(row, message):
    with pytest.raises(ValueError, match=message) as caught:
        peer_scores(ratings([("G2", "G1", "plan", 5), row]), ["G1", "G2"], weight=5)
    assert "line 3" in str(caught.value) and "第 3 行" in caught.value.text("zh")


def test_read_ratings(tmp_path):
    path = tmp_path / "peer.csv"
    path.write_text("rater_group,rated_group,criterion,score\nG1, G2 ,plan,7\n", encoding="utf-8-sig")
    table = read_ratings(path)
    assert table.iloc[0].to_dict() == {"line": 2, "rater_group": "G1", "rated_group": "G2",
                                       "criterion": "plan", "score": "7"}
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    with pytest.raises(ValueError, match="missing column"):
        read_ratings(tmp_path / "bad.csv")
