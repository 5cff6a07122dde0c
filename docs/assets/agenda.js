/* The agenda on the day it is read. The page is built with "Binnenkort" and "Geweest" split
   as of the build date (correct without JavaScript); here, items whose date has passed in the
   reader's own calendar move to the top of "Geweest", and the "Stand van" line says today. */
(function () {
  "use strict";

  function localToday() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function longDate(iso) {
    var parts = iso.split("-");
    var date = new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    return date.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  }

  function update() {
    var upcoming = document.querySelector('ol[data-agenda="binnenkort"]');
    var past = document.querySelector('ol[data-agenda="geweest"]');
    if (!upcoming || !past) return;
    var today = localToday();
    var asOf = document.querySelector("[data-agenda-as-of]");
    if (asOf && asOf.getAttribute("data-agenda-as-of") < today) {
      asOf.textContent = "Stand van " + longDate(today) + ".";
    }
    var moved = Array.prototype.filter.call(upcoming.children, function (item) {
      return item.getAttribute("data-date") < today;
    });
    // Upcoming is soonest first and past most recent first: each moved item goes on top.
    moved.forEach(function (item) { past.insertBefore(item, past.firstElementChild); });
    [[upcoming, "binnenkort"], [past, "geweest"]].forEach(function (pair) {
      var empty = pair[0].children.length === 0;
      pair[0].hidden = empty;
      var note = document.querySelector('[data-agenda-empty="' + pair[1] + '"]');
      if (note) note.hidden = !empty;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
