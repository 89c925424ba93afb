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

#: Task 4's service transcript: the same conversation in both editions. The agent starts badly
#: (five replies hold a phrase to avoid, reworded as people really say them, seed 004) and
#: then recovers; nothing said later contradicts what was said before.
TRANSCRIPT = [
    (1, "customer", "我上周在你们店买的电水壶，用了三天就不加热了！我今天专门请假跑过来的。",
     "The kettle I bought here last week stopped heating after three days! I took a day off to come here."),
    (2, "agent", "您先别激动，有话慢慢说。", "Calm down first, and tell me slowly."),
    (3, "customer", "我能不激动吗？早上要给孩子冲奶粉，水壶突然不热了，孩子饿得直哭！",
     "How can I not be upset? I needed hot water for my baby's milk this morning and it just stopped heating!"),
    (4, "agent", "您是不是弄混了？这款水壶要按两下开关才会加热。",
     "Are you sure you haven't mixed something up? This kettle heats only if you press the switch twice."),
    (5, "customer", "我用了三天，每次都是按两下！", "I have used it for three days, pressing twice every time!"),
    (6, "agent", "我们卖了几百台，从没有人说过这个问题。",
     "We have sold hundreds of them and we have never had this complaint."),
    (7, "customer", "那就是我在撒谎了？你们就是这样对待顾客的？", "So I am lying? Is this how you treat customers?"),
    (8, "agent", "您别嚷嚷，这样解决不了问题。", "Stop shouting, that won't solve anything."),
    (9, "customer", "那你说怎么办？我要退货！", "Then what do you suggest? I want my money back!"),
    (10, "agent", "当场退款是不可能的，退款要等厂家检测完才能办。",
     "A refund on the spot is impossible; a refund can only be made after the factory has tested it."),
    (11, "supervisor", "抱歉给您造成了麻烦，孩子早上没喝上奶，换了谁都会着急。",
     "I am sorry for the trouble we have caused you; anyone would be worried if the baby went without milk."),
    (12, "supervisor", "退款确实要等检测，但换货不用等：我现在就给您换一台新的，再送您一年延长保修。",
     "A refund does have to wait for the test, but an exchange does not: I will give you a new kettle now, "
     "with an extra year of warranty."),
    (13, "supervisor", "请问这样解决，您还满意吗？", "Would this solution be satisfactory for you?"),
    (14, "customer", "行吧，这样还可以。", "All right, that works for me."),
    (15, "supervisor", "我记下了您的电话，三天后打给您，问问新水壶用得怎么样。",
     "I have noted your number; I will call you in three days to ask how the new kettle works."),
]

#: Task 2's Kano survey: a hotel's features, each a mix of categories among its guests. The
#: must-be features get the most negative Worse, the top delighter the highest Better.
KANO_PROFILES = {
    "clean_room": {"M": 0.72, "O": 0.12, "I": 0.10, "A": 0.06},
    "hot_water": {"M": 0.64, "O": 0.14, "I": 0.14, "A": 0.08},
    "fast_checkin": {"O": 0.52, "A": 0.16, "M": 0.10, "I": 0.22},
    "wifi_speed": {"O": 0.48, "A": 0.20, "M": 0.12, "I": 0.20},
    "free_upgrade": {"A": 0.68, "O": 0.12, "I": 0.20},
    "welcome_fruit": {"A": 0.46, "I": 0.44, "O": 0.05, "R": 0.05},
    "logo_pen": {"I": 0.76, "A": 0.10, "R": 0.09, "Q": 0.05},
}

#: Task 4's complaints log: two of the eight causes (a quarter) give over 80 % of the complaints.
CAUSE_COUNTS = {"product_quality": 54, "service_attitude": 44, "slow_shifting": 6, "not_listened": 5,
                "broken_promise": 4, "low_competence": 3, "late_remedy": 2, "overbearing": 2}
#: Channels: most complaints come in at the store or by phone; the slower the channel, the later the answer.
CHANNEL_SHARES = {"store": 0.35, "phone": 0.30, "online": 0.25, "letter": 0.10}
CHANNEL_MEDIAN_HOURS = {"store": 2.5, "phone": 5.0, "online": 14.0, "letter": 60.0}


def store_survey() -> pd.DataFrame:
    """Task 1: a store's SERVQUAL-style survey (40 respondents × 10 items): c = b / a clearly
    above 1 for one dimension, about 1 for two and clearly below 1 for two."""
    survey = synthetic.servqual_survey(40, items_per_dimension=2, seed=40)
    rng = np.random.default_rng(40)
    lift = np.rint(rng.normal(0.7, 0.7, 40)).astype(int)  # some customers were served better
    survey["perceived"] = np.clip(survey["perceived"] + lift[survey["respondent"] - 1], 1, 7)
    return survey.astype({"dimension": str, "item": str})


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
    store_survey().to_csv(task1 / "store_survey.csv", index=False)
    synthetic.kano_survey_mixed(KANO_PROFILES, 80, seed=7).to_csv(task2 / "feature_survey.csv", index=False)
    customers().to_csv(task2 / "customers.csv", index=False)
    impressions().to_csv(task3 / "impressions.csv", index=False)
    synthetic.complaints_log_designed(CAUSE_COUNTS, CHANNEL_SHARES, CHANNEL_MEDIAN_HOURS,
                                      seed=4).to_csv(task4 / "complaints.csv", index=False)
    rows = [(lang, turn, who, zh if lang == "zh" else en)
            for lang in ("zh", "en") for turn, who, zh, en in TRANSCRIPT]
    pd.DataFrame(rows, columns=["lang", "turn", "speaker", "text"]).to_csv(task4 / "transcript.csv", index=False)


if __name__ == "__main__":
    main()
