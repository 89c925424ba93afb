"""autograder.engine.plain: a test refuses objects of the notebook's own classes."""
from __future__ import annotations

import ast

import pandas as pd
import pytest

from autograder.engine.plain import PLAIN, ForeignAnswerError, PlainValues, require_plain


def run_test(source: str, user_ns: dict) -> None:
    """Compile a test cell the way the grader does and run it."""
    tree = ast.fix_missing_locations(PlainValues().visit(ast.parse(source)))
    exec(compile(tree, "<test>", "exec"), {**user_ns, PLAIN: require_plain})


def test_objects_of_notebook_classes_cannot_pass_a_test():
    Anything = type("Anything", (float,), {"__eq__": lambda s, o: True, "__module__": "builtins",
                                           "__sub__": lambda s, o: s, "__abs__": lambda s: 0.0})
    honest = {"gaps": pd.Series([1.0, 2.0], index=["a", "b"]), "weakest": "a", "path": [1.0, 2.0],
              "table": pd.DataFrame({"a": ["x", "y"]}), "f": lambda n: n * 2}
    run_test("assert abs(gaps['a'] - 1) < 1e-9 and weakest == 'a' and path == [1, 2]\n"
             "assert list(table['a']) == ['x', 'y'] and f(2) == 4", honest)
    cheats = {"weakest": Anything(), "path": [1.0, Anything()],
              "gaps": pd.Series([Anything()], index=["a"], dtype=object),
              "table": pd.DataFrame({"a": ["x", Anything()]}), "f": lambda n: Anything()}
    for source in ["assert weakest == 'x'", "assert path == [1, 2]", "assert abs(gaps['a'] - 1) < 1e-9",
                   "assert table is not None", "assert f(2) == 4"]:
        with pytest.raises(ForeignAnswerError, match="defined itself"):
            run_test(source, {**honest, **cheats})
