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

  /* The language switch keeps the clause the reader is on. Not a search's query: the words are
     in the other language there, and would find nothing. */
  function keepAnchorOnLanguageSwitch() {
    document.querySelectorAll("a.terms-lang-switch").forEach(function (a) {
      a.addEventListener("click", function () {
        a.href = a.href.split(/[?#]/)[0] + location.hash;
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

  /* A clause history's wordings: whether each applies on the reader's day. */
  function updateWordings() {
    var today = tokyoToday();
    document.querySelectorAll(".terms-wording-state").forEach(function (el) {
      var state = stateOn(today, el.getAttribute("data-start"), el.getAttribute("data-end"));
      el.textContent = el.getAttribute("data-label-" + state);
      var li = el.closest(".terms-wording");
      if (li) li.setAttribute("data-state", state);
    });
  }

  function refresh() {
    updateBanners();
    updateHistory();
    updateWordings();
  }

  /* A page left open across midnight in Tokyo (UTC+9 all year, no daylight saving) flips at
     midnight: re-check then, and again whenever the tab comes back (timers sleep with the device). */
  var DAY = 86400000, TOKYO = 9 * 3600000;
  function scheduleMidnight() {
    var now = Date.now();
    var wait = DAY - ((now + TOKYO) % DAY) + 500;
    setTimeout(function () { refresh(); scheduleMidnight(); }, wait);
  }

  /* Search: every distinct wording of every clause once (searchwordings.py), each checked against
     its own text, so every wording that holds the query is listed and none that does not; grouped
     by clause, the wordings in force (and upcoming) shown, earlier ones behind one switch. Query and text are compared NFKC-normalised and in lower case, one character at a
     time, so a match maps back to the text exactly as published. */
  var FOLDING = { replace: [], references: { patterns: [], subitems: "" } };
  var RULES = [];

  /* The table both this and the index writer fold by (src/termsite/outputs/search-folding.json,
     given to the search page): NFKC and lower case one character at a time, then the table's
     replacements (4ヶ月 = 4か月, e-mail = email, 申し込み = 申込), keeping each character's place
     in the original text. */
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
    RULES.forEach(function (rule) {
      var re = rule.re || (rule.re = new RegExp(rule.pattern, "gu")), text = "", map = [], pos = 0, m, k;
      re.lastIndex = 0;
      while ((m = re.exec(out)) !== null) {
        if (!m[0].length) { re.lastIndex++; continue; }
        text += out.slice(pos, m.index);
        for (k = pos; k < m.index; k++) map.push(at[k]);
        for (k = 0; k < rule.to.length; k++) map.push(at[m.index]);
        text += rule.to;
        pos = m.index + m[0].length;
      }
      text += out.slice(pos);
      for (k = pos; k < at.length; k++) map.push(at[k]);
      out = text; at = map;
    });
    return { text: out, at: at };
  }

  /* The clause a query names, if it is a label the site shows (第5条4, 第5条第4項, Article 5(4),
     Art. 5.4, 附則): its key (a5.p4), as searchfold.reference computes it. */
  function reference(q) {
    var folded = fold(q).text.replace(/\s+/g, " ").trim();
    var pats = FOLDING.references.patterns;
    for (var p = 0; p < pats.length; p++) {
      var m = new RegExp(pats[p].pattern, "u").exec(folded);
      if (!m) continue;
      var found = {};
      pats[p].groups.forEach(function (name, g) { if (m[g + 1] && !(name in found)) found[name] = m[g + 1]; });
      if (pats[p].key) return pats[p].key + ("paragraph" in found ? ".p" + found.paragraph : "");
      var key = "a" + (found.article + (found.branch || "")).replace(/[の-]/g, "_");
      if ("paragraph" in found) key += ".p" + found.paragraph;
      else if ("item" in found) key += ".p1";
      if ("item" in found) {
        key += ".i" + found.item;
        if ("subitem" in found) {
          var sub = found.subitem;
          key += ".i" + (/[a-z]/.test(sub) ? sub.charCodeAt(0) - 96 : FOLDING.references.subitems.indexOf(sub) + 1);
        }
      }
      return key;
    }
    return null;
  }

  /* The query's terms: a phrase in quotes ("Party B", “…”) is one term that must occur as it is;
     other words are terms of their own, each needed somewhere in the clause. */
  function queryTerms(q) {
    var folded = fold(q).text, terms = [];
    var rest = folded.replace(/"([^"]*)"|“([^”]*)”/g, function (_m, a, b) {
      var phrase = (a || b || "").replace(/\s+/g, " ").trim();
      if (phrase) terms.push({ text: phrase, exact: true });
      return " ";
    });
    rest = rest.replace(/\s+/g, " ");
    /* words customers type for what the terms write otherwise (search-vocabulary.json): an entry of
       a group, as a whole word, finds every entry of its group; the longest entries first */
    var entries = [];
    (FOLDING.vocabulary ? FOLDING.vocabulary.synonyms : []).forEach(function (group) {
      group.forEach(function (w) { entries.push({ text: w, alts: group }); });
    });
    entries.sort(function (a, b) { return b.text.length - a.text.length; });
    entries.forEach(function (e) {
      for (var i = rest.indexOf(e.text); i >= 0; i = rest.indexOf(e.text, i + 1)) {
        var before = rest.charAt(i - 1), after = rest.charAt(i + e.text.length);
        if (/[a-z0-9]/.test(e.text.charAt(0)) && /[a-z0-9]/.test(before)) continue;
        if (/[a-z0-9]/.test(e.text.charAt(e.text.length - 1)) && /[a-z0-9]/.test(after)) continue;
        terms.push({ text: e.text, exact: true, alts: e.alts });
        rest = rest.slice(0, i) + " " + rest.slice(i + e.text.length);
        break;
      }
    });
    rest.split(/\s+/).filter(Boolean).forEach(function (t) { terms.push({ text: t, exact: !WORD_TERM.test(t) }); });
    return terms;
  }

  var WORD_TERM = /^[a-z0-9]+$/;

  /* A Latin query word of one or two characters matches that word; a longer one, a word it begins
     (connect: connection) or another form of it: the two share a stem of four letters or more after
     which each goes on with one of the endings of search-vocabulary.json (suspend: suspension,
     notices: notice; termination: terminate, never terminal), or the same word with one letter
     mistyped after the fourth (notise: notice). */
  function wordMatches(term, word) {
    if (term.length < 3) return word === term;
    if (word.indexOf(term) === 0) return true;
    if (/[0-9]/.test(term) || /[0-9]/.test(word)) return false;
    var endings = FOLDING.vocabulary ? FOLDING.vocabulary.endings : [""];
    var c = 0;
    while (c < term.length && c < word.length && term[c] === word[c]) c++;
    for (var k = c; k >= 4; k--) {
      if (endings.indexOf(term.slice(k)) >= 0 && endings.indexOf(word.slice(k)) >= 0) return true;
    }
    /* one letter mistyped after the fourth (notise: notice) */
    return c >= 4 && term.length >= 5 && term.length === word.length && term.slice(c + 1) === word.slice(c + 1);
  }

  /* The spans of the folded text each term matches; null when some term matches nowhere. */
  function findTerms(terms, folded) {
    var spans = [];
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t].text, found = false;
      if (terms[t].alts) {
        terms[t].alts.forEach(function (alt) {
          for (var i = folded.indexOf(alt); i >= 0; i = folded.indexOf(alt, i + 1)) {
            spans.push([i, i + alt.length]); found = true;
          }
        });
      } else if (!terms[t].exact) {
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
    if (text.length > 240 && !marks.length) to = 240;  /* found by its number: the clause's start */
    else if (text.length > 240) {
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
    input.closest("form").hidden = false;  /* without JavaScript the form would do nothing */
    var indexUrl = new URL(box.getAttribute("data-index"), location.href).href;
    var sitePath = new URL("../", indexUrl).pathname;
    var index = null, seq = 0, earlier = false, last = null;
    FOLDING = JSON.parse(box.getAttribute("data-folding"));
    RULES = FOLDING.replace;
    var documents = JSON.parse(box.getAttribute("data-documents"));
    /* The index of every clause's distinct wordings (searchwordings.py), fetched once: one small
       file, after which no query downloads anything. */
    function load() {
      if (!index) {
        index = fetch(indexUrl).then(function (r) {
          if (!r.ok) throw new Error(r.status + " " + indexUrl);
          return r.json();
        });
      }
      return index;
    }
    function say(name, values) {
      var s = box.getAttribute("data-" + name);
      Object.keys(values || {}).forEach(function (k) { s = s.replace("%(" + k + ")s", values[k]); });
      return s;
    }
    /* A wording's state today: in force if one of its periods holds today, else upcoming if one
       is still to come, else superseded. */
    function wordingState(periods, today) {
      var states = periods.map(function (p) { return stateOn(today, p[0], p[1]); });
      return states.indexOf("in-force") >= 0 ? "in-force" : states.indexOf("upcoming") >= 0 ? "upcoming" : "superseded";
    }
    function periodsLabel(periods, state, today) {
      if (state === "upcoming") {
        var next = periods.filter(function (p) { return stateOn(today, p[0], p[1]) === "upcoming"; })[0];
        return say("upcoming", { date: next[2] });
      }
      if (state === "in-force") {
        var now = periods.filter(function (p) { return stateOn(today, p[0], p[1]) === "in-force"; })[0];
        return now[2] ? say("in-force-since", { date: now[2] }) : say("in-force-unrecorded");
      }
      return say("earlier", { periods: periods.map(function (p) {
        return p[2] ? say("period", { from: p[2], until: p[3] }) : say("period-until", { until: p[3] });
      }).join(say("period-separator")) });
    }
    function wordingHref(doc, anchor, periods, state, today) {
      if (state === "in-force") return sitePath + doc.current + "#" + anchor;
      if (state === "upcoming") {
        return sitePath + periods.filter(function (p) { return stateOn(today, p[0], p[1]) === "upcoming"; })[0][6];
      }
      return sitePath + periods[periods.length - 1][7];
    }
    /* The version a result links: the one in force, the first of an upcoming wording, the last of an earlier one. */
    function versionOf(doc, periods, state, today) {
      if (state === "superseded") return periods[periods.length - 1][5];
      if (state === "upcoming") return periods.filter(function (p) { return stateOn(today, p[0], p[1]) === state; })[0][4];
      return doc.versions.filter(function (v) { return stateOn(today, v.start, v.end) === "in-force"; })[0].slug;
    }
    /* For an earlier or upcoming wording: the same clause in the terms in force, if they have it. */
    function inForceLink(doc, anchor, present, today) {
      var current = doc.versions.filter(function (v) { return stateOn(today, v.start, v.end) === "in-force"; })[0];
      if (current && present.split(" ").indexOf(current.slug) >= 0) {
        return " <a class=\"terms-result__now\" href=\"" + escapeHtml(sitePath + doc.current + "#" + anchor) + "\">" +
          escapeHtml(say("same-clause")) + "</a>";
      }
      return " <span class=\"terms-result__now\">" + escapeHtml(say(current ? "not-in-force-terms" : "none-in-force")) + "</span>";
    }
    /* Every wording that holds the query (or that the clause number names), grouped by clause. */
    function find(ix, terms, ref, today) {
      var groups = [];
      ix.clauses.forEach(function (clause) {
        var doc = documents[clause[0]], hits = [];
        clause[3].forEach(function (w) {
          var spans = terms.length ? findTerms(terms, w[6]) : null;
          var numbered = !!ref && w[3].split(" ").some(function (k) { return k === ref || k.indexOf(ref + ".") === 0; });
          if (!spans && !numbered) return;
          var state = wordingState(w[5], today);
          hits.push({ w: w, state: state, spans: spans, numbered: numbered,
                      /* a word matched only by another form or a near spelling (notise: notice): counted apart */
                      exact: numbered || (!!spans && terms.every(function (t) { return w[6].indexOf(t.text) >= 0; })),
                      titled: numbered || !!(terms.length && findTerms(terms, w[7])) });
        });
        if (!hits.length) return;
        /* in force first, then upcoming (soonest first), then earlier wordings (latest first) */
        hits.sort(function (a, b) {
          return RANK[a.state] - RANK[b.state] ||
            (a.state === "upcoming" ? cmp(a.w[5][0][0], b.w[5][0][0]) : cmp(lastDay(b.w[5]), lastDay(a.w[5])));
        });
        groups.push({ doc: doc, anchor: clause[1], present: clause[2], hits: hits, best: RANK[hits[0].state],
                      titled: hits.some(function (h) { return h.titled; }), order: hits[0].w[4], d: clause[0] });
      });
      groups.sort(function (a, b) {
        return a.best - b.best || a.d - b.d || (b.titled - a.titled) || a.order - b.order;
      });
      return groups;
    }
    var RANK = { "in-force": 0, "upcoming": 1, "superseded": 2 };
    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
    function lastDay(periods) { return periods[periods.length - 1][1] || "9999"; }
    var PAGE = 20;  /* clauses drawn at once */
    function render(q, terms, ref, groups, today, limit) {
      var typed = q.replace(/^["“]([^"”]*)["”]$/, "$1");  /* a phrase is named without its quotes */
      var all = [], shown;
      groups.forEach(function (g) { all = all.concat(g.hits); });
      if (!all.length) {
        box.innerHTML = "<p class=\"terms-noresult\">" + escapeHtml(say("none", { q: typed })) + "</p>";
        return;
      }
      var exact = all.filter(function (h) { return h.exact; }).length, similar = all.length - exact;
      var older = all.filter(function (h) { return h.state === "superseded"; }).length;
      var current = all.filter(function (h) { return h.exact && h.state !== "superseded"; }).length;
      var open = earlier || older === all.length;  /* nothing applies today or later: the earlier wordings are the answer */
      var clauses = groups.filter(function (g) { return g.hits.some(function (h) { return h.exact; }); }).length;
      /* An honest count: wordings (each distinct text of a clause once) and the clauses they are of;
         those with a similar word only are counted apart; a clause number says what it found. */
      var numbers = { n: String(exact), c: String(clauses), q: typed, k: String(current) };
      var count = ref ? say("count-ref", { n: String(all.length), c: String(groups.length), q: q, k: String(all.length - older) })
        : !exact ? say("none", { q: typed })
        : terms.length > 1 ? say("count-all", Object.assign({ words: terms.map(function (t) { return say("quote", { q: t.text }); }).join(say("and")) }, numbers))
        : say("count", numbers);
      if (similar && !ref) count += " " + say("similar", { n: String(similar) });
      var docs = new Set(groups.map(function (g) { return g.doc.title; }));
      var visible = groups.filter(function (g) { return g.hits.some(function (h) { return open || h.state !== "superseded"; }); });
      /* A long answer is drawn a page at a time: a phone stays responsive while the reader types. */
      var more = Math.max(0, visible.length - limit);
      shown = visible.slice(0, limit).map(function (g) {
        var hits = g.hits.filter(function (h) { return open || h.state !== "superseded"; });
        var head = hits[0].w, article = head[0] === head[1];  /* an article's heading is its own clause */
        return "<li class=\"terms-clause-hit\" data-anchor=\"" + escapeHtml(g.anchor) + "\">" +
          "<p class=\"terms-clause-hit__title\">" + (docs.size > 1 ? escapeHtml(g.doc.title) + " " : "") +
          "<a href=\"" + escapeHtml(wordingHref(g.doc, g.anchor, head[5], hits[0].state, today)) + "\">" +
          (article ? "" : "<span class=\"terms-result__label\">" + escapeHtml(head[0]) + "</span> ") +
          "<span class=\"terms-result__heading\">" + escapeHtml(head[1]) + "</span></a></p>" +
          "<ol class=\"terms-wordings\">" + hits.map(function (h) {
            var w = h.w;
            if (!w.f) w.f = fold(w[2]);  /* with each character's place in the text, to mark the match */
            var href = wordingHref(g.doc, g.anchor, w[5], h.state, today);
            var html = excerpt(w[2], w.f, h.spans || []);
            return "<li class=\"terms-result\" data-state=\"" + h.state + "\" data-version=\"" +
              escapeHtml(versionOf(g.doc, w[5], h.state, today)) + "\">" +
              "<a class=\"terms-result__version terms-result__version--" + h.state + "\" href=\"" + escapeHtml(href) + "\">" +
              escapeHtml(periodsLabel(w[5], h.state, today)) + "</a>" +
              (w[0] !== head[0] ? " <span class=\"terms-result__label\">" + escapeHtml(w[0]) + "</span>" : "") +
              (h.state === "in-force" ? "" : inForceLink(g.doc, g.anchor, g.present, today)) +
              "<p class=\"terms-result__excerpt\">" + html + "</p></li>";
          }).join("") + "</ol></li>";
      }).join("");
      box.innerHTML = "<p class=\"terms-result-count\" role=\"status\">" + escapeHtml(count) + "</p>" +
        (older && older < all.length ? "<p><button type=\"button\" class=\"terms-earlier\" aria-pressed=\"" + open + "\">" +
          escapeHtml(say(open ? "hide-earlier" : "show-earlier", { n: String(older) })) + "</button></p>" : "") +
        "<ol class=\"terms-results\">" + shown + "</ol>" +
        (more ? "<p><button type=\"button\" class=\"terms-more\">" + escapeHtml(say("more", { n: String(more) })) + "</button></p>" : "");
      var button = box.querySelector(".terms-earlier");
      if (button) button.addEventListener("click", function () { earlier = !earlier; render(q, terms, ref, groups, today, limit); });
      var rest = box.querySelector(".terms-more");
      if (rest) rest.addEventListener("click", function () { render(q, terms, ref, groups, today, limit + PAGE); });
    }
    function run(raw) {
      var mine = ++seq;
      var q = (raw || "").trim();
      var url = new URL(location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
      if (!q) { box.innerHTML = ""; return; }
      var terms = queryTerms(q), ref = reference(q);
      if (!terms.length && !ref) { box.innerHTML = ""; return; }
      load().then(function (ix) {
        if (mine !== seq) return;
        var today = tokyoToday();
        render(q, terms, ref, find(ix, terms, ref, today), today, PAGE);
      }).catch(function (err) { box.textContent = String(err); });
    }
    var params = new URLSearchParams(location.search);
    if (params.get("q")) { input.value = params.get("q"); run(params.get("q")); }
    else load().catch(function () { index = null; });  /* fetched while the reader types the first query */
    /* "input" fires for typed text, pasted text and text committed by a Japanese IME alike; the query
       goes into the address (?q=), so a search can be bookmarked and Back returns to it. */
    input.addEventListener("input", function () { run(input.value); });
    input.closest("form").addEventListener("submit", function (e) { e.preventDefault(); run(input.value); });
  }

  /* History page: "which version applied on day X?" — the table answers it without JavaScript;
     this finds the row for a day typed in, and answers only from the record: before the first
     recorded 実施期日 the first version, saying its own start is not recorded (or, when it is
     recorded, that no version applied yet), and a day after today (the reader's, in Tokyo) is
     answered as announced today. */
  function setupAsOf() {
    var form = document.querySelector("form.terms-asof");
    if (!form) return;
    form.hidden = false;
    var input = form.querySelector("input");
    var out = form.querySelector("output");
    function say(name, values) {
      var s = form.getAttribute("data-" + name);
      Object.keys(values || {}).forEach(function (k) { s = s.replace("%(" + k + ")s", values[k]); });
      return s;
    }
    input.addEventListener("change", function () {
      var day = input.value, today = tokyoToday();
      var first = form.getAttribute("data-first-known");
      var rows = Array.prototype.slice.call(document.querySelectorAll("table.terms-history tbody tr"));
      var before = day && first && day < first;
      /* before the first recorded 実施期日 the first version applied when its own day is not recorded
         (the record shows it applying until the next version); else no version had taken effect */
      var undated = before && !!form.getAttribute("data-first-undated");
      var outside = before && !undated;
      var earliest = rows[rows.length - 1];
      var hit = null;
      rows.forEach(function (row) {
        var applies = !outside && day && (undated ? row === earliest
          : stateOn(day, row.getAttribute("data-start"), row.getAttribute("data-end")) === "in-force");
        row.classList.toggle("terms-history--asof", !!applies);
        if (applies) hit = row;
      });
      if (!day) { out.textContent = ""; return; }
      if (undated) {
        out.textContent = say("found-undated", { version: earliest.getAttribute("data-phrase-past") });
        return;
      }
      if (outside) {
        var firstDate = rows.filter(function (r) { return r.getAttribute("data-start") === first; })[0];
        out.textContent = say("before-first", { date: firstDate ? firstDate.getAttribute("data-date") : first });
        return;
      }
      if (!hit) { out.textContent = say("none"); return; }
      out.textContent = day > today ? say("found-future", { version: hit.getAttribute("data-phrase") })
        : day === today ? say("found-today", { version: hit.getAttribute("data-phrase") })
        : say("found", { version: hit.getAttribute("data-phrase-past") });
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
  /* for the tests: the search page's folding and clause-number reading, to compare with searchfold.py */
  window.termsSearch = { fold: function (t) { return fold(t).text; }, reference: reference, terms: queryTerms,
                         wordMatches: wordMatches };
})();
