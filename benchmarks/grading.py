"""Benchmark: one class of submissions graded by plain ``nbgrader autograde`` and by ``grade``.

The same seeded class (default 60 submissions of task1-identify: complete,
partly done and untouched notebooks) is made three times; one copy is graded
with nbgrader's own command line (a fresh kernel per notebook, as a teacher
runs it), one with ``python -m autograder grade --no-feedback`` (sandboxed
forks of warm workers, one per core): these two are compared, time and every
cell's score. The third shows ``grade`` as teachers run it, with feedback HTML.
All commands are timed from the shell, interpreter start-up included.
Target (issue 6): ≥ 10× on a 2-core machine, identical scores.
Run: ``make bench`` or ``python benchmarks/grading.py [--students N]``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.course import Course
from autograder.teacher.demo import make_class
from autograder.teacher.scores import cell_table

ASSIGNMENT = "task1-identify"
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONUTF8": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"{command[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def main(argv: list[str]) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        plain = make_class(Path(tmp) / "plain", ASSIGNMENT, args.students)
        ours = Course(shutil.copytree(plain.root, Path(tmp) / "ours"))
        with_feedback = Course(shutil.copytree(plain.root, Path(tmp) / "with-feedback"))
        results = {
            "nbgrader autograde": timed([str(BIN / "nbgrader"), "autograde", ASSIGNMENT], plain.root),
            "autograder grade": timed([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--quiet",
                                       "--no-feedback", "--course-dir", str(ours.root)], ours.root),
            "... with feedback HTML": timed([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--quiet",
                                            "--course-dir", str(with_feedback.root)], with_feedback.root),
        }
        a, _ = cell_table(plain, ASSIGNMENT)
        b, _ = cell_table(ours, ASSIGNMENT)
        key = ["student_id", "cell"]
        same = a.sort_values(key)[key + ["score"]].reset_index(drop=True).equals(
            b.sort_values(key)[key + ["score"]].reset_index(drop=True))
    ratio = results["nbgrader autograde"] / results["autograder grade"]
    cores = os.cpu_count()
    print(f"{args.students} submissions of {ASSIGNMENT} on {cores} cores")
    for name, seconds in results.items():
        print(f"  {name:24s} {seconds:7.1f} s  ({seconds / args.students * 1000:6.0f} ms per submission)")
    print(f"  ratio: {ratio:.1f}x  (target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
    print(f"  every cell's score identical in both gradebooks: {'yes' if same else 'NO'} ({len(a)} grades)")
    results["ratio"], results["identical"] = ratio, float(same)
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
