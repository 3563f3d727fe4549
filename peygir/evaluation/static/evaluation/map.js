/* The evaluation's choropleth: a territory's children coloured by a score, over a plain background
   (no tile server), the OpenStreetMap attribution in the corner. Clicking a province opens its
   counties; "back" returns. Names come from the server as data and are written with textContent,
   never as HTML. Configuration: the JSON element #pg-eval-map-config (json_script). */
(function () {
  "use strict";
  var configElement = document.getElementById("pg-eval-map-config");
  if (!configElement || typeof L === "undefined") { return; }
  var config = JSON.parse(configElement.textContent);
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function fa(value) {
    if (value === null || value === undefined) { return config.labels.no_value; }
    return String(value).replace(/[0-9]/g, function (d) { return DIGITS[d]; }).replace(".", "٫");
  }
  // Scores run 0..100 and keep fixed colours; an indicator is coloured by its place between the
  // lowest and highest value shown, the good end green (lower is better for a harm's rate).
  var scale = { kind: "score", min: 0, max: 100, better: "higher" };
  function colour(value) {
    if (value === null || value === undefined) { return "#cbd5e1"; }
    var t = value / 100;
    if (scale.kind === "relative") {
      t = scale.max > scale.min ? (value - scale.min) / (scale.max - scale.min) : 1;
      if (scale.better === "lower") { t = 1 - t; }
      return t >= 0.66 ? "#15803d" : t >= 0.33 ? "#facc15" : "#dc2626";
    }
    return t >= 0.75 ? "#15803d" : t >= 0.5 ? "#facc15" : "#dc2626";
  }
  var map = L.map("pg-eval-map", { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(config.attribution);
  map.setView([32.4, 53.7], 5);
  var layer = null;
  var stack = [];
  var back = document.getElementById("pg-eval-map-back");
  var title = document.getElementById("pg-eval-map-title");
  var tbody = document.getElementById("pg-eval-map-rows");

  function tooltip(props) {
    var box = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = props.name;
    box.appendChild(name);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(fa(props.value) + (props.rank ? " — " + config.labels.rank + " " + fa(props.rank) : "")));
    return box;
  }

  function fillTable(rows) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      [fa(row.rank || "—"), row.name, fa(row.value)].forEach(function (text, index) {
        var td = document.createElement("td");
        td.textContent = text;
        if (index !== 1) { td.className = "text-center"; }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  }

  function load(territoryId, remember) {
    var params = new URLSearchParams(config.query);
    params.set("territory", territoryId);
    fetch(config.data_url + "?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        if (remember && current !== null) { stack.push(current); }
        current = territoryId;
        back.hidden = stack.length === 0;
        title.textContent = data.label ? data.territory.name + " — " + data.label : data.territory.name;
        var values = data.rows.map(function (r) { return r.value; }).filter(function (v) { return v !== null; });
        scale = {
          kind: data.scale,
          min: values.length ? Math.min.apply(null, values) : 0,
          max: values.length ? Math.max.apply(null, values) : 100,
          better: data.better
        };
        if (layer) { map.removeLayer(layer); }
        layer = L.geoJSON(data.features, {
          style: function (f) {
            return { color: "#475569", weight: 1, fillColor: colour(f.properties.value), fillOpacity: 0.75 };
          },
          onEachFeature: function (f, shape) {
            shape.bindTooltip(tooltip(f.properties), { sticky: true, direction: "auto" });
            if (f.properties.openable) { shape.on("click", function () { load(f.properties.id, true); }); }
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); }
        fillTable(data.rows);
      })
      .catch(function () { /* a territory the user may not read: stay where we are */ });
  }
  var current = null;
  back.addEventListener("click", function () {
    if (stack.length) { var previous = stack.pop(); current = null; load(previous, false); }
  });
  load(config.territory, false);
})();
