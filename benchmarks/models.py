"""Benchmark: SERVQUAL gaps plus Kano categories for 1,000,000 synthetic respondents.

Compares, in one run and on the same data, the vectorised ``satisfaction``
functions with plain row-by-row Python loops that compute the same results:

- "loop over DataFrame rows": ``itertuples()`` over the survey, as one writes it
  first;
- "loop over Python lists": the columns pulled out as lists first, the fastest
  plain loop.

Each respondent answers one SERVQUAL item per dimension (5 rows each) and one
Kano question pair. Target (issue 2): ours under 1 s and ≥ 50× a plain
row-by-row loop; the verdict is printed against both loops.
Run: ``make bench`` or ``python benchmarks/models.py [--respondents N]``.
"""
from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from satisfaction import kano_category, servqual_gaps
from satisfaction.kano import ANSWERS, EVALUATION_TABLE
from satisfaction.synthetic import kano_answers, servqual_survey

KANO_TABLE = {(f, d): EVALUATION_TABLE[i, j]
              for i, f in enumerate(ANSWERS) for j, d in enumerate(ANSWERS)}


def vectorised(survey, functional, dysfunctional):
    return servqual_gaps(survey).dimensions["gap"], kano_category(functional, dysfunctional)


def _finish(sums, categories):
    gaps = {dim: (p - e) / n for dim, (n, e, p) in sums.items()}
    return gaps, categories


def loop_rows(survey, functional, dysfunctional):
    sums = {}
    for row in survey.itertuples(index=False):
        acc = sums.setdefault(row.dimension, [0, 0, 0])
        acc[0] += 1
        acc[1] += row.expected
        acc[2] += row.perceived
    categories = [KANO_TABLE[f, d] for f, d in zip(functional, dysfunctional)]
    return _finish(sums, categories)


def loop_lists(survey, functional, dysfunctional):
    dims, exp, perc = (survey[c].tolist() for c in ("dimension", "expected", "perceived"))
    sums = {}
    for dim, e, p in zip(dims, exp, perc):
        acc = sums.setdefault(dim, [0, 0, 0])
        acc[0] += 1
        acc[1] += e
        acc[2] += p
    categories = [KANO_TABLE[f, d] for f, d in zip(functional.tolist(), dysfunctional.tolist())]
    return _finish(sums, categories)


def timed(fn, *args, repeat=1):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    n = args.respondents
    survey = servqual_survey(n, items_per_dimension=1, seed=0)
    functional, dysfunctional = kano_answers(n, seed=1)
    print(f"SERVQUAL gaps + Kano categories, {n:,} respondents ({len(survey):,} SERVQUAL rows)")
    ours, (gaps, cats) = timed(vectorised, survey, functional, dysfunctional, repeat=5)
    results = {"vectorised": ours}
    for name, fn in (("loop over Python lists", loop_lists), ("loop over DataFrame rows", loop_rows)):
        seconds, (loop_gaps, loop_cats) = timed(fn, survey, functional, dysfunctional)
        # Same answers, or the comparison means nothing.
        assert np.allclose([loop_gaps[d] for d in gaps.index], gaps.to_numpy())
        assert list(cats) == loop_cats
        results[name] = seconds
    print(f"  {'satisfaction (vectorised, median of 5)':42s} {ours * 1000:9.1f} ms")
    for name in ("loop over Python lists", "loop over DataFrame rows"):
        print(f"  {name:42s} {results[name] * 1000:9.1f} ms   {results[name] / ours:6.1f}x slower")
    for name in ("loop over DataFrame rows", "loop over Python lists"):
        verdict = "meets" if ours < 1 and results[name] / ours >= 50 else "misses"
        print(f"  target < 1 s and >= 50x the {name}: {verdict} it")
    return results


if __name__ == "__main__":
    main()
