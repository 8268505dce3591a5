/*
 * The cluster directory's and the events' maps (Leaflet, served by the site itself).
 *
 * Each element with [data-directory-map] becomes a map. It shows either the features of
 * the GeoJSON at data-geojson-url (one marker per organisation, a popup linking to its
 * profile; organisations close together gather in a cluster, Leaflet.markercluster, which
 * a click or Enter opens: zoomed in, or spread out around the point when they share one) or
 * one marker at data-latitude / data-longitude.
 *
 * The base layer is the site's own: the outline of Serbia and its districts at
 * data-outline-url (static/geo/serbia-districts.geojson, Natural Earth), drawn as vectors.
 * The site's Content-Security-Policy allows images from 'self' only, so tiles from an
 * external tile server would be blocked; setting MAP_TILE_URL (e.g. a tile server proxied
 * under this site's origin) fills data-tile-url and draws tiles instead. Sizes are set
 * through element.style (CSSOM), which the policy allows, unlike style attributes in the
 * HTML.
 */
(function () {
  "use strict";

  var SERBIA_BOUNDS = [[41.85, 18.8], [46.2, 23.05]];
  var MAX_ZOOM = 14;

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

  function drawOutline(element, map) {
    fetch(element.dataset.outlineUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.json();
      })
      .then(function (data) {
        L.geoJSON(data, {
          pane: "outline",
          interactive: false,
          style: { color: "#8a96a3", weight: 1, fillColor: "#ffffff", fillOpacity: 1 }
        }).addTo(map);
        element.setAttribute("data-outline", "drawn");
      })
      .catch(function () {
        element.setAttribute("data-outline", "error");
      });
  }

  function createMap(element) {
    element.style.height = element.classList.contains("directory-map--small") ? "260px" : "420px";
    element.style.background = "#e8edf2";
    var map = L.map(element, {
      scrollWheelZoom: false,
      zoomSnap: 0.25,
      maxZoom: MAX_ZOOM,
      attributionControl: Boolean(element.dataset.tileUrl)
    });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { maxZoom: 18 }).addTo(map);
      map.setMaxZoom(18);
    } else if (element.dataset.outlineUrl) {
      // Under the markers and their clusters, above nothing: the outline is the base map.
      map.createPane("outline").style.zIndex = 200;
      drawOutline(element, map);
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

  function markerGroup(map) {
    if (typeof L.markerClusterGroup !== "function") {
      return L.featureGroup();
    }
    var group = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 60,
      spiderfyOnMaxZoom: true,
      // Spread wide enough that each marker keeps its own 24 px target.
      spiderfyDistanceMultiplier: 1.6
    });
    // Organisations at one address (a city's centre) spread around it: bring them into view.
    group.on("spiderfied", function (event) {
      map.panTo(event.cluster.getLatLng());
    });
    return group;
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
        var group = markerGroup(map);
        L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { icon: icon, title: feature.properties.name, alt: feature.properties.name });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popup(feature.properties));
          }
        }).eachLayer(function (marker) {
          group.addLayer(marker);
        });
        group.addTo(map);
        if (data.features && data.features.length) {
          // Room above for the pins, which stand on their point, and beside the zoom buttons.
          // At once, not animated: a click during the zoom (the page is ready to use) would
          // land on clusters about to be redrawn, and their fan would fold back.
          map.fitBounds(group.getBounds(), { paddingTopLeft: [48, 48], paddingBottomRight: [24, 24], maxZoom: 10, animate: false });
        }
        element.setAttribute("data-markers", String(data.features ? data.features.length : 0));
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
        L.marker(point, { icon: markerIcon(), title: element.dataset.name || "", alt: element.dataset.name || "" }).addTo(map);
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
