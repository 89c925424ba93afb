"""Build the graded exercises: ``content/exercises/<a>/<a>.md`` → ``source/`` → ``exercises/``.

Each seed task ends with a group training activity (任务实施训练, seed 000); the
four assignments practise the task and carry that activity as a group part.
A source is a bilingual file (see :mod:`.bilingual`) whose cell headers name
the cell's nbgrader role:

``%% code solution id=q1``           autograded answer (solution, not graded)
``%% code tests id=q1_tests points=2``  autograder tests (graded, locked)
``%% markdown manual id=case points=6``  manually graded answer (solution and graded)
``%% code readonly id=setup``        locked cell (``id`` optional for readonly)
``%% code group id=group_id``        the group id cell: editable, tag ``group-id``

Adding the flag ``group`` to a ``manual`` cell tags it ``group``: the group part,
submitted once per group. Inside cells nbgrader's own markers apply
(``### BEGIN SOLUTION`` … ``### END SOLUTION``, ``### BEGIN HIDDEN TESTS`` …
``### END HIDDEN TESTS``).

The zh edition goes to ``source/<a>/<a>.ipynb``, the English one to
``source/<a>-en/<a>-en.ipynb``; the CSV data files beside the source go with
both (``nbgrader_config.py`` ships ``*.csv`` with the notebooks). A folder
without its ``<a>.md`` is not an assignment and is skipped. nbgrader's own ``generate_assignment`` then writes the student
copies into ``exercises/``.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from . import bilingual

#: nbgrader's metadata schema version (nbgrader 0.9).
SCHEMA_VERSION = 3
#: Cell roles known to :func:`metadata_for`.
ROLES = ("solution", "tests", "manual", "readonly", "group")


def role(cell: bilingual.SourceCell) -> str | None:
    """The nbgrader role named in a cell's header, or None for a plain cell."""
    found = [r for r in ROLES if r in cell.attrs and not (r == "group" and "manual" in cell.attrs)]
    if len(found) > 1:
        raise ValueError(f"line {cell.line_no}: a cell has one role; got {found}")
    return found[0] if found else None


def metadata_for(cell: bilingual.SourceCell) -> dict:
    """nbgrader cell metadata (and tags) for a source cell, from its header attributes."""
    kind = role(cell)
    if kind is None:
        return {}
    grade_id = cell.attrs.get("id")
    if not grade_id:
        raise ValueError(f"line {cell.line_no}: a {kind} cell needs id=...")
    flags = {"solution": (False, True, False), "tests": (True, False, True),
             "manual": (True, True, False), "readonly": (False, False, True),
             "group": (False, True, False)}[kind]
    nbgrader = {"grade": flags[0], "solution": flags[1], "locked": flags[2],
                "grade_id": grade_id, "schema_version": SCHEMA_VERSION}
    if flags[0]:
        if "points" not in cell.attrs:
            raise ValueError(f"line {cell.line_no}: graded cell {grade_id!r} needs points=...")
        nbgrader["points"] = float(cell.attrs["points"])
    meta = {"nbgrader": nbgrader}
    tags = [t for t in cell.attrs.get("tags", "").split(",") if t]
    tags += ["edition"] if "edition" in cell.attrs else []
    tags += ["group-id"] if kind == "group" else []
    tags += ["group"] if kind == "manual" and "group" in cell.attrs else []
    if tags:
        meta["tags"] = tags
    return meta


def prepare(cells: list[bilingual.SourceCell], name: str) -> list[bilingual.SourceCell]:
    """Check the roles of a source's cells and give id-less readonly cells a stable id."""
    seen: set[str] = set()
    for index, cell in enumerate(cells):
        kind = role(cell)
        if kind == "readonly" and "id" not in cell.attrs:
            cell.attrs["id"] = f"readonly_{index:02d}"
        if kind is None:
            continue
        grade_id = cell.attrs.get("id", "")
        if grade_id in seen:
            raise ValueError(f"{name} line {cell.line_no}: id {grade_id!r} used twice")
        seen.add(grade_id)
        if kind in ("solution", "tests", "group") and cell.kind != "code":
            raise ValueError(f"{name} line {cell.line_no}: a {kind} cell must be a code cell")
    return cells


