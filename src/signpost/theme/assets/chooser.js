/* Language chooser: gently mark the first of the reader's browser languages the site has.
   Only a highlight: the reader chooses, and nothing redirects. */
(function () {
  "use strict";
  var items = document.querySelectorAll("[data-sp-langs] > li[data-lang]");
  var wanted = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || ""];
  for (var w = 0; w < wanted.length; w++) {
    var code = String(wanted[w]).toLowerCase().split("-")[0];
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-lang") === code) {
        var note = document.createElement("span");
        note.className = "sp-langs__suggested";
        note.textContent = items[i].getAttribute("data-suggested");
        items[i].classList.add("sp-suggested");
        items[i].insertBefore(note, items[i].firstChild);
        return;
      }
    }
  }
})();
