/* Peygir inspections service worker (scope /inspections/).
   Keeps the inspector's pages and their assets so that a visit page opens and reloads with no
   network. Pages: network first, the cached copy when offline. Assets: cache first. The inspector's
   revealed visits are cached when the page sends {type: "cache-bundle"} with their URLs. Answers and
   photos are NOT kept here: the page stores them in IndexedDB and sends them itself. */
"use strict";
var CACHE = "peygir-inspections-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function isAsset(url) { return url.pathname.indexOf("/static/") === 0; }

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (isAsset(url)) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request, { ignoreVary: true }).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) { cache.put(request, response.clone()); }
          return response;
        });
      });
    }));
    return;
  }
  if (url.pathname.indexOf("/inspections/") !== 0) { return; }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok && !response.redirected) { cache.put(request, response.clone()); }
      return response;
    }).catch(function () {
      return cache.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (hit) {
        return hit || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      });
    });
  }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "cache-bundle" || !Array.isArray(data.urls)) { return; }
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(data.urls.map(function (u) {
      return fetch(u, { credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) { return cache.put(u, response); }
      }).catch(function () { /* offline: keep the older copy */ });
    }));
  }));
});
