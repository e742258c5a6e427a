// supplygraph network view. Reads the graph from the JSON block #sg-data and draws it with vis-network.
// Every piece of text from the data goes into the page through textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("sg-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A tooltip as a DOM element: vis-network shows elements as they are, so nothing is parsed as HTML.
  function tooltip(lines) {
    var box = element("div", "sg-tip");
    lines.forEach(function (line) {
      if (line[0] === "") {
        box.appendChild(element("div", "sg-tip-head", line[1]));
        return;
      }
      var row = element("div", "sg-tip-line");
      row.appendChild(element("span", "sg-tip-key", line[0]));
      row.appendChild(document.createTextNode(line[1]));
      box.appendChild(row);
    });
    return box;
  }

  // A small picture of a node shape or an edge line for the legend.
  function swatch(shape, color, dashed) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 16 14");
    var mark;
    var points = {
      diamond: "8,1 15,7 8,13 1,7",
      triangle: "8,1 15,13 1,13",
      triangleDown: "1,1 15,1 8,13",
      star: "8,0.5 10,5.3 15,5.5 11,8.6 12.5,13.5 8,10.6 3.5,13.5 5,8.6 1,5.5 6,5.3",
      hexagon: "4,1 12,1 15.5,7 12,13 4,13 0.5,7"
    };
    if (shape === "line") {
      mark = document.createElementNS(SVG, "line");
      mark.setAttribute("x1", "0"); mark.setAttribute("y1", "7");
      mark.setAttribute("x2", "16"); mark.setAttribute("y2", "7");
      mark.setAttribute("stroke", color);
      mark.setAttribute("stroke-width", "2.5");
      if (dashed) mark.setAttribute("stroke-dasharray", "4 3");
    } else if (shape === "ring") {
      mark = document.createElementNS(SVG, "circle");
      mark.setAttribute("cx", "8"); mark.setAttribute("cy", "7"); mark.setAttribute("r", "5");
      mark.setAttribute("fill", "#ffffff");
      mark.setAttribute("stroke", color);
      mark.setAttribute("stroke-width", "3");
    } else if (points[shape]) {
      mark = document.createElementNS(SVG, "polygon");
      mark.setAttribute("points", points[shape]);
      mark.setAttribute("fill", color);
    } else if (shape === "square") {
      mark = document.createElementNS(SVG, "rect");
      mark.setAttribute("x", "2"); mark.setAttribute("y", "1"); mark.setAttribute("width", "12"); mark.setAttribute("height", "12");
      mark.setAttribute("fill", color);
    } else {
      mark = document.createElementNS(SVG, "circle");
      mark.setAttribute("cx", "8"); mark.setAttribute("cy", "7"); mark.setAttribute("r", "6");
      mark.setAttribute("fill", color);
    }
    svg.appendChild(mark);
    return svg;
  }

  document.title = data.title + " (supplygraph)";
  document.getElementById("sg-title").textContent = data.title;
  var caption = document.getElementById("sg-caption");
  data.caption.forEach(function (sentence) { caption.appendChild(element("p", null, sentence)); });

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    node.title = tooltip(node.tip);
    delete node.tip;
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    edge.title = tooltip(edge.tip);
    delete edge.tip;
    return edge;
  }));

  // Filters: one checkbox per node label and per relationship type; unticking hides them.
  var hiddenKinds = {};
  function applyFilters() {
    nodes.update(nodes.get().map(function (node) { return { id: node.id, hidden: !!hiddenKinds["node:" + node.kind] }; }));
    edges.update(edges.get().map(function (edge) { return { id: edge.id, hidden: !!hiddenKinds["edge:" + edge.kind] }; }));
  }
  function filterEntry(kind, text, count, picture) {
    var label = element("label");
    var box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-kind", kind);
    box.addEventListener("change", function () {
      hiddenKinds[kind] = !box.checked;
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(picture);
    label.appendChild(document.createTextNode(text + " "));
    label.appendChild(element("span", "sg-count", "(" + count + ")"));
    return label;
  }
  var legend = document.getElementById("sg-legend");
  legend.appendChild(element("h2", null, "Entities"));
  data.legend.forEach(function (item) {
    legend.appendChild(filterEntry("node:" + item.label, item.label, item.count, swatch(item.shape, item.color)));
  });
  if (data.edgeLegend.length) {
    legend.appendChild(element("h2", null, "Facts"));
    data.edgeLegend.forEach(function (item) {
      var text = item.type.toLowerCase().replace(/_/g, " ");
      legend.appendChild(filterEntry("edge:" + item.type, text, item.count, swatch("line", item.color, item.dashed)));
    });
  }
  if (data.marks.length) {
    legend.appendChild(element("h2", null, "Marks"));
    data.marks.forEach(function (mark) {
      var row = element("div", "sg-mark");
      row.appendChild(swatch("ring", mark.color));
      row.appendChild(document.createTextNode(mark.text));
      legend.appendChild(row);
    });
  }

  var progress = document.getElementById("sg-progress");
  var state = { nodes: nodes, edges: edges, network: null, stable: false, stabilizedAt: null };
  window.supplygraph = state;

  var network = new vis.Network(document.getElementById("sg-network"), { nodes: nodes, edges: edges }, data.options);
  state.network = network;

  // A big whole-graph view starts from clusters, one per label of context entities; a click opens one.
  // The nodes stay in the data set: a cluster only draws its members as one node until it is opened.
  (data.clusters || []).forEach(function (c) {
    network.cluster({
      joinCondition: function (node) { return node.kind === c.kind && !node.key; },
      clusterNodeProperties: {
        id: c.id, label: c.label, kind: c.kind, shape: c.shape, value: c.count, key: true,
        color: { background: c.color, border: "#333333" }, borderWidth: 2, shapeProperties: { borderDashes: [3, 2] },
        title: tooltip([["", c.label], ["", c.count + " entities; click to draw them"]])
      }
    });
  });
  network.on("click", function (params) {
    if (params.nodes.length === 1 && network.isCluster(params.nodes[0])) {
      network.openCluster(params.nodes[0]);
      relayout();
    }
  });

  // Every view opens fitted to the window, with the labels of its key nodes (the subject, the chokepoints,
  // the largest) at a readable size on screen; other labels show once they would be readable (LABEL_MIN_PX).
  // The fit is computed from node positions and sizes, not from vis-network's boxes, which include labels: the
  // labels are sized after the fit, from its scale, and screen margins leave room for them around the edge.
  var baseFont = (data.options.nodes.font || {}).size || 13;
  var MARGIN = { x: 120, top: 24, bottom: 44 };
  function fitToWindow() {
    var ids = network.body.nodeIndices;
    if (!ids.length) return;
    var positions = network.getPositions(ids);
    var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var p = positions[id], r = (network.body.nodes[id].options.size || 10) + 4;
      box.left = Math.min(box.left, p.x - r); box.right = Math.max(box.right, p.x + r);
      box.top = Math.min(box.top, p.y - r); box.bottom = Math.max(box.bottom, p.y + r);
    });
    var canvas = document.getElementById("sg-network");
    var width = Math.max(canvas.clientWidth - 2 * MARGIN.x, 50), height = Math.max(canvas.clientHeight - MARGIN.top - MARGIN.bottom, 50);
    var scale = Math.min(width / Math.max(box.right - box.left, 1), height / Math.max(box.bottom - box.top, 1), 1.5);
    var shift = (MARGIN.bottom - MARGIN.top) / 2 / scale;
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 + shift }, scale: scale, animation: false });
  }
  function fitReadable() {
    fitToWindow();
    var scale = network.getScale();
    var size = Math.min(Math.max(baseFont, data.readablePx / scale), 80);
    // Set on the drawn nodes, not through the data set: a data change re-runs the tiered layout from scratch.
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id];
      if (node.options.key) node.setOptions({ font: { size: id === data.subject ? size * 1.25 : size } });
    });
    network.redraw();
  }
  state.fit = fitReadable;
  window.addEventListener("resize", function () { if (state.stable) fitReadable(); });
  function relayout() {
    state.stable = false;
    network.setOptions({ physics: { enabled: true } });
    network.once("stabilizationIterationsDone", settled);
    network.stabilize(200);
  }
  progress.textContent = "Laying out " + nodes.length + " entities…";
  network.on("stabilizationProgress", function (params) {
    progress.textContent = "Laying out " + nodes.length + " entities… " + Math.round(100 * params.iterations / params.total) + "%";
  });
  // Physics only for the first layout: afterwards the picture stays still and dragging moves one node.
  function settled() {
    network.setOptions({ physics: { enabled: false } });
    if (nodes.length) fitReadable();
    progress.textContent = nodes.length ? "" : "This view is empty.";
    state.stable = true;
    state.stabilizedAt = performance.now();
    document.body.setAttribute("data-stable", "true");
  }
  if (nodes.length) {
    network.once("stabilizationIterationsDone", settled);
  } else {
    settled();
  }
})();
