"""``python -m autograder.authoring {lessons,exercises,guide} [--check]``: rebuild generated course files.

``lessons``: content/lessons/*.md → lessons/*.ipynb. ``exercises``:
content/exercises/<a>/ → source/ (instructor notebooks, both editions) →
exercises/ (student copies, by nbgrader's generate_assignment). ``guide``: the
teacher's guide in teachers/ (see :mod:`.guide`); ``guide --html DIR`` also
writes a print-ready HTML file per edition into DIR (not committed).

With ``--check`` nothing is written; the exit status is 1 if any generated file
is out of date with its source (the test suite runs this).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from . import exercises, guide, guide_html, lessons

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.authoring", description=__doc__)
    parser.add_argument("what", choices=["lessons", "exercises", "guide"], help="which generated files to build")
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    parser.add_argument("--html", metavar="DIR", type=Path,
                        help="guide only: also write a print-ready HTML file per edition into DIR")
    args = parser.parse_args(argv)
    if args.html and args.what != "guide":
        parser.error("--html is for the guide only")
    if args.what == "exercises":
        return build_exercises(args.check)
    if args.what == "guide":
        return build_guide(args.check, args.html)
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


def build_guide(check: bool, html_dir: Path | None = None) -> int:
    """Rebuild (or with ``check`` only compare) teachers/; list what the guide still lacks."""
    built = guide.build(ROOT)
    changed = guide.sync(built, ROOT, write=not check)
    for rel in changed:
        print(f"out of date: {rel} (run: python -m autograder.authoring guide)" if check else f"updated {rel}")
    lacking = guide.summary(built)
    if lacking:
        print(f"the guide still lacks {len(lacking)} item(s); they are listed on its pages:")
        print("\n".join(f"  - {line}" for line in lacking))
    if html_dir is not None:
        html_dir.mkdir(parents=True, exist_ok=True)
        for lang, edition in guide.bilingual.EDITIONS.items():
            pages = [(name, title, built.files[f"{guide.OUT}/{edition}/{name}"])
                     for name, title in built.order[lang]]
            target = html_dir / f"teachers-guide.{edition}.html"
            target.write_text(guide_html.document(pages, guide.TITLES[lang], lang), "utf-8")
            print(f"wrote {target}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
