/* Site search: opens the dialog in the header and loads Pagefind's search into it on first use.
 *
 * Nothing is loaded until a reader opens the dialog, so pages stay light. The index, the UI and
 * its WebAssembly all come from this site's own pagefind/ folder (see macros/search.py).
 * Keyboard: "/" opens the dialog (unless typing in a field), Escape closes it (native <dialog>),
 * and focus returns to the search button.
 */
(function () {
  "use strict";
  var dialog = document.getElementById("e071-search");
  var opener = document.querySelector(".e071-search-open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;
  var bundle = new URL(dialog.getAttribute("data-bundle"), document.baseURI);
  var started = null;

  function load() {
    if (started) return started;
    started = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-ui.css", bundle).href;
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", bundle).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    }).then(function () {
      /* global PagefindUI */
      new PagefindUI({
        element: "#e071-search-ui",
        bundlePath: bundle.pathname,
        baseUrl: new URL("..", bundle).pathname,
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        autofocus: true,
        translations: {
          placeholder: "Zoek op een woord, project of partner",
          zero_results: "Niets gevonden voor [SEARCH_TERM]",
          clear_search: "Wissen",
          search_label: "Zoek in het projectoverzicht",
        },
      });
    });
    started.catch(function () {
      document.getElementById("e071-search-ui").textContent =
        "De zoekfunctie kon niet worden geladen.";
    });
    return started;
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    load().then(function () {
      var field = dialog.querySelector("input");
      if (field) field.focus();
    });
  }

  opener.addEventListener("click", open);
  dialog.querySelector(".e071-search__close").addEventListener("click", function () {
    dialog.close();
  });
  /* A click on the backdrop (outside the dialog's box) closes it too. */
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  });
})();
