/* Dutch search with stemming. Material adds a trailing wildcard to every word of a query, and
   lunr does not stem a word with a wildcard, so "ondernemers" would not find a page that says
   "ondernemer" even though the index is stemmed. Each plain word is therefore sent twice to the
   search worker: as typed (the wildcard still finds words that start with it) and with a neutral
   boost "^1", which Material leaves without wildcard, so lunr's Dutch stemmer handles it.
   Loaded before Material's bundle, which creates the search worker. */
(function () {
  "use strict";
  if (!window.Worker) return;
  var QUERY = 2; // Material's message type for a search query
  var WORD = /^[\p{L}\p{N}]{3,}$/u;

  function expand(query) {
    return query
      .split(/\s+/)
      .map(function (word) { return WORD.test(word) ? word + " " + word + "^1" : word; })
      .join(" ");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string") {
      args[0] = { type: QUERY, data: expand(message.data) };
    }
    return post.apply(this, args);
  };
})();
