/* Peygir page behaviour. No page has inline script or on*= handlers (the Content-Security-Policy
   refuses them, docs/security.md): what a page needs is here or in its own static file, and reads
   its data from data-* attributes or json_script elements. */
(function () {
  "use strict";
  // The Jalali date picker on every input with data-jdp (also after htmx swaps).
  function startPicker() {
    if (window.jalaliDatepicker) {
      window.jalaliDatepicker.startWatch({ persianDigits: true, autoReadOnlyInput: false, zIndex: 2000 });
    }
  }
  document.addEventListener("DOMContentLoaded", startPicker);
  // <button data-confirm="…">: ask before submitting (delegated, so htmx-swapped rows have it too).
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
