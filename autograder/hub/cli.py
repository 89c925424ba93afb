"""``python -m autograder hub``: the class server verb (the rest of the CLI is autograder/__main__.py)."""
from __future__ import annotations

import sys
from pathlib import Path


def _hub(args) -> int:
    from ..teacher.texts import DEFAULT_LANG, say
    from .launcher import HubError, prepare, run

    lang = args.lang or DEFAULT_LANG  # the course's language when not given (see autograder/__main__.py)

    options = {k: v for k in ("mem_limit", "cpu_limit", "cull_idle_seconds", "hub_db_url")
               if (v := getattr(args, k)) is not None}
    try:
        settings, created = prepare(args.course_dir, args.teacher, ip=args.ip, port=args.port,
                                    state_dir=args.state_dir, lang=args.lang, **options)
    except HubError as error:
        print(say("cli", "error", lang, error=error.text(lang)), file=sys.stderr)
        return 2
    host = "127.0.0.1" if settings.ip in ("0.0.0.0", "") else settings.ip
    base = f"http://{host}:{settings.port}"
    print(say("cli", "hub_serving", lang, course=settings.course_id, url=f"{base}/",
              students=len(settings.students), teacher=settings.teacher))
    if created:
        print(say("cli", "hub_new_accounts", lang, count=len(created),
                  sheet=f"{settings.course_dir}/hub-passwords.csv"))
    print(say("cli", "hub_formgrader", lang, url=f"{base}/user/{settings.teacher}/formgrader"))
    print(say("cli", "hub_log", lang, log=f"{settings.state_dir}/jupyterhub.log"))
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
