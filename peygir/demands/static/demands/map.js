/* The demand map (web/reports/map.html): reads its data from json_script elements. */
/* Counties shaded by their demand count over a plain background (no tile server), the demands' own
   points on top, the OSM attribution in the corner. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-map-data").textContent);
  var labels = JSON.parse(document.getElementById("pg-map-labels").textContent);
  var map = L.map("pg-demand-map", { attributionControl: true, zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(labels.attribution);  // our own translated text (with its link)
  var max = Math.max(1, data.max_count);
  // Leaflet puts a string tooltip in as HTML; names typed by people go in as a text node instead.
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span;
  }
  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }); }
  function colour(count) {
    if (!count) { return "#f8fafc"; }
    var t = count / max;
    return t > 0.66 ? "#b91c1c" : t > 0.33 ? "#f97316" : "#fcd34d";
  }
  var counties = L.geoJSON(data.counties, {
    style: function (f) {
      return { color: "#64748b", weight: 1, fillColor: colour(f.properties.count), fillOpacity: 0.75 };
    },
    onEachFeature: function (f, layer) {
      layer.bindTooltip(text(f.properties.name + ": " + fa(f.properties.count) + " " + labels.demands), { sticky: true });
    }
  }).addTo(map);
  var points = data.points.map(function (p) {
    return L.circleMarker([p.lat, p.lng], { radius: 5, color: "#1d4ed8", weight: 1, fillOpacity: 0.8 })
      .bindTooltip(text(p.category + " — " + p.status));
  });
  var pointLayer = L.featureGroup(points).addTo(map);
  var bounds = counties.getBounds();
  if (pointLayer.getLayers().length) { bounds = bounds.isValid() ? bounds.extend(pointLayer.getBounds()) : pointLayer.getBounds(); }
  if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([32.4, 53.7], 5); }
})();
