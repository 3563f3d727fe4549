/* Facilities coloured by their last score over the counties' boundaries (no tile server). Names are
   written with textContent, never as HTML. */
(function () {
  "use strict";
  var box = document.getElementById("pg-facility-map");
  if (!box || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById("pg-map-data").textContent);
  var map = L.map(box, { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(box.dataset.attribution || "");
  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); }
  function colour(p) {
    if (p.score === null) { return "#64748b"; }
    if (p.passed === false || p.score < 50) { return "#b91c1c"; }
    return p.score >= 80 ? "#15803d" : "#f59e0b";
  }
  var counties = L.geoJSON(data.counties, {
    style: function () { return { color: "#64748b", weight: 1, fillColor: "#f8fafc", fillOpacity: 0.6 }; },
    onEachFeature: function (f, layer) {
      var label = document.createElement("span");
      label.textContent = f.properties.name;
      layer.bindTooltip(label, { sticky: true });
    }
  }).addTo(map);
  var markers = data.points.map(function (p) {
    var tip = document.createElement("div");
    var name = document.createElement("strong");
    name.textContent = p.name;
    var line = document.createElement("div");
    line.textContent = p.kind + " — " + (p.score === null ? box.dataset.noScore : fa(p.score));
    tip.appendChild(name);
    tip.appendChild(line);
    return L.circleMarker([p.lat, p.lng], { radius: 6, color: "#0f172a", weight: 1, fillColor: colour(p), fillOpacity: 0.9 })
      .bindTooltip(tip);
  });
  var layer = L.featureGroup(markers).addTo(map);
  var bounds = counties.getBounds();
  if (layer.getLayers().length) { bounds = bounds.isValid() ? bounds.extend(layer.getBounds()) : layer.getBounds(); }
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([32.4, 53.7], 5); }
})();
