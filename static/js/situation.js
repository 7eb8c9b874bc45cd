// The situation pages: a picker that makes another one not apply (a special round is its own period, so the month
// picker is switched off while a round is chosen; decision 0054). No inline scripts (CSP).
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-dv-disables]");
    if (!select) return;
    var id = select.getAttribute("data-dv-disables");
    var target = document.getElementById(id);
    if (!target) return;
    target.disabled = select.value !== "";
    var help = document.querySelector('[data-dv-disabled-help="' + id + '"]');
    if (help) help.hidden = !target.disabled;
  });
})();