def edition_name(assignment: str, lang: str) -> str:
    """The nbgrader assignment id of an edition: ``task1-identify`` / ``task1-identify-en``."""
    return assignment if lang == "zh" else f"{assignment}-{lang}"


def render_sources(content_dir: Path, source_dir: Path) -> list[str]:
    """Write every edition of every assignment into ``source_dir``; returns the assignment ids."""
    ids = []
    for folder in sorted(p for p in content_dir.iterdir() if (p / f"{p.name}.md").is_file()):
        source = folder / f"{folder.name}.md"
        cells = prepare(bilingual.parse(source.read_text("utf-8")), source.name)
        for lang in bilingual.EDITIONS:
            ident = edition_name(folder.name, lang)
            out = source_dir / ident
            nb = bilingual.render(cells, lang, ident, metadata_for=metadata_for)
            bilingual.write_if_changed(nb, out / f"{ident}.ipynb")
            for data in sorted(folder.iterdir()):
                if data.suffix == ".csv":
                    shutil.copyfile(data, out / data.name)
            ids.append(ident)
    return ids


def generate(course_root: Path, config_file: Path, assignments: list[str]) -> None:
    """Run nbgrader's generate_assignment for ``assignments`` in ``course_root``.

    The gradebook is a throwaway SQLite file inside ``course_root``; the
    solution stubs follow each notebook's edition (:func:`.stubs.use_edition_stubs`,
    also set by ``config_file``).
    """
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    from . import stubs

    # nbgrader's Gradebook runs the `alembic` command: find it beside this Python
    # even when the virtual environment is not activated.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    for assignment in assignments:
        config = PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()
        config.CourseDirectory.root = str(course_root)
        config.CourseDirectory.db_url = f"sqlite:///{course_root / 'gradebook.db'}"
        stubs.use_edition_stubs(config)
        result = NbGraderAPI(config=config).generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"generate_assignment {assignment} failed:\n{result.get('log', '')}"
                               f"\n{result.get('error', '')}")


def normalise(path: Path) -> None:
    """Make a generated notebook byte-stable: nbformat's canonical text, no outputs."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    path.write_text(nbformat.writes(nb) + "\n", "utf-8")


def expected_files(content_dir: Path, config_file: Path) -> dict[str, bytes]:
    """Every file ``source/`` and ``exercises/`` should hold, by path relative to the repo."""
    with tempfile.TemporaryDirectory() as tmp:
        course = Path(tmp)
        assignments = render_sources(content_dir, course / "source")
        generate(course, config_file, assignments)
        files = {}
        for top in ("source", "exercises"):
            for path in sorted((course / top).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                    if path.suffix == ".ipynb":
                        normalise(path)
                    files[path.relative_to(course).as_posix()] = path.read_bytes()
        return files


def sync(files: dict[str, bytes], root: Path, write: bool) -> list[str]:
    """Compare (and with ``write``, update) ``root/source`` and ``root/exercises`` to ``files``.

    Returns the relative paths that differ: changed, missing or no longer generated.
    """
    stale = [rel for rel, data in files.items()
             if not (root / rel).is_file() or (root / rel).read_bytes() != data]
    extra = [path.relative_to(root).as_posix()
             for top in ("source", "exercises") if (root / top).is_dir()
             for path in sorted((root / top).rglob("*"))
             if path.is_file() and path.relative_to(root).as_posix() not in files
             and ".ipynb_checkpoints" not in path.parts and path.name != ".gitkeep"]
    if write:
        for rel in stale:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(files[rel])
        for rel in extra:
            (root / rel).unlink()
    return stale + extra
