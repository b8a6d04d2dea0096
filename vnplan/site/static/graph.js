/* The graph page: Cytoscape.js over data/graph.js, filters by level and relation, a node's neighbourhood on click. */
(function () {
  "use strict";
  var DATA = window.VNPLAN_GRAPH || { nodes: [], edges: [] };
  var COLOURS = { central: "#b42318", party: "#8e24aa", province: "#0b5cad", district: "#1a7f37", commune: "#9a6700", unit: "#555", "": "#999" };

  document.addEventListener("DOMContentLoaded", function () {
    var elements = DATA.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label, level: n.level || "", page: n.page, archive: n.archive, title: n.title || "" } };
    }).concat(DATA.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.s, target: e.t, relation: e.relation } };
    }));
    var cy = window.cytoscape({
      container: document.getElementById("cy"), elements: elements, wheelSensitivity: 0.3, maxZoom: 1.6,
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 11, "width": 16, "height": 16,
          "background-color": function (n) { return COLOURS[n.data("level")] || "#999"; }, "text-valign": "bottom", "text-margin-y": 2 } },
        { selector: "node[!archive]", style: { "background-opacity": 0.25, "border-width": 1, "border-color": "#999", "border-style": "dashed" } },
        { selector: "edge", style: { "width": 1, "line-color": "#9aa7b5", "target-arrow-color": "#9aa7b5", "target-arrow-shape": "triangle", "curve-style": "bezier", "arrow-scale": 0.7 } },
        { selector: "edge[relation = 'implements']", style: { "line-color": "#0b5cad", "target-arrow-color": "#0b5cad", "width": 1.6 } },
        { selector: ".focus", style: { "border-width": 3, "border-color": "#111" } }
      ],
      layout: { name: DATA.nodes.length > 1500 ? "grid" : "cose", animate: false, randomize: false }
    });
    var focus = null;

    function apply() {
      var levels = {};
      document.querySelectorAll(".g-level").forEach(function (c) { levels[c.value] = c.checked; });
      var relation = document.getElementById("g-relation").value;
      var archiveOnly = document.getElementById("g-archive").checked;
      var keep = focus ? focus.closedNeighborhood() : cy.elements();
      cy.batch(function () {
        cy.nodes().forEach(function (n) {
          var ok = keep.contains(n) && levels[n.data("level")] !== false && (!archiveOnly || n.data("archive"));
          n.style("display", ok ? "element" : "none");
        });
        cy.edges().forEach(function (e) {
          var ok = keep.contains(e) && (!relation || e.data("relation") === relation);
          e.style("display", ok ? "element" : "none");
        });
      });
      var shown = cy.elements(":visible");
      if (focus) shown.layout({ name: "concentric", animate: false, concentric: function (n) { return n === focus ? 2 : 1; }, levelWidth: function () { return 1; }, minNodeSpacing: 70 }).run();
      cy.fit(shown, 40);
    }

    cy.on("tap", "node", function (ev) {
      if (focus) focus.removeClass("focus");
      focus = ev.target;
      focus.addClass("focus");
      document.getElementById("g-focus").textContent = window.vnplanT("site.graph.focus") + " " + focus.data("label");
      apply();
    });
    cy.on("dbltap", "node", function (ev) { if (ev.target.data("page")) window.location.href = "doc/" + ev.target.data("page") + ".html"; });
    document.querySelectorAll(".g-level, #g-relation, #g-archive").forEach(function (el) { el.addEventListener("change", apply); });
    document.getElementById("g-reset").addEventListener("click", function () {
      if (focus) focus.removeClass("focus");
      focus = null;
      document.getElementById("g-focus").textContent = "";
      cy.layout({ name: "cose", animate: false }).run();
      apply();
    });
    window.vnplanGraph = cy;
  });
})();
