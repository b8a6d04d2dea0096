/* Language switch (Vietnamese by default, the choice kept in localStorage) and message lookup. */
(function () {
  "use strict";
  var KEY = "vnplan.lang";
  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(lang) { try { localStorage.setItem(KEY, lang); } catch (e) { /* file:// without storage */ } }
  function apply(lang) {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-ph-" + lang + "]").forEach(function (el) {
      el.placeholder = el.getAttribute("data-ph-" + lang);
    });
    document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = window.vnplanT(el.getAttribute("data-t")); });
    document.dispatchEvent(new CustomEvent("vnplan:lang", { detail: lang }));
  }
  window.vnplanLang = function () { return document.documentElement.lang === "en" ? "en" : "vi"; };
  window.vnplanT = function (key, values) {
    var entry = (window.VNPLAN_MSG || {})[key];
    var text = entry ? (entry[window.vnplanLang()] || entry.vi) : key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  };
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored() === "en" ? "en" : "vi");
    var button = document.getElementById("lang-switch");
    if (button) {
      button.addEventListener("click", function () {
        var lang = window.vnplanLang() === "vi" ? "en" : "vi";
        store(lang);
        apply(lang);
      });
    }
  });
})();
