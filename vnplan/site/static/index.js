/* The index page: rows from data/docs.js, sorting, filters, and MiniSearch over folded titles and texts. */
(function () {
  "use strict";
  var DOCS = window.VNPLAN_DOCS || [];
  var state = { sort: "date", dir: -1, hits: null, filters: {}, limit: 300 };
  var PAGE = 300;  /* rows drawn at a time: a redraw stays fast at thousands of documents */
  var search = null, loading = null;
  var collator = new Intl.Collator("vi", { numeric: true });

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function levelName(code) { return code ? window.vnplanT("level." + code) : ""; }
  function provinceText(d) {
    if (!d.province && !d.province_issued) return "";
    if (!d.province_issued || d.province_issued === d.province) return d.province || d.province_issued;
    return d.province + " (" + d.province_issued + ")";
  }
  function vnDate(iso) { return iso && iso.length >= 10 ? iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : ""; }
  var FILTERS = {
    level: function (d) { return d.level ? [d.level] : []; },
    province: function (d) { return [d.province, d.province_issued].filter(Boolean); },
    year: function (d) { return d.year ? [String(d.year)] : []; },
    type: function (d) { return d.type ? [d.type] : []; },
    issuer: function (d) { return d.issuer ? [d.issuer] : []; }
  };

  function fillFilters() {
    Object.keys(FILTERS).forEach(function (col) {
      var select = document.getElementById("f-" + col);
      var counts = {};
      DOCS.forEach(function (d) { FILTERS[col](d).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
      var values = Object.keys(counts).sort(function (a, b) { return col === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi"); });
      var keep = select.value;
      select.textContent = "";
      var all = document.createElement("option");
      all.value = ""; all.textContent = window.vnplanT("site.filter.all");
      select.appendChild(all);
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = (col === "level" ? levelName(v) : v) + " (" + counts[v] + ")";
        select.appendChild(o);
      });
      select.value = keep;
    });
  }

  function keyOf(d, col) {
    if (col === "province") return provinceText(d);
    if (col === "level") return levelName(d.level);
    if (col === "date") return d.date || (d.year ? String(d.year) : "");
    var v = d[col];
    return v === null || v === undefined ? "" : v;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text === null || text === undefined ? "" : String(text);
    tr.appendChild(td);
    return td;
  }

  function render() {
    var rows = DOCS.filter(function (d) {
      return Object.keys(state.filters).every(function (col) {
        var want = state.filters[col];
        return !want || FILTERS[col](d).indexOf(want) >= 0;
      });
    });
    if (state.hits) {
      var rank = state.hits;
      rows = rows.filter(function (d) { return d.id && rank.has(d.id); });
      rows.sort(function (a, b) { return rank.get(a.id) - rank.get(b.id); });
    } else {
      var col = state.sort, dir = state.dir;
      rows.sort(function (a, b) {
        var x = keyOf(a, col), y = keyOf(b, col);
        if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
        return collator.compare(String(x), String(y)) * dir;
      });
    }
    var tbody = document.querySelector("#docs tbody");
    var frag = document.createDocumentFragment();
    rows.slice(0, state.limit).forEach(function (d) {
      var tr = document.createElement("tr");
      if (d.error) tr.className = "error";
      cell(tr, d.type);
      var label = cell(tr, "");
      if (d.id) {
        var a = document.createElement("a");
        a.href = "doc/" + d.id + ".html";
        a.textContent = d.label || d.file;
        label.appendChild(a);
      } else {
        label.textContent = d.file;
      }
      cell(tr, vnDate(d.date) || (d.year || ""));
      cell(tr, d.issuer);
      cell(tr, levelName(d.level));
      cell(tr, provinceText(d));
      cell(tr, d.title, "title");
      var w = cell(tr, "", "num");
      if (d.warnings) { var b = document.createElement("span"); b.className = "badge"; b.textContent = d.warnings; w.appendChild(b); }
      frag.appendChild(tr);
    });
    tbody.textContent = "";
    tbody.appendChild(frag);
    var more = document.getElementById("more");
    more.hidden = rows.length <= state.limit;
    more.textContent = window.vnplanT("site.more", { n: Math.min(PAGE, rows.length - state.limit) });
    document.getElementById("count").textContent = window.vnplanT("site.count", { shown: rows.length, total: DOCS.length });
    document.querySelectorAll("#docs th").forEach(function (th) {
      th.setAttribute("aria-sort", !state.hits && th.dataset.sort === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  /* the search data (data/search.js) loads on first use, so the index page opens fast */
  window.vnplanReady = function () {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = "data/search.js";
        tag.onload = function () {
          search = new window.MiniSearch({ fields: ["t", "x"], idField: "id", searchOptions: {
            boost: { t: 4 }, combineWith: "AND",
            prefix: function (term, i, terms) { return i === terms.length - 1 && term.length >= 2; } } });
          search.addAll(window.VNPLAN_SEARCH || []);
          resolve(search);
        };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  };

  /* the ids matching a query, best first (once vnplanReady() has resolved): for the page, tests and benchmark */
  window.vnplanSearch = function (query) {
    var q = fold(query).replace(/\s+/g, " ").trim();
    if (!q || !search) return null;
    var byId = docsById(), phrase = " " + q + " ", first = [], rest = [];
    search.search(q).forEach(function (hit) {  /* best first; the words side by side in the title or issuer lead */
      ((" " + byId[hit.id].t + " ").indexOf(phrase) >= 0 ? first : rest).push(hit.id);
    });
    return first.concat(rest);
  };

  var byIdCache = null;
  function docsById() {
    if (!byIdCache) { byIdCache = {}; (window.VNPLAN_SEARCH || []).forEach(function (d) { byIdCache[d.id] = d; }); }
    return byIdCache;
  }

  function onQuery(ev) {
    var value = ev.target.value;
    function show() {
      if (ev.target.value !== value) return;  /* a later keystroke wins */
      var ids = window.vnplanSearch(value);
      state.hits = ids ? new Map(ids.map(function (id, i) { return [id, i]; })) : null;
      state.limit = PAGE;
      render();
    }
    if (search) show(); else window.vnplanReady().then(show);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fillFilters();
    Object.keys(FILTERS).forEach(function (col) {
      document.getElementById("f-" + col).addEventListener("change", function (ev) {
        state.filters[col] = ev.target.value; state.limit = PAGE; render();
      });
    });
    document.getElementById("clear").addEventListener("click", function () {
      state.filters = {};
      Object.keys(FILTERS).forEach(function (col) { document.getElementById("f-" + col).value = ""; });
      render();
    });
    document.querySelectorAll("#docs th").forEach(function (th) {
      function sort() {
        if (state.sort === th.dataset.sort) state.dir = -state.dir; else { state.sort = th.dataset.sort; state.dir = 1; }
        render();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sort(); });
    });
    var q = document.getElementById("q");
    q.addEventListener("focus", function () { window.vnplanReady(); }, { once: true });
    document.getElementById("more").addEventListener("click", function () { state.limit += PAGE; render(); });
    q.addEventListener("input", onQuery);
    render();
  });
  document.addEventListener("vnplan:lang", function () { if (document.getElementById("f-level")) { fillFilters(); render(); } });
})();
