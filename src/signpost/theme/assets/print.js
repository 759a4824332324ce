// Printing opens every collapsed <details> block, so nothing is missing on paper, and closes
// again the ones it opened once printing is over. A file, not an inline script, so a
// Content-Security-Policy without 'unsafe-inline' still allows it.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) {
      d.open = false;
    });
    opened = [];
  });
})();
