"""Input checks shared by the model functions.

Every public function accepts scalars, lists, numpy arrays and pandas
Series/DataFrames. These helpers turn such input into float arrays, refuse
what cannot be computed on (words, NaN, infinities, out-of-range values) with a
``ValueError`` that names the argument and what is allowed, and give results
back in the shape of the input.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def _describe_bad(values: np.ndarray, mask: np.ndarray) -> str:
    flat_index = int(np.flatnonzero(mask.ravel())[0])
    value = values.ravel()[flat_index]
    value = value.item() if isinstance(value, np.generic) else value
    return f"{value!r} at position {flat_index}"


def numbers(x: Any, name: str, *, minimum: float | None = None,
            above: float | None = None, maximum: float | None = None) -> np.ndarray:
    """``x`` as a float array, checked.

    ``minimum``/``maximum`` are inclusive bounds, ``above`` an exclusive lower bound.
    """
    if isinstance(x, (pd.Series, pd.DataFrame)):
        arr = x.to_numpy()
    else:
        try:
            arr = np.asarray(x, dtype=object if isinstance(x, str) else None)
        except ValueError:
            raise ValueError(f"{name} must be numbers or an array of numbers; got {x!r}") from None
    if arr.size == 0:
        raise ValueError(f"{name} is empty; give at least one number")
    if arr.dtype.kind in "iuf":  # fast path: already numeric
        values = arr.astype(float, copy=False)
    else:
        raw = arr.astype(object)
        bad = np.array([isinstance(v, (str, bytes, bool, np.bool_)) or v is None
                        for v in raw.ravel()])
        if bad.any():
            raise ValueError(f"{name} must be numbers; got {_describe_bad(raw, bad)}")
        try:
            values = raw.astype(float)
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be numbers; got {x!r}") from None
    finite = arr.dtype.kind in "iu" or np.isfinite(values).all()  # integers are always finite
    if not finite:
        bad = ~np.isfinite(values)
        raise ValueError(f"{name} must be finite numbers (no NaN or infinity); "
                         f"got {_describe_bad(values, bad)}. Fill or drop missing answers first")
    checks = (
        (minimum, "at least", lambda b: values < b),
        (above, "greater than", lambda b: values <= b),
        (maximum, "at most", lambda b: values > b),
    )
    for bound, words, violates in checks:
        if bound is not None and (violated := violates(bound)).any():
            raise ValueError(f"{name} must be {words} {bound}; got {_describe_bad(values, violated)}")
    return values


def integers(x: Any, name: str, low: int, high: int) -> np.ndarray:
    """``x`` as an int array with every value a whole number in ``low..high``."""
    values = numbers(x, name)
    bad = (values != np.round(values)) | (values < low) | (values > high)
    if bad.any():
        raise ValueError(f"{name} must be whole numbers from {low} to {high}; "
                         f"got {_describe_bad(values, bad)}")
    return values.astype(int)


def template(*inputs: Any) -> Any:
    """The input whose type and index the result should take (the first pandas one)."""
    pandas_inputs = [x for x in inputs if isinstance(x, (pd.Series, pd.DataFrame))]
    for other in pandas_inputs[1:]:
        if not other.index.equals(pandas_inputs[0].index):
            raise ValueError("pandas inputs must share the same index; align them first")
    if pandas_inputs:
        return pandas_inputs[0]
    return next((x for x in inputs if np.ndim(x) > 0), inputs[0])


def broadcast(*arrays: np.ndarray, names: tuple[str, ...]) -> list[np.ndarray]:
    """Broadcast arrays together, naming the arguments when their shapes clash."""
    try:
        return list(np.broadcast_arrays(*arrays))
    except ValueError:
        shapes = ", ".join(f"{n} {a.shape}" for n, a in zip(names, arrays))
        raise ValueError(f"shapes do not match: {shapes}") from None


def like(tmpl: Any, values: np.ndarray) -> Any:
    """``values`` shaped like ``tmpl``: a Python scalar, ndarray, Series or DataFrame."""
    values = np.asarray(values)
    if isinstance(tmpl, pd.Series):
        return pd.Series(values.reshape(len(tmpl)), index=tmpl.index, name=tmpl.name)
    if isinstance(tmpl, pd.DataFrame):
        return pd.DataFrame(values.reshape(tmpl.shape), index=tmpl.index, columns=tmpl.columns)
    if np.ndim(tmpl) == 0 and values.size == 1:
        return values.reshape(()).item()
    return values
