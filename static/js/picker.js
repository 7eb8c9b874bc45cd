// danvan unit picker: type a name (diacritics optional), choose from the units in your scope. The form receives
// the unit's code in a hidden input; nobody types a code. No inline scripts (CSP).
(function () {
  "use strict";
  var timer = null;

  function closeList(picker) {
    var list = picker.querySelector(".dv-picker-list");
    var input = picker.querySelector("[data-dv-picker-input]");
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(picker, option) {
    var input = picker.querySelector("[data-dv-picker-input]");
    var code = option.getAttribute("data-code");
    var name = option.getAttribute("data-name");
    if (picker.hasAttribute("data-multiple")) {
      var chips = picker.querySelector(".dv-picker-chips");
      if (!chips.querySelector('input[value="' + code + '"]')) {
        var chip = document.createElement("li");
        chip.className = "badge text-bg-light border dv-picker-chip";
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = picker.getAttribute("data-name");
        hidden.value = code;
        chip.appendChild(hidden);
        chip.appendChild(document.createTextNode(name + " "));
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "btn-close btn-close-sm ms-1";
        remove.setAttribute("data-dv-picker-remove", "");
        remove.setAttribute("aria-label", "✕ " + name);
        chip.appendChild(remove);
        chips.appendChild(chip);
      }
      input.value = "";
    } else {
      picker.querySelector("[data-dv-picker-value]").value = code;
      input.value = name;
      var path = picker.querySelector("[data-dv-picker-path]");
      if (path) path.textContent = option.getAttribute("data-path") || "";
    }
    closeList(picker);
    input.focus();
  }

  function render(picker, results) {
    var list = picker.querySelector(".dv-picker-list");
    var input = picker.querySelector("[data-dv-picker-input]");
    list.innerHTML = "";
    results.forEach(function (unit, i) {
      var li = document.createElement("li");
      li.className = "list-group-item list-group-item-action dv-picker-option";
      li.id = input.id + "-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("data-code", unit.code);
      li.setAttribute("data-name", unit.name);
      li.setAttribute("data-path", unit.path);
      var strong = document.createElement("div");
      strong.textContent = unit.name;
      var small = document.createElement("div");
      small.className = "small text-muted";
      small.textContent = unit.path;
      li.appendChild(strong);
      li.appendChild(small);
      list.appendChild(li);
    });
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "list-group-item small text-muted";
      none.textContent = list.getAttribute("data-empty") || "—";
      list.appendChild(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function search(picker) {
    var input = picker.querySelector("[data-dv-picker-input]");
    var q = input.value.trim();
    if (q.length < 2) { closeList(picker); return; }
    var url = picker.getAttribute("data-url") + "?q=" + encodeURIComponent(q);
    if (picker.getAttribute("data-kinds")) url += "&kinds=" + encodeURIComponent(picker.getAttribute("data-kinds"));
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {results: [], empty: ""}; })
      .then(function (data) {
        if (input.value.trim() !== q) return;  // a newer search is on its way
        picker.querySelector(".dv-picker-list").setAttribute("data-empty", data.empty || "");
        render(picker, data.results || []);
      });
  }

  document.addEventListener("input", function (event) {
    var input = event.target.closest("[data-dv-picker-input]");
    if (!input) return;
    var picker = input.closest("[data-dv-picker]");
    var value = picker.querySelector("[data-dv-picker-value]");
    if (value) {
      // The typed text no longer names the chosen unit: nothing is chosen until a unit is picked again.
      value.value = "";
      var path = picker.querySelector("[data-dv-picker-path]");
      if (path) path.textContent = "";
    }
    clearTimeout(timer);
    timer = setTimeout(function () { search(picker); }, 200);
  });

  document.addEventListener("keydown", function (event) {
    var input = event.target.closest("[data-dv-picker-input]");
    if (!input) return;
    var picker = input.closest("[data-dv-picker]");
    var list = picker.querySelector(".dv-picker-list");
    var options = Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    var current = options.findIndex(function (o) { return o.classList.contains("active"); });
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden || !options.length) return;
      event.preventDefault();
      var next = event.key === "ArrowDown" ? Math.min(current + 1, options.length - 1) : Math.max(current - 1, 0);
      options.forEach(function (o) { o.classList.remove("active"); o.setAttribute("aria-selected", "false"); });
      options[next].classList.add("active");
      options[next].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[next].id);
      options[next].scrollIntoView({block: "nearest"});
    } else if (event.key === "Enter") {
      if (list.hidden) return;
      event.preventDefault();  // never submit the form while choosing
      var pick = current >= 0 ? options[current] : (options.length === 1 ? options[0] : null);
      if (pick) choose(picker, pick);
    } else if (event.key === "Escape") {
      closeList(picker);
    }
  });

  document.addEventListener("click", function (event) {
    var option = event.target.closest(".dv-picker-option");
    if (option) { choose(option.closest("[data-dv-picker]"), option); return; }
    var remove = event.target.closest("[data-dv-picker-remove]");
    if (remove) { remove.closest(".dv-picker-chip").remove(); return; }
    document.querySelectorAll("[data-dv-picker] .dv-picker-list:not([hidden])").forEach(function (list) {
      if (!list.closest("[data-dv-picker]").contains(event.target)) closeList(list.closest("[data-dv-picker]"));
    });
  });
})();
