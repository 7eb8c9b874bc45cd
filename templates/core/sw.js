/* danvan service worker: the report entry and petition intake pages open without a connection.
   The two entry pages and the static files they use: network first, the last copy seen when offline. Nothing else
   is cached; the caches are emptied at logout (offline.js on the login page). Served from /sw.js so that its
   scope is the whole site. */
"use strict";
const CACHE = "danvan-offline-v1";
const OFFLINE_PAGES = [/^\/bao-cao\/nhap\/\d+\/[^/]+\/[^/]+\/$/, /^\/don-thu\/tiep-nhan\/$/];

self.addEventListener("install", function (event) {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const isStatic = url.pathname.startsWith("/static/");
  if (isStatic || (request.mode === "navigate" && OFFLINE_PAGES.some(function (p) { return p.test(url.pathname); }))) {
    event.respondWith(
      fetch(request).then(function (response) {
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      }).catch(function () {
        return caches.match(request).then(function (hit) {
          if (hit || isStatic) return hit || Response.error();
          return new Response(
            "<!doctype html><meta charset=utf-8><title>danvan</title><p>Chưa có bản lưu của trang này trên máy. " +
            "Hãy mở trang một lần khi có mạng.</p>",
            { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } }
          );
        });
      })
    );
  }
});
