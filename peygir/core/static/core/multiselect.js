/* Searchable multi-selects (tom-select) on every <select data-pg-multiselect>, also after htmx swaps.
   Option labels are escaped by tom-select's own renderers; the two texts we add use textContent. */
(function () {
  "use strict";
  function start(root) {
    if (!window.TomSelect || !root.querySelectorAll) { return; }
    root.querySelectorAll("select[data-pg-multiselect]").forEach(function (el) {
      if (el.tomselect) { return; }
      var noResults = el.getAttribute("data-no-results") || "";
      new window.TomSelect(el, {
        plugins: ["remove_button"],
        maxOptions: null,
        hidePlaceholder: true,
        placeholder: el.getAttribute("data-placeholder") || "",
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = noResults;
            return div;
          }
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSettle", function (event) { start(event.target); });
})();
