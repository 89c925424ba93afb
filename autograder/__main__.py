"""``python -m autograder VERB``: the teacher's pipeline. ``--help`` on every verb.

Verbs: init (course from a roster), grade (autograde a whole class with
feedback), feedback (bring every student's feedback up to date with the
grade), export (grades CSV for the LMS), report (HTML class report), demo (a
simulated class, graded end to end), hub (the class server, autograder/hub).
Messages are in the teacher's language:
``--lang zh|en``, by default the course's (``lang`` under ``[course]`` in
course.toml, written by ``init``).
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings
from pathlib import Path

from .course import Course
from .hub.cli import add_hub_verb
from .teacher.init import DEFAULT_DB_URL
from .teacher.texts import DEFAULT_LANG, LANGS, InputError, course_lang, say


def _say(args, key: str, **fields) -> None:
    print(say("cli", key, args.lang, **fields))


def _init(args) -> int:
    from .teacher.init import init_course

    course = init_course(args.course_dir, args.roster, args.assignments or None, args.course_id,
                         db_url=args.db_url, lang=args.lang, exchange=args.exchange)
    _say(args, "init_done", root=course.root, assignments=", ".join(course.assignments()))
    return 0


def _after_grading(args, scores, feedback) -> None:
    """What grade and feedback tell the teacher at the end: feedback written, grading still to do."""
    if feedback is not None:
        _say(args, "feedback_done", regenerated=len(feedback.regenerated), updated=len(feedback.updated),
             current=len(feedback.current), seconds=f"{feedback.seconds:.1f}",
             folder=Path(args.course_dir).resolve() / "feedback")
        for student, error in feedback.failed.items():
            _say(args, "feedback_failed", student=student, error=error)
    pending = scores.pending()
    if len(pending):
        _say(args, "manual_pending", count=len(pending), students=int(scores.students["provisional"].sum()),
             assignment=scores.assignment)


def _grade(args) -> int:
    from .engine.pool import lean_nbgrader
    from .teacher.grade import grade

    lean_nbgrader()  # this command-line process never serves Jupyter: nbgrader's extensions stay unloaded

    overrides = {k: v for k in ("executor", "workers", "feedback") if (v := getattr(args, k)) is not None}
    run = grade(Course(args.course_dir), args.assignment, progress=not args.quiet, regrade=args.regrade,
                **overrides)
    _say(args, "grade_done", assignment=args.assignment, now=len(run.graded_now), earlier=run.finished_earlier,
         failed=len(run.failures), seconds=f"{run.seconds:.1f}", path=run.table_path)
    for note in run.scores.notes:
        _say(args, "note", note=note.text(args.lang))
    if run.left:
        _say(args, "grade_left", count=len(run.left), assignment=args.assignment)
    if run.feedback is None:
        _say(args, "feedback_off", assignment=args.assignment)
    _after_grading(args, run.scores, run.feedback)
    return 0


def _feedback(args) -> int:
    from .teacher.feedback import refresh_feedback
    from .teacher.grade import check_assignment
    from .teacher.sheet import refresh_sheet

    course = Course(args.course_dir)
    check_assignment(course, args.assignment)
    scores = refresh_sheet(course, args.assignment)
    run = refresh_feedback(course, args.assignment, scores, force=args.force, progress=not args.quiet)
    _after_grading(args, scores, run)
    return 0


def _export(args) -> int:
    from .teacher.export import export_course

    done = export_course(Course(args.course_dir), args.layout, args.output, args.excel, refresh=True)
    if done.path is None:
        print(say("cli", "export_nothing", args.lang), file=sys.stderr)
        return 1
    _say(args, "export_done", path=done.path, students=done.students, assignments=done.assignments)
    for assignment, count in done.provisional.items():
        _say(args, "export_provisional", assignment=assignment, count=count)
    for assignment, count in done.stale_feedback.items():
        _say(args, "feedback_stale", assignment=assignment, count=count)
    return 0


def _report(args) -> int:
    from .teacher.feedback import feedback_states
    from .teacher.grade import check_assignment
    from .teacher.report import write_report
    from .teacher.sheet import refresh_sheet

    course = Course(args.course_dir)
    check_assignment(course, args.assignment)
    scores = refresh_sheet(course, args.assignment)
    states = feedback_states(course, args.assignment, scores)
    path = write_report(scores, args.assignment, course.path("reports", args.assignment), args.lang, states)
    _say(args, "report_done", path=path)
    stale = int((states["state"] != "current").sum()) if len(states) else 0
    if stale:
        _say(args, "feedback_stale", assignment=args.assignment, count=stale)
    return 0


def _demo(args) -> int:
    from .teacher.demo import run_demo

    run_demo(args.output, progress=not args.quiet)
    return 0


def _lang(parser) -> None:
    parser.add_argument("--lang", choices=LANGS, help="language of messages and reports "
                                                      "(default: the course's, see course.toml)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = verbs.add_parser("init", help="create a course directory from a roster CSV")
    p.add_argument("course_dir", type=Path, help="new folder for the course")
    p.add_argument("--roster", type=Path, required=True,
                   help="CSV: student_id, first_name, last_name, group_id, role[, email]; per assignment "
                        "optionally group_id.ASSIGNMENT and role.ASSIGNMENT")
    p.add_argument("--assignments", nargs="*", help="assignments to include (default: all in source/)")
    p.add_argument("--course-id", default="satisfaction-101", help="nbgrader course id")
    p.add_argument("--db-url", default=DEFAULT_DB_URL,
                   help="the gradebook (SQLAlchemy URL): default SQLite in the course folder; "
                        "e.g. postgresql+psycopg2://USER@HOST:5432/DATABASE, an empty database, to share it")
    p.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                   help="the teacher's language for the course's messages and reports (default zh)")
    p.add_argument("--exchange", type=Path,
                   help="nbgrader's exchange for the whole server, e.g. /srv/nbgrader/exchange "
                        "(default: exchange/ in the course folder)")
    p.set_defaults(run=_init)

    p = verbs.add_parser("grade", help="autograde every submission of an assignment, with feedback")
    p.add_argument("assignment")
    p.add_argument("--course-dir", type=Path, default=Path("."), help="course folder (default: here)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--executor", choices=["fork", "nbgrader"],
                   help="fork: sandboxed forks of warm workers (default); nbgrader: a kernel per notebook")
    p.add_argument("--workers", type=int, help="grading processes side by side (default: one per core)")
    p.add_argument("--no-feedback", dest="feedback", action="store_false", default=None,
                   help="grade only; no feedback HTML")
    p.add_argument("--regrade", action="store_true", help="grade again submissions graded before")
    _lang(p)
    p.set_defaults(run=_grade)

    p = verbs.add_parser("feedback", help="bring every student's feedback up to date with the grade "
                                          "(after manual grading, peer ratings, a group-mate's submission)")
    p.add_argument("assignment")
    p.add_argument("--course-dir", type=Path, default=Path("."), help="course folder (default: here)")
    p.add_argument("--force", action="store_true", help="write every student's feedback again")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    _lang(p)
    p.set_defaults(run=_feedback)

    p = verbs.add_parser("export", help="write one grades CSV for the course")
    p.add_argument("--course-dir", type=Path, default=Path("."))
    p.add_argument("--layout", choices=["plain", "canvas", "moodle"], default="plain",
                   help="column layout: plain, or ready for Canvas or Moodle import")
    p.add_argument("--excel", action="store_true", help="UTF-8 with BOM, so Excel shows Chinese names")
    p.add_argument("--output", type=Path, help="file to write (default: exports/grades-LAYOUT.csv)")
    _lang(p)
    p.set_defaults(run=_export)

    p = verbs.add_parser("report", help="write the HTML class report of an assignment")
    p.add_argument("assignment")
    p.add_argument("--course-dir", type=Path, default=Path("."))
    _lang(p)
    p.set_defaults(run=_report)

    p = verbs.add_parser("demo", help="grade a simulated class of 30 students in 6 groups end to end")
    p.add_argument("--output", type=Path, help="folder for the demo course (default: a new temp folder)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_demo, lang=DEFAULT_LANG)
    add_hub_verb(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang is None:
        folder = getattr(args, "course_dir", None)
        args.lang = course_lang(Course(folder)) if folder is not None and Path(folder).is_dir() else DEFAULT_LANG
    with warnings.catch_warnings():
        # nbgrader's gradebook code trips SQLAlchemy 2 warnings; noise for a teacher (nbgrader's CLI shows them).
        warnings.filterwarnings("ignore", module=r"nbgrader\.api")
        try:
            return args.run(args)
        except InputError as error:
            print(say("cli", "error", args.lang, error=error.text(args.lang)), file=sys.stderr)
            return 2
        except ValueError as error:
            print(say("cli", "error", args.lang, error=error), file=sys.stderr)
            return 2


def exit_now(code: int) -> None:
    """Leave without the interpreter's teardown: every file is written and closed by now, and
    freeing pandas', matplotlib's and SQLAlchemy's objects one by one takes most of a second."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    from .engine.collector import collect_less

    collect_less()  # this process is the command's alone (a caller of main() keeps its settings)
    exit_now(main())
