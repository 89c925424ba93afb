"""Write the SYNTHETIC data files the four exercises ship (run once; the CSVs are committed).

``python content/exercises/make_data.py`` rewrites them byte for byte the same:
every table comes from a seeded generator in :mod:`satisfaction.synthetic` or
from the fixed rows below. None of it is real customer data.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from satisfaction import synthetic

HERE = Path(__file__).resolve().parent

#: Task 4's service transcript: the same conversation in both editions, so the
#: same agent turns hold a phrase to avoid (seed 004) in each language; one
#: customer turn holds one too, since only what the agent says is checked.
TRANSCRIPT = [
    (1, "customer", "我上周买的电水壶用了三天就不加热了！", "The kettle I bought last week stopped heating after three days!"),
    (2, "agent", "您好，抱歉给您造成了麻烦，请问是哪一款水壶？",
     "Hello, I am sorry for the trouble we have caused you. Which kettle is it?"),
    (3, "agent", "你别激动，这种情况很少见。", "Calm down, this hardly ever happens."),
    (4, "customer", "我已经跑了两趟了，你们就是这样对待顾客的？", "I have come here twice already. Is this how you treat customers?"),
    (5, "agent", "我理解您的感受，谁遇到这种情况都会不开心。",
     "I understand how you feel, anyone would be upset in this situation."),
    (6, "customer", "你应该先看看说明书，上面写着可以用五年！",
     "You should read the manual first, it says it lasts five years!"),
    (7, "agent", "你肯定弄混了，说明书上写的是保修一年。", "You must be confused, the manual says one year of warranty."),
    (8, "customer", "那现在怎么办？", "So what happens now?"),
    (9, "agent", "我们不可能当场退款，只能寄回厂家检测。",
     "We can't possibly refund you on the spot, it has to go back to the factory for testing."),
    (10, "agent", "我可以先给您换一台新的，请问这样解决，您还满意吗？",
     "I can exchange it for a new one right now. Would this solution be satisfactory for you?"),
]


def store_survey() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Task 1: a store's SERVQUAL-style survey (40 respondents × 10 items) and an overall 1..7 rating."""
    survey = synthetic.servqual_survey(40, items_per_dimension=2, seed=12)
    rng = np.random.default_rng(12)
    lift = np.rint(rng.normal(0.7, 0.7, 40)).astype(int)  # some customers were served better
    survey["perceived"] = np.clip(survey["perceived"] + lift[survey["respondent"] - 1], 1, 7)
    means = survey.groupby("respondent")[["expected", "perceived"]].mean()
    overall = np.clip(np.rint(4 + 1.5 * (means["perceived"] - means["expected"])
                              + rng.normal(0, 0.8, 40)), 1, 7).astype(int)
    ratings = pd.DataFrame({"respondent": means.index, "overall": overall.to_numpy()})
    return survey.astype({"dimension": str, "item": str}), ratings


def customers() -> pd.DataFrame:
    """Task 2: twelve customers of a café: spend per visit, visits per year, years as a customer."""
    rng = np.random.default_rng(5)
    return pd.DataFrame({
        "customer": [f"K{i:02d}" for i in range(1, 13)],
        "spend_per_visit": rng.integers(20, 90, 12),
        "visits_per_year": rng.integers(4, 60, 12),
        "years": rng.integers(1, 9, 12),
    })


def impressions() -> pd.DataFrame:
    """Task 3: per customer, negative and positive impressions since the last survey."""
    rng = np.random.default_rng(9)
    negative = rng.integers(0, 4, 20)
    positive = np.where(rng.random(20) < 0.5, negative * 12 + rng.integers(-8, 10, 20), rng.integers(0, 30, 20))
    return pd.DataFrame({"customer": [f"M{i:02d}" for i in range(1, 21)],
                         "negative": negative, "positive": np.clip(positive, 0, None)})


def main() -> None:
    task1, task2 = HERE / "task1-identify", HERE / "task2-improve"
    task3, task4 = HERE / "task3-dissatisfaction", HERE / "task4-complaints"
    survey, ratings = store_survey()
    survey.to_csv(task1 / "store_survey.csv", index=False)
    ratings.to_csv(task1 / "store_ratings.csv", index=False)
    synthetic.kano_survey(50, seed=7).to_csv(task2 / "feature_survey.csv", index=False)
    service = synthetic.servqual_survey(30, items_per_dimension=2, seed=21)
    service.astype({"dimension": str, "item": str}).to_csv(task2 / "service_survey.csv", index=False)
    customers().to_csv(task2 / "customers.csv", index=False)
    impressions().to_csv(task3 / "impressions.csv", index=False)
    synthetic.complaints_log(120, seed=4).to_csv(task4 / "complaints.csv", index=False)
    rows = [(lang, turn, who, zh if lang == "zh" else en)
            for lang in ("zh", "en") for turn, who, zh, en in TRANSCRIPT]
    pd.DataFrame(rows, columns=["lang", "turn", "speaker", "text"]).to_csv(task4 / "transcript.csv", index=False)


if __name__ == "__main__":
    main()
