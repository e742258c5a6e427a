"""Long batch work shows a progress bar on a terminal and nothing when piped, with a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES

HELD_OUT = FIXTURES / "documents" / "heldout"


def _run(args: list[str], tmp_path: Path, *, stdout_tty: bool, stderr_tty: bool) -> tuple[str, str]:
    """Run the command with stdout and stderr each a pseudo-terminal or a file; return what each received."""
    ends, files = {}, {}
    for name, tty in (("stdout", stdout_tty), ("stderr", stderr_tty)):
        if tty:
            ends[name] = pty.openpty()
            files[name] = ends[name][1]
        else:
            files[name] = open(tmp_path / name, "w+b")
    env = dict(os.environ, COLUMNS="120", SUPPLYGRAPH_STORE=str(tmp_path / "none.db"))
    proc = subprocess.Popen([sys.executable, "-m", "supplygraph", *args], stdin=subprocess.DEVNULL,
                            stdout=files["stdout"], stderr=files["stderr"], env=env, cwd=tmp_path)  # fmt: skip
    got = {name: b"" for name in files}
    for _, writer in ends.values():
        os.close(writer)
    readers = {reader: name for name, (reader, _) in ends.items()}
    while readers:
        ready, _, _ = select.select(list(readers), [], [], 60)
        assert ready, "the command wrote nothing for a minute"
        for reader in ready:
            name = readers[reader]
            try:
                chunk = os.read(reader, 65536)
            except OSError:  # the terminal's other side closed: the process has exited
                chunk = b""
            if chunk:
                got[name] += chunk
            else:
                os.close(reader)
                del readers[reader]
    assert proc.wait(timeout=120) == 0, got
    for name, handle in files.items():
        if not isinstance(handle, int):
            handle.seek(0)
            got[name] = handle.read()
            handle.close()
    return got["stdout"].decode(), got["stderr"].decode()


def test_extract_over_a_folder_shows_a_bar_on_the_terminal_while_its_results_go_to_a_file(tmp_path):
    out, err = _run(["extract", str(HELD_OUT), "--format", "json"], tmp_path, stdout_tty=False, stderr_tty=True)
    assert "extracting" in err and "6/6" in err
    assert len([json.loads(line) for line in out.splitlines()]) == 6, "the bar never mixes into the results"


def test_extract_shows_no_bar_when_its_results_are_on_the_terminal_or_when_piped(tmp_path):
    out, err = _run(["extract", str(HELD_OUT), "--format", "json"], tmp_path, stdout_tty=True, stderr_tty=True)
    assert "extracting" not in err and "extracting" not in out
    out, err = _run(["extract", str(HELD_OUT), "--format", "json"], tmp_path, stdout_tty=False, stderr_tty=False)
    assert err == "" and len(out.splitlines()) == 6


def test_eval_shows_a_bar_on_a_terminal_and_nothing_when_piped(tmp_path):
    _, err = _run(["eval", str(HELD_OUT)], tmp_path, stdout_tty=True, stderr_tty=True)
    assert "scoring" in err and "6/6" in err
    out, err = _run(["eval", str(HELD_OUT)], tmp_path, stdout_tty=False, stderr_tty=False)
    assert err == "" and "OVERALL" in out
