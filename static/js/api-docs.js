// Starts Swagger UI on /api/v1/docs from the vendored bundle. A static file, not an inline script: the
// Content-Security-Policy allows scripts from this site only.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var csrf = root.dataset.csrf;
  window.ui = window.SwaggerUIBundle({
    url: root.dataset.url,
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No call to the public validator service: the page works offline and sends the schema nowhere.
    validatorUrl: null,
    requestInterceptor: function (request) {
      // "Try it out" from this page runs as the logged-in session; its writes need the CSRF token.
      // A request sent with a token (Authorize) does not use the session.
      if (!request.headers.Authorization) {
        request.headers["X-CSRFToken"] = csrf;
      }
      return request;
    },
  });
});
