"""A load killed or interrupted half-way leaves the store exactly as it was, and readable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .benchmarks.gen_curated import write_dataset
from .conftest import FIXTURES, snapshot


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("big")
    write_dataset(data, entities=20_000, facts=120_000)
    return data


def _start_big_load(data: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "supplygraph.cli", "--store", str(store), "load", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_from_a_terminal,
    )


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches the load as it does from a terminal. A test run started in the background (``make test &``,
    ``nohup``: the shell starts it with SIGINT ignored) passes that on to every process it starts, and Python keeps an
    ignored SIGINT ignored: the load would never see the signal, and finish."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_until_writing(process: subprocess.Popen, store: Path, timeout: float = 60) -> None:
    """SQLite creates the rollback journal when the load's transaction first writes a page."""
    journal = store.with_name(store.name + "-journal")
    deadline = time.monotonic() + timeout
    while not journal.exists():
        assert process.poll() is None, f"the load ended before it started writing: {process.communicate()}"
        assert time.monotonic() < deadline, "the load never started writing"
        time.sleep(0.005)


@pytest.fixture
def loaded_store(tmp_path: Path) -> Path:
    store = tmp_path / "kill.db"
    result = subprocess.run(
        [sys.executable, "-m", "supplygraph.cli", "--store", str(store), "load", str(FIXTURES / "good")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return store


def _stats_work(store: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "supplygraph.cli", "--store", str(store), "stats", "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_sigkill_half_way_leaves_the_store_unchanged(big_dataset, loaded_store):
    before = snapshot(loaded_store)
    process = _start_big_load(big_dataset, loaded_store)
    _wait_until_writing(process, loaded_store)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert '"nodes": 8' in _stats_work(loaded_store)  # opening it rolls the hot journal back
    assert snapshot(loaded_store) == before


def test_ctrl_c_half_way_says_so_and_leaves_the_store_unchanged(big_dataset, loaded_store):
    before = snapshot(loaded_store)
    kept = loaded_store.read_bytes()
    for _ in range(3):  # on a busy machine the load may commit before the signal is delivered: that run proves nothing
        process = _start_big_load(big_dataset, loaded_store)
        _wait_until_writing(process, loaded_store)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        if process.returncode != 0:
            break
        loaded_store.write_bytes(kept)
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["supplygraph: interrupted; nothing was changed by the unfinished step"]
    assert snapshot(loaded_store) == before
    _stats_work(loaded_store)
