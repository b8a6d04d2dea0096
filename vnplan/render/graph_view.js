/* vnplan citation graph viewer: a dependency-free canvas view (zoom, pan, search, details).
 * Reads the node-link data from <script id="graph-data" type="application/json">.
 * Positions come from vnplan's layered layout (party at the top, communes at the bottom).
 * MIT licence, part of vnplan. Fetches nothing. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var LEVEL_COLOURS = data.style.levels;
  var RELATIONS = data.style.relations;
  var LEVEL_NAMES = data.style.level_names;
  var canvas = document.getElementById("graph");
  var ctx = canvas.getContext("2d");
  var panel = document.getElementById("details");
  var search = document.getElementById("search");
  var showStubs = document.getElementById("show-stubs");
  var nodes = data.nodes, links = data.links, byId = {};
  nodes.forEach(function (n, i) { byId[n.id] = n; n.r = n.kind === "document" ? 9 : 5; n.slot = 0; });
  links.forEach(function (e) { e.s = byId[e.source]; e.t = byId[e.target]; });
  var rows = {};  // alternate document labels above / below within a row so neighbours do not overlap
  nodes.forEach(function (n) { if (n.kind === "document") { (rows[n.y] = rows[n.y] || []).push(n); } });
  Object.keys(rows).forEach(function (y) {
    rows[y].sort(function (a, b) { return a.x - b.x; }).forEach(function (n, i) { n.slot = i; });
  });
  var view = { x: 0, y: 0, k: 1 }, selected = null, matches = [], dpr = window.devicePixelRatio || 1;

  function colour(n) { return LEVEL_COLOURS[n.level] || LEVEL_COLOURS["null"]; }
  function visible(n) { return n.kind === "document" || showStubs.checked || n === selected || matches.indexOf(n) >= 0; }

  function resize() {
    var box = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * dpr));
    canvas.height = Math.max(1, Math.round(box.height * dpr));
    draw();
  }

  function fit() {
    var shown = nodes.filter(visible);
    if (!shown.length) { return; }
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    shown.forEach(function (n) {
      minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x); minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
    });
    var box = canvas.getBoundingClientRect(), pad = 60;
    var k = Math.min((box.width - 2 * pad) / Math.max(1, maxX - minX), (box.height - 2 * pad) / Math.max(1, maxY - minY));
    view.k = Math.max(0.05, Math.min(k, 3));
    view.x = box.width / 2 - view.k * (minX + maxX) / 2;
    view.y = box.height / 2 - view.k * (minY + maxY) / 2;
    draw();
  }

  function toScreen(n) { return [n.x * view.k + view.x, n.y * view.k + view.y]; }

  function drawEdge(e) {
    if (!visible(e.s) || !visible(e.t)) { return; }
    var style = RELATIONS[e.relation] || RELATIONS.mentions;
    var a = toScreen(e.s), b = toScreen(e.t);
    var hot = selected && (e.s === selected || e.t === selected);
    ctx.save();
    ctx.strokeStyle = style.colour;
    ctx.globalAlpha = selected && !hot ? 0.15 : 0.85;
    ctx.lineWidth = style.width * (hot ? 2 : 1);
    ctx.setLineDash(style.dash);
    ctx.beginPath(); ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]); ctx.stroke();
    var ang = Math.atan2(b[1] - a[1], b[0] - a[0]), rr = e.t.r * Math.max(0.6, Math.min(view.k, 2)) + 2;
    var tip = [b[0] - Math.cos(ang) * rr, b[1] - Math.sin(ang) * rr];
    ctx.setLineDash([]);
    ctx.fillStyle = style.colour;
    ctx.beginPath(); ctx.moveTo(tip[0], tip[1]);
    ctx.lineTo(tip[0] - 8 * Math.cos(ang - 0.4), tip[1] - 8 * Math.sin(ang - 0.4));
    ctx.lineTo(tip[0] - 8 * Math.cos(ang + 0.4), tip[1] - 8 * Math.sin(ang + 0.4));
    ctx.closePath(); ctx.fill();
    ctx.restore();
  }

  function drawNode(n) {
    if (!visible(n)) { return; }
    var p = toScreen(n), r = n.r * Math.max(0.6, Math.min(view.k, 2));
    ctx.save();
    ctx.beginPath(); ctx.arc(p[0], p[1], r, 0, 2 * Math.PI);
    if (n.kind === "document") {
      ctx.fillStyle = colour(n); ctx.fill();
      ctx.lineWidth = 1.5; ctx.strokeStyle = n.in_cycle ? "#000" : "#fff"; ctx.stroke();
    } else {
      ctx.fillStyle = "#fff"; ctx.fill();
      ctx.lineWidth = n.status === "ambiguous" ? 3 : 1.5; ctx.strokeStyle = colour(n);
      ctx.setLineDash(n.status === "ambiguous" ? [2, 2] : []); ctx.stroke();
    }
    if (n === selected || matches.indexOf(n) >= 0) {
      ctx.setLineDash([]); ctx.lineWidth = 3; ctx.strokeStyle = "#ffbf00";
      ctx.beginPath(); ctx.arc(p[0], p[1], r + 4, 0, 2 * Math.PI); ctx.stroke();
    }
    if (n.kind === "document" || view.k > 1.2 || n === selected || matches.indexOf(n) >= 0) {
      ctx.fillStyle = "#222"; ctx.font = (n.kind === "document" ? "bold " : "") + "11px sans-serif";
      ctx.textAlign = "center";
      var below = n.kind === "document" && (n.slot % 2 === 1);
      ctx.fillText(n.label || n.id, p[0], below ? p[1] + r + 12 : p[1] - r - 4);
    }
    ctx.restore();
  }

  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    var box = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, box.width, box.height);
    links.forEach(drawEdge);
    nodes.forEach(function (n) { if (n.kind !== "document") { drawNode(n); } });
    nodes.forEach(function (n) { if (n.kind === "document") { drawNode(n); } });
  }

  function nodeAt(px, py) {
    var best = null, bestD = Infinity;
    nodes.forEach(function (n) {
      if (!visible(n)) { return; }
      var p = toScreen(n), d = Math.hypot(p[0] - px, p[1] - py);
      if (d < Math.max(10, n.r * view.k + 4) && d < bestD) { best = n; bestD = d; }
    });
    return best;
  }

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function show(n) {
    selected = n;
    if (!n) { panel.innerHTML = "<p class='hint'>Click a node to see its record.</p>"; draw(); return; }
    var keys = ["label", "type", "status", "year", "date", "issuer", "level", "province", "province_as_issued", "commune",
                "title", "path", "paths", "candidates"];
    var rows = keys.filter(function (k) { var v = n[k]; return v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length); })
      .map(function (k) {
        var v = k === "level" ? (LEVEL_NAMES[n[k]] || n[k]) + " (" + n[k] + ")" : n[k];
        return "<tr><th>" + esc(k) + "</th><td>" + esc(Array.isArray(v) ? v.join(", ") : v) + "</td></tr>";
      }).join("");
    var out = links.filter(function (e) { return e.s === n; }).map(function (e) {
      return "<li>→ <b>" + esc(e.relation) + "</b> <a href='#' data-id='" + esc(e.t.id) + "'>" + esc(e.t.label || e.t.id) + "</a>" +
        (e.text ? "<div class='cite'>" + esc(e.text) + "</div>" : "") + "</li>"; }).join("");
    var inc = links.filter(function (e) { return e.t === n; }).map(function (e) {
      return "<li>← <b>" + esc(e.relation) + "</b> <a href='#' data-id='" + esc(e.s.id) + "'>" + esc(e.s.label || e.s.id) + "</a></li>"; }).join("");
    panel.innerHTML = "<h2>" + esc(n.label || n.id) + "</h2><table>" + rows + "</table>" +
      (out ? "<h3>Cites</h3><ul>" + out + "</ul>" : "") + (inc ? "<h3>Cited by</h3><ul>" + inc + "</ul>" : "");
    draw();
  }

  panel.addEventListener("click", function (ev) {
    var id = ev.target.getAttribute && ev.target.getAttribute("data-id");
    if (id && byId[id]) { ev.preventDefault(); show(byId[id]); centre(byId[id]); }
  });

  function centre(n) {
    var box = canvas.getBoundingClientRect();
    view.x = box.width / 2 - n.x * view.k; view.y = box.height / 2 - n.y * view.k; draw();
  }

  var drag = null;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false }; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) { return; }
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    view.x = drag.vx + dx; view.y = drag.vy + dy; draw();
  });
  window.addEventListener("mouseup", function (ev) {
    if (drag && !drag.moved) {
      var box = canvas.getBoundingClientRect();
      show(nodeAt(ev.clientX - box.left, ev.clientY - box.top));
    }
    drag = null;
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = canvas.getBoundingClientRect(), mx = ev.clientX - box.left, my = ev.clientY - box.top;
    var f = Math.exp(-ev.deltaY * 0.0015), k = Math.max(0.03, Math.min(view.k * f, 12));
    view.x = mx - (mx - view.x) * (k / view.k); view.y = my - (my - view.y) * (k / view.k); view.k = k; draw();
  }, { passive: false });

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  search.addEventListener("input", function () {
    var q = fold(search.value.trim());
    matches = !q ? [] : nodes.filter(function (n) {
      return [n.id, n.label, n.issuer, n.title, n.province, n.path].some(function (v) { return fold(v).indexOf(q) >= 0; });
    });
    document.getElementById("count").textContent = q ? matches.length + " found" : "";
    if (matches.length) { centre(matches[0]); } else { draw(); }
  });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && matches.length) { show(matches[0]); } });
  showStubs.addEventListener("change", function () { draw(); });
  document.getElementById("fit").addEventListener("click", fit);

  var legend = document.getElementById("legend");
  legend.innerHTML = Object.keys(LEVEL_NAMES).filter(function (k) { return k !== "null"; }).map(function (k) {
    return "<span><i style='background:" + LEVEL_COLOURS[k] + "'></i>" + esc(LEVEL_NAMES[k]) + "</span>";
  }).join("") + Object.keys(RELATIONS).map(function (k) {
    var s = RELATIONS[k];
    return "<span><svg width='26' height='8'><line x1='0' y1='4' x2='26' y2='4' stroke='" + s.colour + "' stroke-width='" +
      s.width + "' stroke-dasharray='" + s.dash.join(",") + "'/></svg>" + esc(k) + "</span>";
  }).join("");
  // A view laid out before its frame had a size (Jupyter outputs often are) refits once it has one.
  window.addEventListener("resize", function () { resize(); fit(); });
  show(null);
  resize();
  fit();
  setTimeout(function () { resize(); fit(); }, 250);
  window.vnplanGraph = { nodes: nodes, links: links, view: view, fit: fit, show: show };
})();
