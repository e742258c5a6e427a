"""HTML views that open well (issue 14, item 7), checked in headless Chromium at 1366x768 and 1920x1080: every view
fits its subject in the window once laid out, its key labels are readable, the whole-graph view starts from clusters
that open on a click without dropping anything from the page's data; and the export is the same file on every run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplygraph.cli import main
from supplygraph.graph.views.html import LABEL_MIN_PX, READABLE_PX


SIZES = [(1366, 768), (1920, 1080)]
VIEWS = {
    "end-use": ["--end-use", "enduse:guided-missile", "--chokepoints"],
    "focus": ["--focus", "org:lynas", "--depth", "2"],
    "whole": [],
}
STABLE = "window.supplygraph && window.supplygraph.stable"

# Where everything drawn is, in the page's pixels relative to the network's box.
MEASURE = """(() => {
  const n = supplygraph.network, s = n.getScale(), box = document.getElementById('sg-network').getBoundingClientRect();
  const ids = n.body.nodeIndices.slice();
  const dom = p => n.canvasToDOM(p);
  const nodes = ids.map(id => { const node = n.body.nodes[id], r = node.options.size || 10, p = n.getPositions([id])[id];
    const a = dom({x: p.x - r, y: p.y - r}), b = dom({x: p.x + r, y: p.y + r});
    return {id, key: !!node.options.key, px: node.options.font.size * s, left: a.x, top: a.y, right: b.x, bottom: b.y}; });
  let subject = null;
  if (supplygraph.subject) { const b = n.getBoundingBox(supplygraph.subject), a = dom({x: b.left, y: b.top}), c = dom({x: b.right, y: b.bottom});
    subject = {left: a.x, top: a.y, right: c.x, bottom: c.y}; }
  return {width: box.width, height: box.height, nodes, subject, data: supplygraph.nodes.length,
          threshold: n.body.nodes[ids[0]].options.scaling.label.drawThreshold};
})()"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("views")
    store = work / "demo.db"
    runner = CliRunner()
    assert runner.invoke(main, ["--store", str(store), "demo"]).exit_code == 0
    out = {}
    for name, args in VIEWS.items():
        out[name] = work / f"{name}.html"
        result = runner.invoke(main, ["--store", str(store), "export", "html", str(out[name]), *args])
        assert result.exit_code == 0, result.output
    return out


def _open(browser, path: Path, width: int, height: int):
    page = browser.new_page(width=width, height=height)
    page.goto(path.as_uri())
    page.wait_for(STABLE, timeout=90)
    page.evaluate("supplygraph.subject = JSON.parse(document.getElementById('sg-data').textContent).subject")
    return page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_fits_its_subject_with_readable_labels(browser, pages, view, size):
    page = _open(browser, pages[view], *size)
    try:
        m = page.evaluate(MEASURE)
        assert page.errors() == [], page.errors()
    finally:
        page.close()
    slack = 2
    outside = [n["id"] for n in m["nodes"] if n["left"] < -slack or n["top"] < -slack
               or n["right"] > m["width"] + slack or n["bottom"] > m["height"] + slack]  # fmt: skip
    assert outside == [], f"{len(outside)} nodes outside the {m['width']:.0f}x{m['height']:.0f} view: {outside[:5]}"
    if m["subject"]:
        s = m["subject"]
        assert s["left"] >= -slack and s["top"] >= -slack and s["right"] <= m["width"] + slack and s["bottom"] <= m["height"] + slack, s
    key = [n for n in m["nodes"] if n["key"]]
    assert len(key) >= min(10, len(m["nodes"])), "the important nodes are labelled"
    assert min(n["px"] for n in key) >= READABLE_PX - 0.5, sorted(n["px"] for n in key)[:3]
    assert m["threshold"] == LABEL_MIN_PX + 1, "labels smaller than LABEL_MIN_PX on screen are not drawn"


def test_the_whole_graph_starts_from_clusters_that_open_on_a_click(browser, pages):
    page = _open(browser, pages["whole"], 1366, 768)
    try:
        before = page.evaluate("supplygraph.network.body.nodeIndices.length")
        total = page.evaluate("supplygraph.nodes.length")
        clusters = page.evaluate("supplygraph.network.body.nodeIndices.filter(id => supplygraph.network.isCluster(id))")
        assert total >= 300 and before < total / 2 and len(clusters) >= 5, (before, total, clusters)
        target = next(c for c in clusters if c.startswith("cluster:Place"))
        x, y = page.evaluate(f"""(() => {{ const n = supplygraph.network, p = n.getPositions(['{target}'])['{target}'];
            const d = n.canvasToDOM(p), box = document.getElementById('sg-network').getBoundingClientRect();
            return [box.left + d.x, box.top + d.y]; }})()""")
        for kind in ("mousePressed", "mouseReleased"):
            page.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
        page.wait_for(f"!('{target}' in supplygraph.network.body.nodes) && supplygraph.stable", timeout=30)
        after = page.evaluate("supplygraph.network.body.nodeIndices.length")
        assert after > before + 20, (before, after)
        assert page.evaluate("supplygraph.nodes.length") == total, "opening a cluster adds nothing: it was all there"
        assert page.errors() == []
    finally:
        page.close()


def test_the_html_export_is_the_same_file_whatever_the_hash_seed(pages, tmp_path):
    store = pages["whole"].parent / "demo.db"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        code = "from supplygraph.cli import main; main()"
        done = subprocess.run([sys.executable, "-c", code, "--store", str(store), "export", "html", str(out),
                               "--end-use", "enduse:guided-missile", "--chokepoints"], env=env, capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
