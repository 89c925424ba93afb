"""The class server: the course on JupyterHub for a whole class on one machine.

One job per module:

- :mod:`.permissions` who may read what in a course folder (exchange 1777, the rest private);
- :mod:`.logins` the roster's students as login names, checked before any account is made;
- :mod:`.accounts` Unix accounts for them (PAM logins) and the teacher's password sheet;
- :mod:`.exchange` nbgrader exchange steps for real accounts (private submissions,
  collect by the roster and by who owns the files);
- :mod:`.limits` memory and CPU limits of each student's server (Linux cgroups);
- :mod:`.runtime` the Python students' servers run (the course's, reachable by every account);
- :mod:`.config` the hub's and the student and teacher servers' configuration;
- :mod:`.homes` what a student's home holds on first login (lessons, the opening layout);
- :mod:`.launcher` ``python -m autograder hub COURSE_DIR``: checks, accounts, config, run
  (the verb itself: :mod:`.cli`);
- :mod:`.client` a student over HTTP (the end-to-end test, the load check, IT's smoke test).

Tests: ``tests/test_hub_*.py`` (``test_hub_permissions`` covers :mod:`.permissions` with
:mod:`.exchange` through real accounts; ``test_hub_e2e`` the whole class).
"""
