"""``python -m autograder VERB``: the teacher's pipeline. ``--help`` on every verb.

Verbs: init (course from a roster), grade (autograde a whole class with
feedback), export (grades CSV for the LMS), report (HTML class report),
demo (a simulated class, graded end to end), hub (the class server).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .course import Course
from .teacher.init import DEFAULT_DB_URL
from .teacher.roster import RosterError


def _init(args) -> int:
    from .teacher.init import init_course

    course = init_course(args.course_dir, args.roster, args.assignments or None, args.course_id,
                         db_url=args.db_url, exchange=args.exchange)
    print(f"created {course.root} with assignments {course.assignments()}")
    return 0


def _grade(args) -> int:
    from .teacher.grade import grade

    overrides = {k: v for k in ("executor", "workers", "feedback") if (v := getattr(args, k)) is not None}
    run = grade(Course(args.course_dir), args.assignment, progress=not args.quiet, regrade=args.regrade,
                **overrides)
    table = run.scores.students
    print(f"graded {len(run.graded_now)} submissions of {args.assignment} in {run.seconds:.1f} s "
          f"({int(table['submitted'].sum()) - len(run.graded_now)} finished earlier); "
          f"{len(run.failures)} could not be graded; scores in {run.table_path}")
    for note in run.scores.notes:
        print(f"  - {note}")
    return 0


def _export(args) -> int:
    from .teacher.export import export_course

    path, students, assignments = export_course(Course(args.course_dir), args.layout, args.output, args.excel)
    if path is None:
        print("no grades yet: run `python -m autograder grade ASSIGNMENT` first", file=sys.stderr)
        return 1
    print(f"wrote {path} ({students} students, {assignments} assignments)")
    return 0


def _report(args) -> int:
    from .teacher.report import write_report
    from .teacher.scores import assignment_scores

    course = Course(args.course_dir)
    scores = assignment_scores(course, args.assignment)
    grades_csv = course.path("grades", f"{args.assignment}.csv")
    if grades_csv.exists():  # keep grade's statuses and failure notes
        saved = pd.read_csv(grades_csv, index_col="student_id", encoding="utf-8", keep_default_na=False)
        scores.students = scores.students.join(saved[["status", "reason"]])
        scores.notes += [f"{sid}: could not be graded: {r}" for sid, r in saved["reason"].items() if r]
    path = write_report(scores, args.assignment, course.path("reports", args.assignment), args.lang)
    print(f"wrote {path}")
    return 0


def _demo(args) -> int:
    from .teacher.demo import run_demo

    run_demo(args.output, progress=not args.quiet)
    return 0


# --- The class server (autograder/hub) ---
def _hub(args) -> int:
    from .hub.launcher import HubError, prepare, run

    options = {k: v for k in ("mem_limit", "cpu_limit", "cull_idle_seconds", "hub_db_url")
               if (v := getattr(args, k)) is not None}
    try:
        settings, created = prepare(args.course_dir, args.teacher, ip=args.ip, port=args.port,
                                    state_dir=args.state_dir, lang=args.lang, **options)
    except HubError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    host = "127.0.0.1" if settings.ip in ("0.0.0.0", "") else settings.ip
    print(f"class server for {settings.course_id}: http://{host}:{settings.port}/ "
          f"({len(settings.students)} students, teacher {settings.teacher})")
    if created:
        print(f"  {len(created)} new accounts; their first passwords: {settings.course_dir}/hub-passwords.csv")
    print(f"  formgrader (open it in its own browser tab): http://{host}:{settings.port}/user/{settings.teacher}/formgrader")
    print(f"  log: {settings.state_dir}/jupyterhub.log; Ctrl+C stops the hub and every student's server")
    return run(settings)


def add_hub_verb(verbs) -> None:
    p = verbs.add_parser("hub", help="serve a course folder to the class with JupyterHub (as root)")
    p.add_argument("course_dir", type=Path, help="the course folder made by init")
    p.add_argument("--teacher", required=True, help="the teacher's login (made if missing)")
    p.add_argument("--port", type=int, default=8000, help="port of the class server (default 8000)")
    p.add_argument("--ip", default="0.0.0.0", help="address to listen on (default: every address)")
    p.add_argument("--state-dir", type=Path, help="the hub's own files (default /var/lib/satisfaction-hub/COURSE_ID)")
    p.add_argument("--lang", choices=["zh", "en"], help="interface and lessons (default: from the course)")
    p.add_argument("--mem-limit", help="memory per student server, e.g. 1G (default 1G; '' for none)")
    p.add_argument("--cpu-limit", type=float, help="CPU cores per student server (default 1; 0 for none)")
    p.add_argument("--cull-idle-seconds", type=int, help="stop servers idle this long (default 3600; 0: never)")
    p.add_argument("--hub-db-url", help="the hub's database (default SQLite in the state folder), "
                                        "e.g. postgresql+psycopg2://USER@HOST:5432/DATABASE")
    p.set_defaults(run=_hub)
# --- end of the class server ---


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = verbs.add_parser("init", help="create a course directory from a roster CSV")
    p.add_argument("course_dir", type=Path, help="new folder for the course")
    p.add_argument("--roster", type=Path, required=True,
                   help="CSV: student_id, first_name, last_name, group_id, role[, email]")
    p.add_argument("--assignments", nargs="*", help="assignments to include (default: all in source/)")
    p.add_argument("--course-id", default="satisfaction-101", help="nbgrader course id")
    p.add_argument("--db-url", default=DEFAULT_DB_URL,
                   help="the gradebook (SQLAlchemy URL): default SQLite in the course folder; "
                        "e.g. postgresql+psycopg2://USER@HOST:5432/DATABASE, an empty database, to share it")
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
    p.set_defaults(run=_grade)

    p = verbs.add_parser("export", help="write one grades CSV for the course")
    p.add_argument("--course-dir", type=Path, default=Path("."))
    p.add_argument("--layout", choices=["plain", "canvas", "moodle"], default="plain",
                   help="column layout: plain, or ready for Canvas or Moodle import")
    p.add_argument("--excel", action="store_true", help="UTF-8 with BOM, so Excel shows Chinese names")
    p.add_argument("--output", type=Path, help="file to write (default: exports/grades-LAYOUT.csv)")
    p.set_defaults(run=_export)

    p = verbs.add_parser("report", help="write the HTML class report of an assignment")
    p.add_argument("assignment")
    p.add_argument("--course-dir", type=Path, default=Path("."))
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="report language")
    p.set_defaults(run=_report)

    p = verbs.add_parser("demo", help="grade a simulated class of 30 students in 6 groups end to end")
    p.add_argument("--output", type=Path, help="folder for the demo course (default: a new temp folder)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_demo)
    add_hub_verb(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (RosterError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
