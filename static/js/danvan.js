// danvan: tiny behaviours that htmx does not cover. No inline scripts (CSP).
document.addEventListener("click", function (event) {
  // Collapse a tree node whose children were loaded: the second click hides them again.
  var button = event.target.closest("[data-dv-collapse]");
  if (!button) return;
  var target = document.getElementById(button.getAttribute("data-dv-collapse"));
  if (target && target.dataset.loaded === "1") {
    event.preventDefault();
    event.stopImmediatePropagation();
    target.hidden = !target.hidden;
    button.textContent = target.hidden ? "+" : "−";
  }
}, true);
document.body.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (target && target.id && target.id.indexOf("children-") === 0) {
    target.dataset.loaded = "1";
    var button = document.querySelector('[data-dv-collapse="' + target.id + '"]');
    if (button) button.textContent = "−";
  }
});
