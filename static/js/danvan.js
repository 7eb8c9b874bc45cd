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

// Figures typed into a report are shown the Vietnamese way as soon as the field is left: "1234567" → "1.234.567",
// "12.5" stays for the server to refuse or read. The server reads the same forms (core/numbers.py), so what is
// shown is what is saved; anything this does not recognise is left exactly as typed.
function dvParseNumber(text) {
  var t = text.replace(/[\s\u00a0]/g, "");
  if (t.indexOf(",") >= 0) t = t.replace(/\./g, "").replace(",", ".");
  else if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return null;
  return t;
}
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[data-dv-number]")) return;
  var plain = dvParseNumber(input.value);
  if (plain === null) return;
  var parts = plain.replace(/^\+/, "").split(".");
  var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  input.value = parts.length > 1 ? whole + "," + parts[1] : whole;
});
