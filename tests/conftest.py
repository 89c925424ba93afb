"""Shared fixtures and test builders: the one place tests share code from."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The Python of the project's environment (the one running the tests).
PYTHON = sys.executable

os.environ.setdefault("PYTHONUTF8", "1")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def root() -> Path:
    return ROOT


def bad_input_cases(valid_kwargs: dict, field: str) -> list[dict]:
    """Variants of valid keyword arguments with one field made unusable."""
    return [{**valid_kwargs, field: bad} for bad in ("abc", float("nan"), float("inf"), None, [])]
