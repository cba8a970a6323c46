/* Material downloads the whole search index (about 45 KB compressed,
 * 150 KB of JSON for a worker to index) as every page opens, though most
 * readers never search. This holds that one request back until the reader
 * reaches for search: a pointer on the search box or its button, focus in
 * it (Material's keyboard shortcuts move focus there), or an address that
 * carries a query. Material 9.8 has no setting for this, so this script
 * catches Material's request, and it must run before Material's bundle.
 * Deferred like the bundle, it runs after parsing and in page order with
 * it, so it still comes first without blocking the parser. If a later
 * Material fetches the index another way, nothing is caught and the
 * index loads at once.
 */
(function () {
  var INDEX = /\/search\/search_index\.json$/;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open, send = proto.send;
  var held = [], released = false;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (start) { start(); });
  }

  proto.open = function (method, url) {
    this.__guideSearchIndex = INDEX.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var xhr = this, args = arguments;
    if (released || !xhr.__guideSearchIndex) return send.apply(xhr, args);
    held.push(function () { send.apply(xhr, args); });
  };

  // ?q= and ?h= (highlighting after a search) need the index straight away.
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();

  function reaching(event) {
    var el = event.target;
    if (el.closest && el.closest(".md-search, label[for='__search']")) release();
  }
  ["pointerover", "pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, reaching, { capture: true, passive: true });
  });
})();
