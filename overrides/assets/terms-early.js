/* Inline in every page (overrides/main.html), before Material's bundle, first of the scripts at the end of <body>. Material's contextual language switch fetches
   sitemap.xml next to every <link rel="alternate"> it finds; our hreflang links point at the twin
   page itself (not at language roots), so those look-ups would 404 (or leave the site in a local
   preview). The language switch here is server-side (partials/alternate.html), so sitemap
   look-ups are answered as failed without touching the network. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.termsSkip = /\/sitemap\.xml(\?.*)?$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (!this.termsSkip) return send.apply(this, arguments);
    var xhr = this;
    setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("error")); }, 0);
  };
})();
