"""Packaging (issue 14, item 6): the wheel builds without a setuptools warning, carries the licence, the data, the
Cypher library and the page assets, and, installed outside the repository, runs the demo, the report and the HTML export.

The wheel goes into a fresh virtual environment with ``--no-deps``; the environment sees the test environment's
packages through a ``.pth`` file (the dependencies are not installed again, so this stays fast and offline), but not
its editable install of supplygraph, so what runs is the wheel's copy.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "dist", "*.egg-info", "__pycache__", "*.db", ".pytest_cache")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    """The wheel, built from a copy of the sources (the checkout is left as it was) by the setuptools backend."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(ROOT, source, ignore=IGNORE)
    code = "import setuptools.build_meta as b, sys; print(b.build_wheel(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-W", "always", "-c", code, str(work / "dist")], cwd=source,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return work / "dist" / done.stdout.strip().splitlines()[-1], done.stdout + done.stderr


def test_the_build_gives_no_setuptools_warning(wheel):
    _, output = wheel
    assert "would be ignored" not in output and "Warning" not in output, output[-3000:]


def test_the_wheel_carries_licence_data_queries_and_page_assets(wheel):
    names = set(zipfile.ZipFile(wheel[0]).namelist())
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    for needed in ("supplygraph/data/rare-earths/companies.yaml", "supplygraph/data/rare-earths/usgs-mine-production.csv",
                   "supplygraph/data/samples/lynas-heavy-rare-earths.md", "supplygraph/queries/top-chokepoints.cypher",
                   "supplygraph/graph/views/html_view.js", "supplygraph/graph/views/html_view.css",
                   "supplygraph/graph/views/html_view.html", "supplygraph/loaders/extraction/patterns/triggers.yaml",
                   "supplygraph/loaders/knowledge/government.yaml", "supplygraph/loaders/knowledge/not-parties.yaml",
                   "supplygraph/loaders/knowledge/materials.yaml",
                   "supplygraph/data/samples/samples.decisions.yaml", "supplygraph/__main__.py",
                   "supplygraph/loaders/extraction/learned/weights.npz", "supplygraph/loaders/knowledge/world_places.tsv"):  # fmt: skip
        assert needed in names, needed
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    for package in declared:
        assert f"{package.replace('.', '/')}/__init__.py" in names or any(n.startswith(package.replace(".", "/") + "/") for n in names), package


def test_licence_is_the_apache_2_text():
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in text and "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"] == "Apache-2.0"


def test_the_installed_wheel_runs_outside_the_repository(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    # The test environment's packages (dependencies), added as a plain path: its .pth files, the editable
    # install among them, are not processed, so supplygraph comes from the wheel alone.
    (Path(purelib) / "test-env.pth").write_text("\n".join([sysconfig.get_paths()["purelib"], *site.getsitepackages()]) + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                              "--quiet", str(wheel[0])], capture_output=True, text=True, check=False)  # fmt: skip
    if install.returncode != 0 and "no such option: --python" in install.stderr:
        pytest.skip("pip too old for --python")
    assert install.returncode == 0, install.stderr
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SUPPLYGRAPH_STORE")}

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(env_dir / "bin" / "supplygraph"), *args], cwd=work, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done

    where = subprocess.run([str(python), "-c", "import supplygraph.cli; print(supplygraph.cli.__file__)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert where.startswith(str(env_dir)), f"supplygraph imported from {where}, not from the wheel"
    assert "Chokepoints (" in run("demo").stdout
    assert "Ranked chokepoints" in run("chokepoints", "--top", "3").stdout
    run("export", "html", "view.html", "--end-use", "enduse:guided-missile", "--chokepoints")
    page = (work / "view.html").read_text()
    assert "Guided missile" in page and "vis-network" in page
    assert (work / "supplygraph.db").exists() and not (ROOT / "view.html").exists()


def test_make_compiles_every_folder_the_package_is_installed_from():
    """``make demo`` and ``make test`` byte-compile the editable install's modules first (where
    PYTHONDONTWRITEBYTECODE is set, Python would compile each from source at every start): the Makefile's
    PACKAGE_DIRS are the folders pyproject.toml installs the package from, and both targets run compileall."""
    makefile = (ROOT / "Makefile").read_text()
    folders = next(line.split(":=")[1].split() for line in makefile.splitlines() if line.startswith("PACKAGE_DIRS"))
    installed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"].values()
    assert sorted(folders) == sorted(set(installed))
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for target in ("demo", "test"):
        planned = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        assert f"-m compileall -q {' '.join(folders)}" in planned, planned


def test_no_module_of_the_package_is_over_600_lines():
    """The house limit (one obvious place for each thing, modules small enough to read whole): every Python module the
    package is installed from stays at 600 lines or fewer. Two changes that each kept a module under the limit can
    take it over when they land together, as happened to grammar.py in session 12, so a test holds the line."""
    folders = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"].values())
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for folder in folders for path in (ROOT / folder).rglob("*.py")}
    assert sizes, folders
    assert {path: n for path, n in sizes.items() if n > 600} == {}
