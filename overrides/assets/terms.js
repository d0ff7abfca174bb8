/* Your Connect terms: small enhancements. Every page is complete without JavaScript. */
(function () {
  "use strict";

  /* Today's date in Asia/Tokyo, as YYYY-MM-DD, from the reader's clock. */
  function tokyoToday(now) {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(now || new Date());
    var get = function (t) { return parts.filter(function (p) { return p.type === t; })[0].value; };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  /* A version's state on a day, from the first and last day it applies (either may be open).
     ISO dates compare correctly as strings. */
  function stateOn(today, start, end) {
    return start && today < start ? "upcoming" : end && today > end ? "superseded" : "in-force";
  }

  /* Show the banner for the reader's day, so a page is right on the effective day even if
     the daily rebuild has not run yet. */
  function updateBanners() {
    var today = tokyoToday();
    document.querySelectorAll(".terms-banners").forEach(function (box) {
      var state = stateOn(today, box.getAttribute("data-terms-start"), box.getAttribute("data-terms-end"));
      var variants = box.querySelectorAll("[data-terms-state]");
      var has = Array.prototype.some.call(variants, function (v) { return v.getAttribute("data-terms-state") === state; });
      if (!has) return;
      variants.forEach(function (v) { v.hidden = v.getAttribute("data-terms-state") !== state; });
      box.setAttribute("data-terms-shown", state);
    });
  }

  /* The language switch keeps the clause the reader is on. */
  function keepAnchorOnLanguageSwitch() {
    document.querySelectorAll("a.terms-lang-switch").forEach(function (a) {
      a.addEventListener("click", function () {
        if (location.hash) a.href = a.href.split("#")[0] + location.hash;
      });
    });
  }

  /* The history table's states (in force / upcoming / superseded), re-checked like the banners. */
  function updateHistory() {
    var today = tokyoToday();
    document.querySelectorAll("table.terms-history").forEach(function (table) {
      table.querySelectorAll("tbody tr[data-start]").forEach(function (row) {
        var state = stateOn(today, row.getAttribute("data-start"), row.getAttribute("data-end"));
        ["in-force", "upcoming", "superseded"].forEach(function (s) {
          row.classList.toggle("terms-history--" + s, s === state);
        });
        var cell = row.querySelector(".terms-history-state");
        var label = table.getAttribute("data-state-" + state);
        if (cell && label) cell.textContent = label;
      });
    });
  }

  function refresh() {
    updateBanners();
    updateHistory();
  }

  /* A page left open across midnight in Tokyo (UTC+9 all year, no daylight saving) flips at
     midnight: re-check then, and again whenever the tab comes back (timers sleep with the device). */
  var DAY = 86400000, TOKYO = 9 * 3600000;
  function scheduleMidnight() {
    var now = Date.now();
    var wait = DAY - ((now + TOKYO) % DAY) + 500;
    setTimeout(function () { refresh(); scheduleMidnight(); }, wait);
  }

  /* Search with Pagefind (Japanese segmentation), results linking to the clause. */
  function setupSearch() {
    var box = document.getElementById("terms-search");
    if (!box) return;
    var input = document.getElementById("terms-q");
    var bundle = new URL(box.getAttribute("data-bundle"), location.href).href;
    var engine = null;
    var seq = 0;
    function load() {
      if (!engine) {
        engine = import(bundle + "pagefind.js").then(function (pf) {
          return pf.options({ basePath: bundle }).then(function () { return pf; });
        });
      }
      return engine;
    }
    function escapeHtml(s) {
      return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
    }
    function run(q) {
      var mine = ++seq;
      q = (q || "").trim();
      if (!q) { box.innerHTML = ""; return; }
      load().then(function (pf) { return pf.search(q); }).then(function (res) {
        return Promise.all(res.results.slice(0, 20).map(function (r) { return r.data(); }));
      }).then(function (pages) {
        if (mine !== seq) return;
        /* Only pages that contain the exact query (Pagefind also returns partial segment
           matches). On each, the clauses showing the query, or else the clause where the query's
           words cluster; headings naming the query first, then the terms in force. */
        var exact = [];
        var needle = q.toLowerCase();
        pages.forEach(function (page, rank) {
          if ((page.content || "").toLowerCase().indexOf(needle) < 0) return;
          var subs = page.sub_results && page.sub_results.length ? page.sub_results : [page];
          var scored = subs.map(function (s) {
            var plain = (s.excerpt || "").replace(/<[^>]+>/g, "").toLowerCase();
            var title = s.title || page.meta.title;
            var shows = title.toLowerCase().indexOf(needle) >= 0 ? 2 : plain.indexOf(needle) >= 0 ? 1 : 0;
            return { url: s.url, title: title, page: page.meta.title, excerpt: s.excerpt, shows: shows,
                     score: shows * 1000 + (page.meta.current === "yes" ? 500 : 0) +
                            (s.locations ? s.locations.length : 1) - rank * 0.01 };
          }).sort(function (a, b) { return b.score - a.score; });
          scored.forEach(function (hit, i) { if (i === 0 || hit.shows) exact.push(hit); });
        });
        exact.sort(function (a, b) { return b.score - a.score; });
        if (!exact.length) {
          box.innerHTML = "<p class=\"terms-noresult\">" + escapeHtml(box.getAttribute("data-none").replace("%(q)s", q)) + "</p>";
          return;
        }
        box.innerHTML = "<ol class=\"terms-results\">" + exact.slice(0, 30).map(function (h) {
          return "<li class=\"terms-result\"><a href=\"" + escapeHtml(h.url) + "\">" + escapeHtml(h.title) + "</a>" +
            (h.title !== h.page ? " <span class=\"terms-result__page\">— " + escapeHtml(h.page) + "</span>" : "") +
            "<br><span class=\"terms-result__excerpt\">" + h.excerpt + "</span></li>";
        }).join("") + "</ol>";
      }).catch(function (err) { box.textContent = String(err); });
    }
    var params = new URLSearchParams(location.search);
    if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
    /* "input" fires for typed text, pasted text and text committed by a Japanese IME alike. */
    input.addEventListener("input", function () { run(input.value); });
    input.closest("form").addEventListener("submit", function (e) { e.preventDefault(); run(input.value); });
  }

  /* History page: "which version applied on day X?" — the table answers it without JavaScript;
     this finds the row for a day typed in. */
  function setupAsOf() {
    var form = document.querySelector("form.terms-asof");
    if (!form) return;
    form.hidden = false;
    var input = form.querySelector("input");
    var out = form.querySelector("output");
    input.addEventListener("change", function () {
      var day = input.value;
      var hit = null;
      document.querySelectorAll("table.terms-history tbody tr").forEach(function (row) {
        var start = row.getAttribute("data-start"), end = row.getAttribute("data-end");
        var applies = day && (!start || start <= day) && (!end || day <= end);
        row.classList.toggle("terms-history--asof", !!applies);
        if (applies) hit = row;
      });
      if (!day) { out.textContent = ""; return; }
      out.textContent = hit
        ? form.getAttribute("data-found").replace("%(period)s", hit.querySelector(".terms-history-period").textContent)
        : form.getAttribute("data-none");
    });
  }

  function start() {
    setupAsOf();
    refresh();
    scheduleMidnight();
    document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
    keepAnchorOnLanguageSwitch();
    setupSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.termsToday = tokyoToday;
})();
