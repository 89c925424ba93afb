"""Run every benchmark of the course in turn (``make bench``)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: Benchmark modules, each with a ``main(argv)`` that prints what it measured.
BENCHMARKS = ["models", "widgets", "grading"]


def main() -> None:
    for name in BENCHMARKS:
        print(f"== {name}")
        importlib.import_module(name).main([])
        print()


if __name__ == "__main__":
    main()
