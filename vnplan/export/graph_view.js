/* vnplan citation graph viewer: a dependency-free canvas view that stays usable at thousands of documents.
 * Reads the column data from <script id="graph-data" type="application/json"> (see vnplan/export/graph_html.py).
 * Filters (level, province as issued or today, years, relations) pick the documents; only those are laid out,
 * grouped by level and locality.  Above data.limit documents, one box per group is drawn instead.
 * Every string from the data is written with textContent, never as HTML.  The filter state is kept in the
 * address (#level=commune&province=...).  MIT licence, part of vnplan.  Fetches nothing. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("graph-data").textContent);
  var V = D.values, S = D.style, W = D.words, LIMIT = D.limit;
  var LEVELS = ["party", "central", "province", "district", "commune", "unit", "null"];
  var canvas = document.getElementById("graph"), ctx = canvas.getContext("2d");
  var panel = document.getElementById("details"), search = document.getElementById("search");
  var el = function (id) { return document.getElementById(id); };

  // --- the data: columns back into objects ---------------------------------------------------------------------
  var C = D.nodes, nodes = [], byId = {};
  for (var i = 0; i < C.id.length; i++) {
    var n = { i: i, id: C.id[i], label: C.label[i] || C.id[i], kind: V[C.kind[i]], status: V[C.status[i]],
      type: V[C.type[i]], level: V[C.level[i]] || "null", province: V[C.province[i]],
      province_as_issued: V[C.province_as_issued[i]], year: C.year[i], date: C.date[i], issuer: V[C.issuer[i]],
      title: C.title[i], path: C.path[i], in_cycle: C.in_cycle[i], candidates: C.candidates[i] || [],
      out: [], inc: [], x: 0, y: 0 };
    n.short = n.label.split(" · ")[0];
    nodes.push(n); byId[n.id] = n;
  }
  var E = D.edges, links = [];
  for (var j = 0; j < E.source.length; j++) {
    var e = { s: nodes[E.source[j]], t: nodes[E.target[j]], relation: V[E.relation[j]], text: E.text[j],
      confidence: E.confidence[j] };
    if (!S.relations[e.relation]) { e.relation = "mentions"; }
    e.s.out.push(e); e.t.inc.push(e); links.push(e);
  }
  var documents = nodes.filter(function (n) { return n.kind === "document"; });

  // --- state (mirrored in the address) ------------------------------------------------------------------------
  var state = { levels: {}, relations: {}, province: "", mode: "today", from: "", to: "", group: "locality",
    stubs: true, q: "", node: null, focus: false };
  function resetState() {
    LEVELS.forEach(function (k) { state.levels[k] = true; });
    Object.keys(S.relations).forEach(function (k) { state.relations[k] = true; });
    state.province = ""; state.mode = "today"; state.from = ""; state.to = ""; state.group = "locality";
    state.stubs = true; state.q = ""; state.node = null; state.focus = false;
  }
  function readHash() {
    resetState();
    var h = location.hash.replace(/^#/, "");
    if (!h) { return; }
    h.split("&").forEach(function (part) {
      var k = part.split("=")[0], v = "";
      try { v = decodeURIComponent(part.slice(k.length + 1)); } catch (err) { return; }
      if (k === "level" || k === "relation") {
        var target = k === "level" ? state.levels : state.relations;
        Object.keys(target).forEach(function (x) { target[x] = false; });
        v.split(",").forEach(function (x) { if (x in target) { target[x] = true; } });
      } else if (k === "province") { state.province = v; }
      else if (k === "mode" && (v === "today" || v === "issued")) { state.mode = v; }
      else if (k === "from" || k === "to") { state[k] = /^\d{4}$/.test(v) ? v : ""; }
      else if (k === "group" && (v === "level" || v === "locality")) { state.group = v; }
      else if (k === "stubs") { state.stubs = v !== "0"; }
      else if (k === "q") { state.q = v; }
      else if (k === "node") { state.node = byId[v] || null; }
      else if (k === "focus") { state.focus = v === "1"; }
    });
  }
  function writeHash() {
    var parts = [], all = function (o) { return Object.keys(o).every(function (k) { return o[k]; }); };
    var on = function (o) { return Object.keys(o).filter(function (k) { return o[k]; }).join(","); };
    if (!all(state.levels)) { parts.push("level=" + on(state.levels)); }
    if (!all(state.relations)) { parts.push("relation=" + on(state.relations)); }
    if (state.province) { parts.push("province=" + encodeURIComponent(state.province)); }
    if (state.mode !== "today") { parts.push("mode=" + state.mode); }
    if (state.from) { parts.push("from=" + state.from); }
    if (state.to) { parts.push("to=" + state.to); }
    if (state.group !== "locality") { parts.push("group=" + state.group); }
    if (!state.stubs) { parts.push("stubs=0"); }
    if (state.q) { parts.push("q=" + encodeURIComponent(state.q)); }
    if (state.node) { parts.push("node=" + encodeURIComponent(state.node.id)); }
    if (state.focus) { parts.push("focus=1"); }
    try { history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search); }
    catch (err) { /* a sandboxed frame keeps no address */ }
  }

  // --- which nodes are drawn ----------------------------------------------------------------------------------
  function provinceOf(n) { return state.mode === "issued" ? (n.province_as_issued || n.province) : n.province; }
  function passes(n) {
    if (!state.levels[n.level]) { return false; }
    if (state.province && provinceOf(n) !== state.province) { return false; }
    if (state.from && !(n.year >= +state.from)) { return false; }
    if (state.to && !(n.year <= +state.to)) { return false; }
    return true;
  }
  var view = { x: 0, y: 0, k: 1 }, drawn = [], drawnLinks = [], boxes = [], groupLinks = [], overview = false;
  var matches = [], primaryCount = 0;

  function compute() {
    var shown = {}, primary = [];
    function add(n, main) { if (!(n.i in shown)) { shown[n.i] = main; } }
    if (state.focus && state.node) {
      add(state.node, true);
      state.node.out.concat(state.node.inc).forEach(function (e) {
        if (state.relations[e.relation]) { add(e.s === state.node ? e.t : e.s, true); }
      });
      primary = Object.keys(shown).map(function (k) { return nodes[k]; });
    } else {
      primary = documents.filter(passes);
      primary.forEach(function (n) { add(n, true); });
      if (primary.length <= LIMIT) {  // what the shown documents cite, and cite them, is drawn faded around them
        primary.forEach(function (n) {
          n.out.concat(n.inc).forEach(function (e) {
            var o = e.s === n ? e.t : e.s;
            if (state.relations[e.relation] && state.levels[o.level] && (o.kind === "document" || state.stubs)) {
              add(o, false);
            }
          });
        });
      }
    }
    primaryCount = primary.filter(function (n) { return n.kind === "document"; }).length;
    drawn = Object.keys(shown).map(function (k) { var n = nodes[k]; n.faded = !shown[k]; return n; });
    var groups = {};
    drawn.forEach(function (n) { var g = groupKey(n); (groups[g] = groups[g] || []).push(n); });
    overview = !state.focus && primary.length > LIMIT && Object.keys(groups).length > 1;
    if (overview) { layoutGroups(primary); } else { layoutNodes(groups); }
    el("count").textContent = W["graph.shown"].replace("{shown}", primaryCount).replace("{total}", documents.length);
    document.body.setAttribute("data-view", overview ? "overview" : "nodes");
    document.body.setAttribute("data-drawn", overview ? boxes.length : drawn.length);
    writeHash();
  }
  function groupKey(n) { return n.level + "|" + (state.group === "locality" ? (provinceOf(n) || "") : ""); }
  function groupName(key) {
    var parts = key.split("|");
    return (S.level_names[parts[0]] || parts[0]) + (parts[1] ? " · " + parts[1] : "");
  }
  function sortedKeys(groups) {
    return Object.keys(groups).sort(function (a, b) {
      var ra = LEVELS.indexOf(a.split("|")[0]), rb = LEVELS.indexOf(b.split("|")[0]);
      if (ra !== rb) { return ra - rb; }
      var pa = a.split("|")[1], pb = b.split("|")[1];
      if (!pa !== !pb) { return pa ? -1 : 1; }
      return pa.localeCompare(pb, "vi");
    });
  }

  // --- layout: bands by level, one box per locality, nodes in a grid inside it --------------------------------
  var CELL_W = 150, ROW_H = 44, HEAD = 30, GAP = 24;
  function placeBoxes(keys, size) {  // size(key) -> [w, h]; rows wrap so the picture stays roughly 16:9
    var total = 0;
    keys.forEach(function (k) { var s = size(k); total += (s[0] + GAP) * (s[1] + GAP); });
    var box = canvas.getBoundingClientRect(), aspect = Math.max(0.5, Math.min(3, box.width / Math.max(1, box.height)));
    var maxW = Math.max(600, Math.sqrt(total * aspect)), out = {}, x = 0, y = 0, lineH = 0, rank = null;
    keys.forEach(function (k) {
      var s = size(k), r = k.split("|")[0];
      if ((rank !== null && r !== rank) || (x > 0 && x + s[0] > maxW)) { x = 0; y += lineH + GAP; lineH = 0; }
      rank = r;
      out[k] = { x: x, y: y, w: s[0], h: s[1], key: k };
      x += s[0] + GAP; lineH = Math.max(lineH, s[1]);
    });
    return out;
  }
  function layoutNodes(groups) {
    var keys = sortedKeys(groups), cols = {};
    keys.forEach(function (k) {
      groups[k].sort(function (a, b) {
        return (a.faded - b.faded) || (a.kind === "document" ? 0 : 1) - (b.kind === "document" ? 0 : 1) ||
          String(a.date || "").localeCompare(String(b.date || "")) || a.label.localeCompare(b.label);
      });
      cols[k] = Math.max(1, Math.min(groups[k].length, Math.ceil(Math.sqrt(groups[k].length * 0.6))));
    });
    var placed = placeBoxes(keys, function (k) {
      return [Math.max(cols[k] * CELL_W, 200), HEAD + Math.ceil(groups[k].length / cols[k]) * ROW_H];
    });
    boxes = keys.map(function (k) {
      var b = placed[k];
      groups[k].forEach(function (n, idx) {
        n.x = b.x + (idx % cols[k] + 0.5) * (b.w / cols[k]); n.y = b.y + HEAD + (Math.floor(idx / cols[k]) + 0.5) * ROW_H;
      });
      b.count = groups[k].filter(function (n) { return !n.faded && n.kind === "document"; }).length;
      return b;
    });
    var shown = {};
    drawn.forEach(function (n) { shown[n.i] = true; });
    drawnLinks = links.filter(function (e) { return shown[e.s.i] && shown[e.t.i] && state.relations[e.relation]; });
    groupLinks = [];
  }
  function layoutGroups(primary) {
    var groups = {};
    primary.forEach(function (n) { var g = groupKey(n); (groups[g] = groups[g] || []).push(n); });
    var keys = sortedKeys(groups);
    var placed = placeBoxes(keys, function (k) {
      return [Math.min(300, 190 + 6 * Math.sqrt(groups[k].length)), 46];
    });
    boxes = keys.map(function (k) { var b = placed[k]; b.count = groups[k].length; return b; });
    var of = {}, pairs = {};
    keys.forEach(function (k) { groups[k].forEach(function (n) { of[n.i] = k; }); });
    links.forEach(function (e) {
      var a = of[e.s.i], b = of[e.t.i];
      if (a && b && a !== b && state.relations[e.relation]) { pairs[a + "\u0000" + b] = (pairs[a + "\u0000" + b] || 0) + 1; }
    });
    groupLinks = Object.keys(pairs).map(function (p) {
      var ab = p.split("\u0000");
      return { a: placed[ab[0]], b: placed[ab[1]], n: pairs[p] };
    });
    drawn = []; drawnLinks = [];
  }

  // --- drawing ------------------------------------------------------------------------------------------------
  var dpr = window.devicePixelRatio || 1;
  function colour(n) { return S.levels[n.level] || S.levels["null"]; }
  function sx(x) { return x * view.k + view.x; }
  function sy(y) { return y * view.k + view.y; }
  function resize() {
    var box = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * dpr)); canvas.height = Math.max(1, Math.round(box.height * dpr));
    draw();
  }
  function fit() {
    if (!boxes.length) { draw(); return; }
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    boxes.forEach(function (b) {
      minX = Math.min(minX, b.x); minY = Math.min(minY, b.y); maxX = Math.max(maxX, b.x + b.w); maxY = Math.max(maxY, b.y + b.h);
    });
    var box = canvas.getBoundingClientRect(), pad = 20, foot = overview ? 22 : 0;  // room for the overview's note
    var k = Math.min((box.width - 2 * pad) / Math.max(1, maxX - minX), (box.height - 2 * pad - foot) / Math.max(1, maxY - minY));
    view.k = Math.max(0.02, Math.min(k, 2));
    view.x = box.width / 2 - view.k * (minX + maxX) / 2; view.y = pad - view.k * minY;
    draw();
  }
  function fitText(text, width) {
    if (ctx.measureText(text).width <= width) { return text; }
    var lo = 0, hi = text.length;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (ctx.measureText(text.slice(0, mid) + "…").width <= width) { lo = mid; } else { hi = mid - 1; } }
    return text.slice(0, lo) + "…";
  }
  function drawBoxes() {
    ctx.textAlign = "left"; ctx.textBaseline = "middle";
    boxes.forEach(function (b) {
      var level = b.key.split("|")[0];
      ctx.fillStyle = overview ? "#eef2f6" : "#f6f7f9"; ctx.strokeStyle = S.levels[level] || S.levels["null"];
      ctx.lineWidth = overview ? 2 : 1;
      ctx.fillRect(sx(b.x), sy(b.y), b.w * view.k, b.h * view.k); ctx.strokeRect(sx(b.x), sy(b.y), b.w * view.k, b.h * view.k);
      if (b.w * view.k < 40) { return; }
      ctx.fillStyle = "#333"; ctx.font = (overview ? "bold " : "") + Math.max(9, Math.min(13, 11 * view.k)) + "px sans-serif";
      var head = groupName(b.key) + " (" + b.count + ")";
      ctx.fillText(fitText(head, b.w * view.k - 8), sx(b.x) + 4, sy(b.y) + Math.min(HEAD, b.h) * view.k / 2);
    });
  }
  function arrow(ax, ay, bx, by, r, style) {
    var ang = Math.atan2(by - ay, bx - ax), tx = bx - Math.cos(ang) * r, ty = by - Math.sin(ang) * r;
    ctx.setLineDash([]); ctx.fillStyle = style.colour; ctx.beginPath(); ctx.moveTo(tx, ty);
    ctx.lineTo(tx - 7 * Math.cos(ang - 0.4), ty - 7 * Math.sin(ang - 0.4));
    ctx.lineTo(tx - 7 * Math.cos(ang + 0.4), ty - 7 * Math.sin(ang + 0.4)); ctx.closePath(); ctx.fill();
  }
  function drawLinks() {
    var sel = state.node;
    drawnLinks.forEach(function (e) {
      var style = S.relations[e.relation], hot = sel && (e.s === sel || e.t === sel);
      ctx.globalAlpha = sel && !hot ? 0.12 : (e.s.faded || e.t.faded ? 0.35 : 0.7);
      ctx.strokeStyle = style.colour; ctx.lineWidth = style.width * (hot ? 2 : 1); ctx.setLineDash(style.dash);
      var ax = sx(e.s.x), ay = sy(e.s.y), bx = sx(e.t.x), by = sy(e.t.y);
      ctx.beginPath(); ctx.moveTo(ax, ay); ctx.lineTo(bx, by); ctx.stroke();
      if (view.k > 0.45 || hot) { arrow(ax, ay, bx, by, radius(e.t) + 2, style); }
    });
    groupLinks.forEach(function (g) {
      ctx.globalAlpha = 0.3; ctx.strokeStyle = "#555"; ctx.setLineDash([]);
      ctx.lineWidth = Math.min(8, 1 + Math.log(g.n) / Math.LN2);
      var ax = sx(g.a.x + g.a.w / 2), ay = sy(g.a.y + g.a.h / 2), bx = sx(g.b.x + g.b.w / 2), by = sy(g.b.y + g.b.h / 2);
      ctx.beginPath(); ctx.moveTo(ax, ay); ctx.lineTo(bx, by); ctx.stroke();
    });
    ctx.globalAlpha = 1;
  }
  function radius(n) { return (n.kind === "document" ? 7 : 4.5) * Math.max(0.8, Math.min(view.k, 1.6)); }
  function drawNode(n) {
    var x = sx(n.x), y = sy(n.y), r = radius(n), hit = n === state.node || matches.indexOf(n) >= 0;
    ctx.globalAlpha = n.faded && !hit ? 0.45 : 1; ctx.setLineDash([]);
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
    if (n.kind === "document") {
      ctx.fillStyle = colour(n); ctx.fill(); ctx.lineWidth = 1.5; ctx.strokeStyle = n.in_cycle ? "#000" : "#fff"; ctx.stroke();
    } else {
      ctx.fillStyle = "#fff"; ctx.fill(); ctx.lineWidth = n.status === "ambiguous" ? 3 : 1.5; ctx.strokeStyle = colour(n);
      if (n.status === "ambiguous") { ctx.setLineDash([2, 2]); }
      ctx.stroke();
    }
    if (hit) {
      ctx.setLineDash([]); ctx.lineWidth = 3; ctx.strokeStyle = "#ffbf00";
      ctx.beginPath(); ctx.arc(x, y, r + 4, 0, 2 * Math.PI); ctx.stroke();
    }
    if (view.k * ROW_H >= 30 || hit) {  // a label only where the row has room for it; the issuer too if it has more
      var width = Math.max(60, CELL_W * view.k - 6);
      ctx.fillStyle = "#222"; ctx.textAlign = "center"; ctx.textBaseline = "top";
      ctx.font = (n.kind === "document" ? "bold " : "") + "11px sans-serif";
      ctx.fillText(fitText(n.short, width), x, y + r + 2);
      if (view.k * ROW_H >= 50 && n.label !== n.short) {
        ctx.font = "10px sans-serif"; ctx.fillStyle = "#555";
        ctx.fillText(fitText(n.label.slice(n.short.length + 3), width), x, y + r + 15);
      }
    }
    ctx.globalAlpha = 1;
  }
  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    var box = canvas.getBoundingClientRect();
    ctx.clearRect(0, 0, box.width, box.height);
    if (overview) { drawLinks(); drawBoxes(); } else { drawBoxes(); drawLinks(); }  // group boxes cover their links
    drawn.forEach(function (n) { if (n.kind !== "document") { drawNode(n); } });
    drawn.forEach(function (n) { if (n.kind === "document") { drawNode(n); } });
    if (overview) {
      ctx.fillStyle = "#555"; ctx.font = "12px sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "bottom";
      ctx.fillText(W["graph.overview"].replace("{n}", primaryCount), 8, box.height - 6);
    }
  }

  // --- details, built with textContent -------------------------------------------------------------------------
  function make(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function nodeButton(n) {
    var b = make("button", n.label, "link");
    b.type = "button";
    b.addEventListener("click", function () { select(n, true); });
    return b;
  }
  function vnDate(iso) {  // 2026-03-10 -> 10/3/2026, as documents print it
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[3] + "/" + (+m[2]) + "/" + m[1] : iso;
  }
  function show(n) {
    panel.textContent = "";
    if (!n) { panel.appendChild(make("p", W["graph.hint"], "hint")); return; }
    panel.appendChild(make("h2", n.label));
    var table = make("table");
    var rows = [["col.type", n.type], ["col.status", S.status_names[n.status] || n.status], ["col.year", n.year],
      ["col.date", vnDate(n.date)], ["col.issuer", n.issuer], ["col.level", S.level_names[n.level]],
      ["col.province", n.province],
      ["col.province_as_issued", n.province_as_issued !== n.province ? n.province_as_issued : null],
      ["col.title", n.title], ["col.path", n.path]];
    rows.forEach(function (row) {
      if (row[1] === null || row[1] === undefined || row[1] === "") { return; }
      var tr = make("tr"); tr.appendChild(make("th", W[row[0]])); tr.appendChild(make("td", row[1])); table.appendChild(tr);
    });
    if (n.candidates.length) {
      var tr = make("tr"), td = make("td");
      tr.appendChild(make("th", W["col.candidates"]));
      n.candidates.forEach(function (c) { td.appendChild(nodeButton(nodes[c])); td.appendChild(make("br")); });
      tr.appendChild(td); table.appendChild(tr);
    }
    panel.appendChild(table);
    var focus = make("button", W["graph.neighbours"]);
    focus.type = "button";
    focus.addEventListener("click", function () { state.focus = !state.focus; compute(); fit(); });
    panel.appendChild(focus);
    [["graph.cites", n.out, "t", "→ "], ["graph.cited_by", n.inc, "s", "← "]].forEach(function (part) {
      if (!part[1].length) { return; }
      panel.appendChild(make("h3", W[part[0]]));
      var ul = make("ul");
      part[1].forEach(function (e) {
        var li = make("li");
        li.appendChild(make("span", part[3] + (S.relations[e.relation].name) + " "));
        li.appendChild(nodeButton(e[part[2]]));
        if (e.confidence) { li.appendChild(make("small", " · " + W["col.confidence"] + " " + Math.round(e.confidence * 100) + "%")); }
        if (e.text && part[2] === "t") { li.appendChild(make("div", e.text, "cite")); }
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    });
  }
  function select(n, centre) {
    state.node = n;
    if (state.focus || (n && drawn.indexOf(n) < 0 && !overview)) { state.focus = !!n; compute(); fit(); }
    else { writeHash(); }
    show(n);
    if (n && centre && !state.focus) { var box = canvas.getBoundingClientRect(); view.x = box.width / 2 - n.x * view.k; view.y = box.height / 2 - n.y * view.k; }
    draw();
  }

  // --- controls ------------------------------------------------------------------------------------------------
  function checkbox(parent, key, on, swatch, text, change) {
    var label = make("label"), box = make("input");
    box.type = "checkbox"; box.checked = on; box.value = key;
    box.addEventListener("change", function () { change(key, box.checked); });
    label.appendChild(box); label.appendChild(swatch); label.appendChild(document.createTextNode(text));
    parent.appendChild(label);
    return box;
  }
  var levelBoxes = {}, relationBoxes = {};
  LEVELS.forEach(function (k) {
    if (!documents.some(function (n) { return n.level === k; }) && !nodes.some(function (n) { return n.level === k; })) { return; }
    var dot = make("i"); dot.style.background = S.levels[k] || S.levels["null"];
    levelBoxes[k] = checkbox(el("levels"), k, true, dot, S.level_names[k] || k, function (key, v) { state.levels[key] = v; refresh(); });
  });
  Object.keys(S.relations).forEach(function (k) {
    var s = S.relations[k], NS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(NS, "svg"), line = document.createElementNS(NS, "line");
    svg.setAttribute("width", "22"); svg.setAttribute("height", "8");
    [["x1", 0], ["y1", 4], ["x2", 22], ["y2", 4], ["stroke", s.colour], ["stroke-width", s.width],
     ["stroke-dasharray", s.dash.join(",")]].forEach(function (a) { line.setAttribute(a[0], String(a[1])); });
    svg.appendChild(line);
    relationBoxes[k] = checkbox(el("relations"), k, true, svg, s.name, function (key, v) { state.relations[key] = v; refresh(); });
  });
  function fillProvinces() {
    var counts = {}, select = el("province");
    documents.forEach(function (n) { var p = provinceOf(n); if (p) { counts[p] = (counts[p] || 0) + 1; } });
    while (select.options.length > 1) { select.remove(1); }
    Object.keys(counts).sort(function (a, b) { return a.localeCompare(b, "vi"); }).forEach(function (p) {
      var o = make("option", p + " (" + counts[p] + ")"); o.value = p; select.appendChild(o);
    });
    if (state.province && !(state.province in counts)) {
      var o = make("option", state.province + " (0)"); o.value = state.province; select.appendChild(o);
    }
    select.value = state.province;
  }
  (function fillYears() {
    var years = {};
    documents.forEach(function (n) { if (n.year) { years[n.year] = true; } });
    ["from", "to"].forEach(function (k) {
      var s = el(k), o = make("option", "—"); o.value = ""; s.appendChild(o);
      Object.keys(years).sort().forEach(function (y) { var opt = make("option", y); opt.value = y; s.appendChild(opt); });
    });
  })();
  function syncControls() {
    Object.keys(levelBoxes).forEach(function (k) { levelBoxes[k].checked = state.levels[k]; });
    Object.keys(relationBoxes).forEach(function (k) { relationBoxes[k].checked = state.relations[k]; });
    el("mode").value = state.mode; fillProvinces();
    el("from").value = state.from; el("to").value = state.to; el("group").value = state.group;
    el("stubs").checked = state.stubs; search.value = state.q;
  }
  function refresh() { state.focus = false; compute(); fit(); }
  el("province").addEventListener("change", function () { state.province = el("province").value; refresh(); });
  el("mode").addEventListener("change", function () { state.mode = el("mode").value; state.province = ""; fillProvinces(); refresh(); });
  el("from").addEventListener("change", function () { state.from = el("from").value; refresh(); });
  el("to").addEventListener("change", function () { state.to = el("to").value; refresh(); });
  el("group").addEventListener("change", function () { state.group = el("group").value; refresh(); });
  el("stubs").addEventListener("change", function () { state.stubs = el("stubs").checked; refresh(); });
  el("fit").addEventListener("click", fit);
  el("reset").addEventListener("click", function () { resetState(); syncControls(); show(null); refresh(); });

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function runSearch() {
    var q = fold(state.q.trim());
    matches = !q ? [] : nodes.filter(function (n) {
      return [n.id, n.label, n.issuer, n.title, n.province, n.province_as_issued, n.path].some(function (v) { return fold(v).indexOf(q) >= 0; });
    });
    if (q) { el("count").textContent = W["graph.found"].replace("{n}", matches.length); }
  }
  search.addEventListener("input", function () { state.q = search.value; runSearch(); writeHash(); draw(); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && matches.length) { select(matches[0], true); } });

  // --- pointer: pan, zoom, pick ------------------------------------------------------------------------------
  function pick(px, py) {
    var best = null, bestD = Infinity;
    drawn.forEach(function (n) {
      var d = Math.hypot(sx(n.x) - px, sy(n.y) - py);
      if (d < Math.max(9, radius(n) + 4) && d < bestD) { best = n; bestD = d; }
    });
    if (best || !overview) { return { node: best }; }
    for (var b = 0; b < boxes.length; b++) {
      var x = boxes[b];
      if (px >= sx(x.x) && px <= sx(x.x + x.w) && py >= sy(x.y) && py <= sy(x.y + x.h)) { return { box: x }; }
    }
    return {};
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
      var box = canvas.getBoundingClientRect(), hit = pick(ev.clientX - box.left, ev.clientY - box.top);
      if (hit.box) {  // open a group: its level, and its province when grouped by locality
        var parts = hit.box.key.split("|");
        LEVELS.forEach(function (k) { state.levels[k] = k === parts[0]; });
        if (state.group === "locality") { state.province = parts[1]; }
        syncControls(); refresh();
      } else { select(hit.node || null, false); }
    }
    drag = null;
  });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var box = canvas.getBoundingClientRect(), mx = ev.clientX - box.left, my = ev.clientY - box.top;
    var f = Math.exp(-ev.deltaY * 0.0015), k = Math.max(0.02, Math.min(view.k * f, 8));
    view.x = mx - (mx - view.x) * (k / view.k); view.y = my - (my - view.y) * (k / view.k); view.k = k; draw();
  }, { passive: false });
  window.addEventListener("resize", function () { resize(); fit(); });
  window.addEventListener("hashchange", function () { readHash(); syncControls(); compute(); runSearch(); show(state.node); fit(); });

  readHash();
  syncControls();
  compute();
  runSearch();
  show(state.node);
  resize();
  fit();
  window.vnplanGraph = { nodes: nodes, links: links, state: state, fit: fit, select: select };
})();
