/* Category filter on /projecten/. Without JavaScript the filter links jump to their section;
   with it, choosing a category shows only that section. The URL hash stays the source of truth,
   so links, reloads and the back button give the same view. */
(function () {
  "use strict";

  function setup(filter) {
    var links = Array.prototype.slice.call(filter.querySelectorAll("a[href^='#']"));
    var sections = [];
    links.forEach(function (link) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target && link.getAttribute("data-category")) sections.push(target);
    });
    if (!sections.length) return;

    var status = document.createElement("p");
    status.className = "e071-visually-hidden";
    status.setAttribute("role", "status");
    filter.appendChild(status);

    function apply(announce) {
      var hash = decodeURIComponent(window.location.hash.slice(1));
      var chosen = sections.filter(function (s) { return s.id === hash; })[0] || null;
      sections.forEach(function (section) {
        section.hidden = chosen !== null && section !== chosen;
      });
      links.forEach(function (link) {
        var current = chosen
          ? link.getAttribute("href") === "#" + chosen.id
          : !link.getAttribute("data-category");
        if (current) link.setAttribute("aria-current", "true");
        else link.removeAttribute("aria-current");
      });
      if (announce) {
        var shown = (chosen ? [chosen] : sections).reduce(function (n, s) {
          return n + s.querySelectorAll(".e071-tile").length;
        }, 0);
        status.textContent = shown === 1 ? "1 project getoond" : shown + " projecten getoond";
      }
    }

    window.addEventListener("hashchange", function () { apply(true); });
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".e071-filter"), setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
