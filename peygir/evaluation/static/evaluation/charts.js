/* Bar charts of the evaluation pages, right to left with Persian digits.
   Every <canvas class="pg-chart" data-chart-source="ID"> draws the rows of the JSON element #ID
   ([{name, value}], from json_script). Names are drawn on the canvas as text, never parsed as HTML;
   the page's table beside each chart shows the same numbers. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function fa(value) {
    if (value === null || value === undefined) { return "—"; }
    return String(value).replace(/[0-9]/g, function (d) { return DIGITS[d]; }).replace(".", "٫");
  }
  function colour(value) {
    if (value === null) { return "#cbd5e1"; }
    return value >= 75 ? "#15803d" : value >= 50 ? "#ca8a04" : "#b91c1c";
  }
  Chart.defaults.font.family = "Vazirmatn, Tahoma, sans-serif";
  window.pgFa = fa;
  document.querySelectorAll("canvas.pg-chart").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chartSource);
    if (!source) { return; }
    var rows = JSON.parse(source.textContent);
    if (!rows.length) { canvas.hidden = true; return; }
    canvas.height = Math.max(160, 26 * rows.length + 40);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.name; }),
        datasets: [{
          label: canvas.dataset.chartLabel || "",
          data: rows.map(function (r) { return r.value; }),
          backgroundColor: rows.map(function (r) { return colour(r.value); })
        }]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        responsive: true,
        locale: "fa-IR",
        plugins: {
          legend: { display: false },
          tooltip: {
            rtl: true,
            textDirection: "rtl",
            callbacks: { label: function (ctx) { return " " + fa(ctx.raw); } }
          }
        },
        scales: {
          x: { reverse: true, min: 0, max: 100, ticks: { callback: function (v) { return fa(v); } } },
          y: { position: "right", ticks: { autoSkip: false } }
        }
      }
    });
  });
})();
