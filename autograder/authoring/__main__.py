"""``python -m autograder.authoring {lessons,exercises} [--check]``: rebuild generated course files.

``lessons``: content/lessons/*.md → lessons/*.ipynb. ``exercises``:
content/exercises/<a>/ → source/ (instructor notebooks, both editions) →
exercises/ (student copies, by nbgrader's generate_assignment).

With ``--check`` nothing is written; the exit status is 1 if any generated file
is out of date with its source (the test suite runs this).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from . import exercises, lessons

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.authoring", description=__doc__)
    parser.add_argument("what", choices=["lessons", "exercises"], help="which generated files to build")
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    if args.what == "exercises":
        return build_exercises(args.check)
    content, target = ROOT / "content" / "lessons", ROOT / "lessons"
    if not args.check:
        for path in lessons.build(content, target):
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        for path in target.glob("*.ipynb"):
            shutil.copy(path, fresh / path.name)
        stale = lessons.build(content, fresh)
    for path in stale:
        print(f"out of date: lessons/{path.name} (run: python -m autograder.authoring lessons)")
    return 1 if stale else 0


def build_exercises(check: bool) -> int:
    """Rebuild (or with ``check`` only compare) source/ and exercises/."""
    files = exercises.expected_files(ROOT / "content" / "exercises", ROOT / "nbgrader_config.py")
    changed = exercises.sync(files, ROOT, write=not check)
    for rel in changed:
        print(f"out of date: {rel} (run: python -m autograder.authoring exercises)" if check
              else f"updated {rel}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
