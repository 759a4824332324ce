/* Language chooser: the first of the reader's browser languages the site has goes to the
   top of the list, marked, and the exit bar speaks it. Only a suggestion: the reader
   chooses, nothing redirects, and without this script every language is listed as built. */
(function () {
  "use strict";
  var list = document.querySelector("[data-sp-langs]");
  if (!list) return;
  var items = list.querySelectorAll("li[data-lang]");
  var wanted = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];

  function speak(item) {
    var bar = document.querySelector("[data-sp-exit]");
    if (!bar || !item.getAttribute("data-exit-label")) return;
    var button = bar.querySelector(".sp-exit__button");
    var hint = bar.querySelector("#sp-exit-hint");
    var safe = bar.querySelector(".sp-exit__safe");
    bar.setAttribute("lang", item.getAttribute("lang"));
    bar.setAttribute("dir", item.getAttribute("dir"));
    bar.setAttribute("data-count", item.getAttribute("data-exit-count"));
    button.textContent = item.getAttribute("data-exit-label");
    button.setAttribute("href", item.getAttribute("data-exit-url"));
    if (hint) hint.textContent = item.getAttribute("data-exit-hint");
    if (safe && item.getAttribute("data-exit-safe")) {
      safe.textContent = item.getAttribute("data-exit-safe");
      safe.setAttribute("href", item.getAttribute("data-exit-safe-href"));
    }
  }

  for (var w = 0; w < wanted.length; w++) {
    var code = String(wanted[w]).toLowerCase().split("-")[0];
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-lang") === code) {
        var note = document.createElement("span");
        note.className = "sp-langs__suggested";
        note.textContent = items[i].getAttribute("data-suggested");
        items[i].classList.add("sp-suggested");
        items[i].insertBefore(note, items[i].firstChild);
        list.insertBefore(items[i], list.firstChild);
        speak(items[i]);
        return;
      }
    }
  }
})();
