import pandas as pd
import pytest

from satisfaction import synthetic


@pytest.mark.parametrize("make", [synthetic.servqual_survey, synthetic.kano_survey,
                                  synthetic.factor_survey, synthetic.complaints_log])
def test_seeded_and_reproducible(make):
    a, b = make(50, seed=7), make(50, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(make(50, seed=8))


def test_shapes():
    assert len(synthetic.servqual_survey(10)) == 10 * 22
    assert len(synthetic.servqual_survey(10, items_per_dimension=1)) == 50
    assert synthetic.servqual_survey(10)[["expected", "perceived"]].stack().between(1, 7).all()
    log = synthetic.complaints_log(200)
    assert log["complaint_id"].is_unique and (log["response_hours"] >= 0).all()
    f, d = synthetic.kano_answers(1000)
    assert len(f) == len(d) == 1000


@pytest.mark.parametrize("n", [0, -5, 2.5, "ten", True])
def test_bad_sizes(n):
    with pytest.raises(ValueError, match="whole number"):
        synthetic.servqual_survey(n)


def test_docstring_says_synthetic():
    assert "SYNTHETIC" in synthetic.__doc__
