/* Peygir page behaviour: the Jalali date picker on every input with data-jdp (also after htmx swaps). */
(function () {
  "use strict";
  function startPicker() {
    if (window.jalaliDatepicker) {
      window.jalaliDatepicker.startWatch({ persianDigits: true, autoReadOnlyInput: false, zIndex: 2000 });
    }
  }
  document.addEventListener("DOMContentLoaded", startPicker);
})();
