"""environment.yml must create the same environment as pyproject.toml (conda cannot run here)."""
import yaml
from packaging.requirements import Requirement

from conftest import read_toml


def pyproject_requirements(root):
    project = read_toml(root / "pyproject.toml")["project"]
    reqs = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    # Markers that do not apply to the conda environment's Python (>= 3.10, any) are kept out.
    return {r.name.lower(): str(r.specifier) for r in reqs if r.marker is None}


def conda_requirements(root):
    env = yaml.safe_load((root / "environment.yml").read_text("utf-8"))
    found, pip_section = {}, []
    for entry in env["dependencies"]:
        if isinstance(entry, dict):
            pip_section = entry["pip"]
            continue
        req = Requirement(entry)
        found[req.name.lower()] = str(req.specifier)
    for entry in pip_section:
        if not entry.startswith("-"):
            req = Requirement(entry)
            found[req.name.lower()] = str(req.specifier)
    return env, found, pip_section


def test_same_packages_and_ranges(root):
    _, conda, _ = conda_requirements(root)
    conda.pop("python"), conda.pop("pip")
    assert conda == pyproject_requirements(root)


def test_installs_the_course_itself_and_the_python_floor(root):
    env, conda, pip_section = conda_requirements(root)
    assert "-e ." in pip_section
    assert conda["python"] == ">=3.10"
    project = read_toml(root / "pyproject.toml")["project"]
    assert project["requires-python"] == ">=3.10"
    assert env["channels"] == ["conda-forge"]


def test_each_package_is_named_once(root):
    """A package listed twice takes the later range in the comparison above, and pip combines both:
    one line per package keeps the range that is read the range that is installed."""
    project = read_toml(root / "pyproject.toml")["project"]
    names = [Requirement(r).name.lower() for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    _, _, pip_section = conda_requirements(root)
    env = yaml.safe_load((root / "environment.yml").read_text("utf-8"))
    conda = [Requirement(e).name.lower() for e in env["dependencies"] if isinstance(e, str)]
    conda += [Requirement(e).name.lower() for e in pip_section if not e.startswith("-")]
    for listed in (names, conda):
        assert sorted(n for n in set(listed) if listed.count(n) > 1) == []
