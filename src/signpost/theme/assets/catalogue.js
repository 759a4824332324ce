// Catalogue facets: every select narrows the list; they combine (AND).
// Without JavaScript the form stays hidden and the grouped list is shown in full.
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("form.sp-facets");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var items = Array.prototype.slice.call(document.querySelectorAll(".sp-catalogue li"));
    var count = form.querySelector(".sp-count");
    function apply() {
      var shown = 0;
      var selects = form.querySelectorAll("select[data-facet]");
      items.forEach(function (li) {
        var ok = Array.prototype.every.call(selects, function (sel) {
          if (!sel.value) return true;
          var values = (li.getAttribute("data-" + sel.dataset.facet) || "").split(" ");
          return values.indexOf(sel.value) !== -1;
        });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      document.querySelectorAll("h2.sp-group").forEach(function (h) {
        var list = h.nextElementSibling;
        var any = list && list.querySelector("li:not([hidden])");
        h.hidden = !any;
        if (list) list.hidden = !any;
      });
      count.textContent = shown ? count.dataset.template.replace("{n}", shown) : count.dataset.empty;
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
