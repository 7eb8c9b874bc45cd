/* Offline entry (issue 15): forms marked data-dv-offline are kept on this device when there is no connection and
   sent when it comes back. Each kept entry is tied to the person who made it (data-dv-user on <body>): it is
   never sent under another login. The server's rules decide on arrival: the optimistic lock refuses an entry
   made on a page someone changed since, and the page then shows what happened. */
(function () {
  "use strict";
  var KEY = "danvan-outbox";
  var body = document.body;
  var user = body && body.getAttribute("data-dv-user");
  if (!user) {
    // Logged out (the login page): the copies of entry pages kept for offline use go with the session.
    if (window.caches) {
      caches.keys().then(function (keys) {
        keys.filter(function (k) { return k.indexOf("danvan-offline") === 0; }).forEach(function (k) { caches.delete(k); });
      });
    }
    return;
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  }

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); }
  function mine(items) { return items.filter(function (i) { return i.user === user; }); }

  function status(text, kind, link) {
    var box = document.getElementById("dv-offline-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "dv-offline-status";
      box.setAttribute("role", "status");
      box.className = "alert mb-0 rounded-0 small";
      body.insertBefore(box, body.firstChild);
    }
    box.className = "alert mb-0 rounded-0 small alert-" + kind;
    box.textContent = text + " ";
    if (link) {
      var a = document.createElement("a");
      a.href = link.href; a.textContent = link.text;
      box.appendChild(a);
    }
  }

  function showWaiting() {
    var waiting = mine(load()).filter(function (i) { return !i.conflict; });
    var conflicts = mine(load()).filter(function (i) { return i.conflict; });
    if (conflicts.length) {
      status(conflicts.length + " mục nhập khi mất mạng không lưu được: trang đã có người sửa trước, hoặc số liệu có lỗi. " +
             "Hãy mở lại trang, nhập lại.", "danger", { href: conflicts[0].page, text: conflicts[0].label });
    } else if (waiting.length) {
      status("Đang mất mạng: " + waiting.length + " mục đã lưu trên máy này, sẽ tự gửi khi có mạng trở lại.", "warning");
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-dv-offline]") || navigator.onLine) return;
    event.preventDefault();
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") fields.push([name, value]);
    });
    if (event.submitter && event.submitter.name) fields.push([event.submitter.name, event.submitter.value || ""]);
    var items = load();
    items.push({
      user: user,
      url: form.action || location.href,
      page: location.href,
      label: form.getAttribute("data-dv-offline"),
      fields: fields,
      at: Date.now()
    });
    save(items);
    showWaiting();
  });

  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) return;
    var items = load();
    var todo = items.filter(function (i) { return i.user === user && !i.conflict; });
    if (!todo.length) { showWaiting(); return; }
    flushing = true;
    var sent = 0;
    var chain = Promise.resolve();
    todo.forEach(function (item) {
      chain = chain.then(function () {
        // A fresh CSRF token from the page (the one kept may belong to an earlier login); everything else as typed,
        // the one-time form token and the version the page was opened with included.
        return fetch(item.page, { credentials: "same-origin", cache: "no-store" }).then(function (page) {
          return page.text();
        }).then(function (html) {
          var match = html.match(/name="csrfmiddlewaretoken" value="([^"]+)"/);
          var data = new URLSearchParams();
          item.fields.forEach(function (pair) {
            data.append(pair[0], pair[0] === "csrfmiddlewaretoken" && match ? match[1] : pair[1]);
          });
          return fetch(item.url, { method: "POST", body: data, credentials: "same-origin", redirect: "follow" });
        }).then(function (response) {
          var all = load();
          var index = all.findIndex(function (i) { return i.at === item.at && i.user === item.user; });
          if (response.redirected && response.ok) {
            if (index >= 0) all.splice(index, 1);
            sent += 1;
          } else if (index >= 0) {
            all[index].conflict = true;
          }
          save(all);
        });
      }).catch(function () { /* still offline: try again later */ });
    });
    chain.then(function () {
      flushing = false;
      if (sent) status("Đã gửi " + sent + " mục nhập khi mất mạng.", "success");
      showWaiting();
    });
  }

  window.addEventListener("online", flush);
  window.addEventListener("offline", function () {
    status("Đang mất mạng. Đồng chí vẫn nhập được báo cáo, tiếp nhận đơn: dữ liệu lưu trên máy này, tự gửi khi có mạng.", "warning");
  });
  if (navigator.onLine) flush(); else showWaiting();
})();
