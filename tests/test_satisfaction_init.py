"""satisfaction's names load on first use: the package imports without pandas, every name still there."""
from __future__ import annotations

import json
import subprocess
import sys


def run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_importing_the_package_or_its_words_loads_no_pandas():
    seen = run("import json, sys, satisfaction; from satisfaction import terms; "
               "print(json.dumps(['pandas' in sys.modules, 'numpy' in sys.modules, terms.label('verdict', 'meets', 'zh')]))")
    assert seen[:2] == [False, False] and seen[2]


def test_every_public_name_is_there_on_first_use():
    import satisfaction

    for name in satisfaction.__all__:
        assert getattr(satisfaction, name) is not None
    assert set(satisfaction.__all__) <= set(dir(satisfaction))
    assert satisfaction.kano.kano_category is satisfaction.kano_category  # a submodule by its name too


def test_the_teachers_grade_command_starts_without_pandas():
    # The grading engine's processes warm up while this one imports pandas (autograder.teacher.grade).
    seen = run("import json, sys; import autograder.__main__, autograder.teacher.grade; "
               "print(json.dumps('pandas' in sys.modules))")
    assert seen is False


def test_the_runner_preloads_a_lazy_package_whole():
    seen = run("import json, sys; from autograder.engine.runner import preload_module; preload_module('satisfaction'); "
               "print(json.dumps(sorted(m for m in sys.modules if m.startswith('satisfaction.'))))")
    assert {"satisfaction.analysis", "satisfaction.kano", "satisfaction.value", "satisfaction.answers"} <= set(seen)


def test_the_runner_leaves_a_packages_lazy_submodules_to_the_notebook():
    # numpy imports numpy.f2py and numpy.testing only when asked: no notebook's child pays for them.
    seen = run("import json, sys; from autograder.engine.runner import preload_module; preload_module('numpy'); "
               "print(json.dumps(sorted(m for m in ('numpy.f2py', 'numpy.testing') if m in sys.modules)))")
    assert seen == []
