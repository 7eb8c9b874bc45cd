// The situation pages: a picker that makes another one not apply (a special round is its own period, so the month
// picker is switched off while a round is chosen; a weekly digest takes a week, a monthly one a month; decision
// 0054). No inline scripts (CSP).
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
  // A kind that picks which pickers apply (a weekly digest takes a week, a monthly one a month): each picker
  // switched by it names the value it applies to; the others are off and say why.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-dv-switches]");
    if (!select) return;
    var group = select.getAttribute("data-dv-switches");
    document.querySelectorAll('[data-dv-switched-by="' + group + '"]').forEach(function (picker) {
      picker.disabled = picker.getAttribute("data-dv-when") !== select.value;
      var help = document.querySelector('[data-dv-disabled-help="' + picker.id + '"]');
      if (help) help.hidden = !picker.disabled;
    });
  });
})();
