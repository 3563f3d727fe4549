/* The coordination map: the territory's children coloured by their open overlaps (candidate pairs of
   parallel work), over a plain background (no tile server). Names are written with textContent,
   never as HTML. Configuration: the JSON element #pg-coord-map-config (json_script). */
(function () {
  "use strict";
  var configElement = document.getElementById("pg-coord-map-config");
  if (!configElement || typeof L === "undefined") { return; }
  var config = JSON.parse(configElement.textContent);
  var DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function fa(value) { return String(value).replace(/[0-9]/g, function (d) { return DIGITS[d]; }); }
  var map = L.map("pg-coord-map", { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(config.attribution);
  map.setView([32.4, 53.7], 5);
  var params = new URLSearchParams(config.query);
  fetch(config.data_url + "?" + params.toString(), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (data) {
      var max = Math.max.apply(null, [1].concat(data.rows.map(function (r) { return r.value; })));
      function colour(value) {
        if (!value) { return "#cbd5e1"; }
        return value / max >= 0.5 ? "#dc2626" : "#facc15";
      }
      var layer = L.geoJSON(data.features, {
        style: function (feature) {
          return { color: "#475569", weight: 1, fillOpacity: 0.7, fillColor: colour(feature.properties.value) };
        },
        onEachFeature: function (feature, shape) {
          var box = document.createElement("div");
          var name = document.createElement("strong");
          name.textContent = feature.properties.name;
          box.appendChild(name);
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(config.labels.overlaps + ": " + fa(feature.properties.value)));
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(config.labels.records + ": " + fa(feature.properties.records)));
          shape.bindTooltip(box, { sticky: true });
        }
      }).addTo(map);
      if (layer.getLayers().length) { map.fitBounds(layer.getBounds(), { padding: [10, 10] }); }
    })
    .catch(function () { /* the tables above carry the same figures */ });
}());
