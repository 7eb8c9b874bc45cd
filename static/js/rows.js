// danvan row editors: add and remove the rows of a list (chairs, attendance, conclusions, targets…).
// No inline scripts (CSP); the unit pickers inside rows work through picker.js's delegated events.
(function () {
  "use strict";
  var counter = 0;
  document.addEventListener("click", function (event) {
    var add = event.target.closest("[data-dv-rows-add]");
    if (add) {
      var editor = add.closest("[data-dv-rows]");
      var template = editor.querySelector("template[data-dv-rows-template]");
      counter += 1;
      var html = template.innerHTML.split("__ROW__").join("n" + counter);
      var body = editor.querySelector("tbody");
      body.insertAdjacentHTML("beforeend", html);
      var first = body.lastElementChild.querySelector("input:not([type=hidden]), textarea");
      if (first) first.focus();
      return;
    }
    var remove = event.target.closest("[data-dv-rows-remove]");
    if (remove) {
      var row = remove.closest("tr");
      var tbody = row.parentNode;
      if (tbody.children.length > 1) {
        row.remove();
      } else {
        // The last row is emptied rather than removed, so there is always a row to type in.
        row.querySelectorAll("input, textarea").forEach(function (input) { input.value = ""; });
      }
    }
  });
})();
