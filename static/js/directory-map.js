/*
 * The cluster directory's map (Leaflet, served by the site itself).
 *
 * Each element with [data-directory-map] becomes a map. It shows either the features of
 * the GeoJSON at data-geojson-url (one marker per organisation, a popup linking to its
 * profile) or one marker at data-latitude / data-longitude.
 *
 * No base map by default: the site's Content-Security-Policy allows images from 'self'
 * only, so tiles from an external tile server would be blocked, and no offline outline of
 * Serbia ships with the site. The markers sit on a plain background with a graticule (a
 * line every degree) so distances and directions still read. Setting MAP_TILE_URL (e.g. a
 * tile server proxied under this site's origin) fills data-tile-url and adds a tile layer.
 * Sizes are set through element.style (CSSOM), which the policy allows, unlike style
 * attributes in the HTML.
 */
(function () {
  "use strict";

  var SERBIA_BOUNDS = [[41.85, 18.8], [46.2, 23.05]];

  function graticule(map) {
    var lines = [];
    for (var lat = 40; lat <= 48; lat += 1) {
      lines.push([[lat, 17], [lat, 25]]);
    }
    for (var lng = 17; lng <= 25; lng += 1) {
      lines.push([[40, lng], [48, lng]]);
    }
    L.polyline(lines, { color: "#9aa5b1", weight: 1, opacity: 0.6, interactive: false }).addTo(map);
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function popup(properties) {
    var html = '<a href="' + escapeHtml(properties.url) + '">' + escapeHtml(properties.name) + "</a>";
    var meta = [properties.kind, properties.city].filter(Boolean).map(escapeHtml).join(" · ");
    return meta ? html + "<br>" + meta : html;
  }

  function createMap(element) {
    element.style.height = element.classList.contains("directory-map--small") ? "260px" : "420px";
    element.style.background = "#f4f6f8";
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(element.dataset.tileUrl) });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { maxZoom: 18 }).addTo(map);
    } else {
      graticule(map);
    }
    map.fitBounds(SERBIA_BOUNDS);
    return map;
  }

  function markerIcon() {
    var base = document.querySelector('script[src*="vendor/leaflet/leaflet.js"]');
    var path = base ? base.getAttribute("src").replace(/leaflet\.js.*$/, "images/") : "";
    L.Icon.Default.imagePath = path;
    return new L.Icon.Default();
  }

  function showFeatures(element, map) {
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.json();
      })
      .then(function (data) {
        var icon = markerIcon();
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { icon: icon, title: feature.properties.name });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popup(feature.properties));
          }
        }).addTo(map);
        if (data.features && data.features.length) {
          map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 10 });
        }
      })
      .catch(function () {
        element.setAttribute("data-map-error", "true");
      });
  }

  function init() {
    if (typeof L === "undefined") {
      return;
    }
    document.querySelectorAll("[data-directory-map]").forEach(function (element) {
      var map = createMap(element);
      if (element.dataset.geojsonUrl) {
        showFeatures(element, map);
      } else if (element.dataset.latitude && element.dataset.longitude) {
        var point = [parseFloat(element.dataset.latitude), parseFloat(element.dataset.longitude)];
        L.marker(point, { icon: markerIcon(), title: element.dataset.name || "" }).addTo(map);
        map.setView(point, 8);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
