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

  /* A version's state on a day, from the first and last day it applies (either may be open)
     and, for a revision that takes effect in steps (一部施行), the day all of it is in force.
     ISO dates compare correctly as strings. */
  function stateOn(today, start, end, full) {
    return start && today < start ? "upcoming" : end && today > end ? "superseded"
      : full && today < full ? "partly-in-force" : "in-force";
  }

  /* Of the variants for a state, the one whose days (data-terms-from/-to: one step of a partly
     in force version) hold today; variants without days hold every day. */
  function variantFor(variants, state, today) {
    return Array.prototype.filter.call(variants, function (v) {
      var from = v.getAttribute("data-terms-from"), to = v.getAttribute("data-terms-to");
      return v.getAttribute("data-terms-state") === state && (!from || from <= today) && (!to || today <= to);
    })[0];
  }

  /* Show the banner for the reader's day, so a page is right on the effective day even if
     the daily rebuild has not run yet. */
  function updateBanners() {
    var today = tokyoToday();
    document.querySelectorAll(".terms-banners").forEach(function (box) {
      var state = stateOn(today, box.getAttribute("data-terms-start"), box.getAttribute("data-terms-end"),
                          box.getAttribute("data-terms-full"));
      var variants = box.querySelectorAll("[data-terms-state]");
      var shown = variantFor(variants, state, today);
      if (!shown) return;
      variants.forEach(function (v) { v.hidden = v !== shown; });
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
        var state = stateOn(today, row.getAttribute("data-start"), row.getAttribute("data-end"),
                            row.getAttribute("data-full"));
        ["in-force", "partly-in-force", "upcoming", "superseded"].forEach(function (s) {
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

  /* Search: one Pagefind record per wording of a clause, listing the versions it stands in
     (searchindex.py), shown once per version. Pagefind narrows the clauses to check; each is then
     checked against its own text, so every clause that holds the query is listed and none that
     does not. Query and text are compared NFKC-normalised and in lower case, one character at a
     time, so a match maps back to the text exactly as published. */
  function fold(s) {
    var out = "", at = [];
    for (var i = 0; i < s.length;) {
      var ch = String.fromCodePoint(s.codePointAt(i));
      var n = ch.normalize("NFKC").toLowerCase();
      for (var k = 0; k < n.length; k++) at.push(i);
      out += n;
      i += ch.length;
    }
    at.push(s.length);
    return { text: out, at: at };
  }

  var WORD_TERM = /^[a-z0-9]+$/;

  /* A Latin query word of one or two characters matches that word; a longer one, a word it begins
     (connect: connection) or an inflection of it (suspend: suspension, notices: notice): the two
     share their first four letters or more, and neither goes on more than four letters past that. */
  function wordMatches(term, word) {
    if (term.length < 3) return word === term;
    if (word.indexOf(term) === 0) return true;
    if (/[0-9]/.test(term) || /[0-9]/.test(word)) return false;
    var c = 0;
    while (c < term.length && c < word.length && term[c] === word[c]) c++;
    return c >= 4 && c >= Math.max(term.length, word.length) - 4;
  }

  /* The prefix every word a term matches begins with (see wordMatches). */
  function wordKey(term) {
    return term.length < 3 ? term : term.slice(0, Math.max(3, term.length - 4));
  }

  /* The spans of the folded text each term matches; null when some term matches nowhere. */
  function findTerms(terms, folded) {
    var spans = [];
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t], found = false;
      if (WORD_TERM.test(term)) {
        var re = /[a-z0-9]+/g, m;
        while ((m = re.exec(folded)) !== null) {
          if (wordMatches(term, m[0])) { spans.push([m.index, m.index + m[0].length]); found = true; }
        }
      } else {
        for (var i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + 1)) {
          spans.push([i, i + term.length]); found = true;
        }
      }
      if (!found) return null;
    }
    return spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  /* The clause's text with every match marked; a long clause is cut around its first match. */
  function excerpt(text, f, spans) {
    var marks = [];
    spans.forEach(function (sp) {
      var a = f.at[sp[0]], b = f.at[sp[1]];
      var last = marks[marks.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b); else marks.push([a, b]);
    });
    var from = 0, to = text.length;
    if (text.length > 240) {
      from = Math.max(0, marks[0][0] - 60);
      to = Math.min(text.length, Math.max(from + 240, marks[0][1] + 60));
      /* English is cut between words */
      var space = text.indexOf(" ", from);
      if (from > 0 && space >= 0 && space < marks[0][0] && space - from < 20) from = space + 1;
      space = text.lastIndexOf(" ", to);
      if (to < text.length && space > marks[0][1] && to - space < 20) to = space;
    }
    var html = from > 0 ? "… " : "", pos = from;
    marks.forEach(function (m) {
      if (m[1] <= from || m[0] >= to) return;
      var a = Math.max(m[0], from), b = Math.min(m[1], to);
      html += escapeHtml(text.slice(pos, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
      pos = b;
    });
    html += escapeHtml(text.slice(pos, to)) + (to < text.length ? " …" : "");
    return html.replace(/\n/g, "<br>");
  }

  function setupSearch() {
    var box = document.getElementById("terms-search");
    if (!box) return;
    var input = document.getElementById("terms-q");
    var bundle = new URL(box.getAttribute("data-bundle"), location.href).href;
    var sitePath = new URL("../", bundle).pathname;
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
    function say(name, values) {
      var s = box.getAttribute("data-" + name);
      Object.keys(values || {}).forEach(function (k) { s = s.replace("%(" + k + ")s", values[k]); });
      return s;
    }
    function stateLabel(meta, state) {
      if (state === "upcoming") return say("upcoming", { date: meta.start_label });
      if (state === "superseded") return say("superseded", { date: meta.end_label });
      return say("in-force");
    }
    /* Clauses that may hold the query, found with Pagefind's filters (searchindex.py): for Japanese
       (any term that is not a Latin word) the clauses with all its characters, for Latin words the
       clauses with a word beginning as each one must. Every clause that holds the query is among
       them; each is then checked against its own text. */
    function candidates(pf, terms) {
      var exact = terms.filter(function (t) { return !WORD_TERM.test(t); });
      var filters = exact.length
        ? { chars: { all: Array.from(new Set(Array.from(exact.join("")))).filter(function (c) { return c.trim(); }) } }
        : { prefixes: { all: terms.map(wordKey) } };
      return pf.search(null, { filters: filters }).then(function (r) { return r.results; });
    }
    function run(raw) {
      var mine = ++seq;
      var q = (raw || "").trim();
      var url = new URL(location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
      if (!q) { box.innerHTML = ""; return; }
      var terms = fold(q).text.split(/\s+/).filter(Boolean);
      load().then(function (pf) { return candidates(pf, terms); }).then(function (found) {
        return Promise.all(found.map(function (r) { return r.data(); }));
      }).then(function (records) {
        if (mine !== seq) return;
        var today = tokyoToday();
        var hits = [];
        records.forEach(function (rec) {
          var text = rec.meta.text, f = fold(text), spans = findTerms(terms, f.text);
          if (!spans) return;
          var html = excerpt(text, f, spans), titled = !!findTerms(terms, fold(rec.meta.heading).text);
          /* one record per wording, listing every version it stands in: one result per version */
          JSON.parse(rec.meta.versions).forEach(function (seen) {
            var meta = { title: rec.meta.title, heading: rec.meta.heading, document: rec.meta.document };
            Object.keys(seen).forEach(function (k) { meta[k] = seen[k]; });
            hits.push({ meta: meta, state: stateOn(today, meta.start, meta.end), text: text, html: html, titled: titled });
          });
        });
        var rank = { "in-force": 0, "upcoming": 1, "superseded": 2 };
        /* In force first, then upcoming (soonest first), then superseded (latest first); within a
           version, articles whose heading holds the query first, then the order of the text. */
        hits.sort(function (a, b) {
          return rank[a.state] - rank[b.state] ||
            (a.state === "upcoming" ? (a.meta.start < b.meta.start ? -1 : a.meta.start > b.meta.start ? 1 : 0)
                                    : (a.meta.start > b.meta.start ? -1 : a.meta.start < b.meta.start ? 1 : 0)) ||
            (a.meta.document < b.meta.document ? -1 : a.meta.document > b.meta.document ? 1 : 0) ||
            (b.titled - a.titled) || (a.meta.order < b.meta.order ? -1 : a.meta.order > b.meta.order ? 1 : 0);
        });
        if (!hits.length) {
          box.innerHTML = "<p class=\"terms-noresult\">" + escapeHtml(say("none", { q: q })) + "</p>";
          return;
        }
        var documents = new Set(hits.map(function (h) { return h.meta.document; }));
        box.innerHTML = "<p class=\"terms-result-count\" role=\"status\">" + escapeHtml(say("count", { q: q, n: String(hits.length) })) + "</p>" +
          "<ol class=\"terms-results\">" + hits.map(function (h) {
            var m = h.meta, article = m.title === m.heading;  /* an article's heading is its own clause */
            return "<li class=\"terms-result\" data-state=\"" + h.state + "\" data-version=\"" + escapeHtml(m.version) + "\">" +
              "<a href=\"" + escapeHtml(sitePath + m.href) + "\">" +
              (article ? "<span class=\"terms-result__heading\">" + h.html + "</span></a> "
                       : "<span class=\"terms-result__label\">" + escapeHtml(m.title) + "</span> " +
                         "<span class=\"terms-result__heading\">" + escapeHtml(m.heading) + "</span></a> ") +
              "<span class=\"terms-result__version terms-result__version--" + h.state + "\">" +
              (documents.size > 1 ? escapeHtml(m.document) + " " : "") + escapeHtml(stateLabel(m, h.state)) + "</span>" +
              (article ? "" : "<p class=\"terms-result__excerpt\">" + h.html + "</p>") + "</li>";
          }).join("") + "</ol>";
      }).catch(function (err) { box.textContent = String(err); });
    }
    var params = new URLSearchParams(location.search);
    if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
    /* "input" fires for typed text, pasted text and text committed by a Japanese IME alike; the query
       goes into the address (?q=), so a search can be bookmarked and Back returns to it. */
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
