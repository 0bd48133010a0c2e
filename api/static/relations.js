// Draws the relations graph of an entity page with the vendored Cytoscape.js.
// Input: <script id="relations-data"> {"nodes": [{id, label, kind, href}], "edges": [{source, target, label}]}.
(function () {
  "use strict";
  var holder = document.getElementById("relations");
  var dataTag = document.getElementById("relations-data");
  if (!holder || !dataTag || typeof cytoscape !== "function") {
    return;
  }
  var data = JSON.parse(dataTag.textContent);
  var colours = { agency: "#8250df", project: "#0b5cad", regulation: "#bc4c00" };
  var elements = [];
  data.nodes.forEach(function (n) {
    var label = n.label.length > 18 ? n.label.slice(0, 17) + "…" : n.label;
    elements.push({
      group: "nodes",
      data: { id: n.id, label: label, full: n.label, kind: n.kind, href: n.href, ring: n.ring },
      classes: n.id === holder.dataset.center ? "center " + n.kind : n.kind,
    });
  });
  data.edges.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, label: e.label || "" } });
  });
  var cy = cytoscape({
    container: holder,
    elements: elements,
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 11,
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "wrap",
          "text-max-width": 120,
          width: 18,
          height: 18,
          "background-color": function (n) { return colours[n.data("kind")] || "#656d76"; },
        },
      },
      { selector: "node.agency", style: { shape: "round-rectangle", width: 26, height: 20 } },
      { selector: "node.regulation", style: { shape: "diamond", width: 22, height: 22 } },
      { selector: "node.center", style: { width: 32, height: 32, "border-width": 3, "border-color": "#1f2328", "font-weight": "bold" } },
      {
        selector: "edge",
        style: {
          width: 1.2,
          "line-color": "#afb8c1",
          "target-arrow-color": "#afb8c1",
          "target-arrow-shape": "triangle",
          "curve-style": "bezier",
          "arrow-scale": 0.8,
        },
      },
      { selector: "node:active, node:selected", style: { "overlay-opacity": 0.15 } },
    ],
  });
  var maxRing = 0;
  data.nodes.forEach(function (n) { maxRing = Math.max(maxRing, n.ring); });
  // Small graphs: a force-directed layout from a deterministic start (no randomness).
  // Larger ones: rings around the entity, its neighbours first (the server counted the hops).
  var layout = data.nodes.length <= 16
    ? { name: "cose", randomize: false, animate: false, nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 90; }, padding: 24 }
    : {
      name: "concentric",
      concentric: function (node) { return maxRing - node.data("ring"); },
      levelWidth: function () { return 1; },
      minNodeSpacing: 28,
      padding: 16,
      animate: false,
    };
  cy.layout(layout).run();
  cy.on("tap", "node", function (evt) {
    var href = evt.target.data("href");
    if (href) {
      window.location.href = href;
    }
  });
  cy.on("mouseover", "node", function (evt) {
    holder.title = evt.target.data("full");
    holder.style.cursor = "pointer";
  });
  cy.on("mouseout", "node", function () {
    holder.title = "";
    holder.style.cursor = "";
  });
  window.budgetkgRelations = cy; // for tests and the curious
})();
