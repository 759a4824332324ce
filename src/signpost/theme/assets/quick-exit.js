/* Quick exit: leave at once, by the button or by pressing Shift on its own 3 times in 5 s.
   Leaving hides the page, clears what this site stored, and replaces the page in the
   history, so Back does not bring it back. Loaded right after the bar, before the page. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-sp-exit]");
  if (!bar) return;
  var button = bar.querySelector(".sp-exit__button");
  var live = bar.querySelector("[data-sp-exit-live]");
  var dots = bar.querySelectorAll(".sp-exit__dots i");
  var WINDOW = 5000;
  var presses = [];
  var shiftAlone = false;
  var timer = 0;
  var title = document.title;

  function show(n) {
    for (var i = 0; i < dots.length; i++) dots[i].classList.toggle("sp-on", i < n);
    bar.classList.toggle("sp-exit--counting", n > 0);
    live.textContent = n ? bar.getAttribute("data-count").replace("{n}", String(n)) : "";
  }

  function reset() {
    presses = [];
    clearTimeout(timer);
    show(0);
  }

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("sp-leaving");
    if (document.body) document.body.hidden = true;
    document.title = "";
    try { sessionStorage.clear(); } catch (e) { /* storage blocked: nothing stored */ }
    try { localStorage.clear(); } catch (e) { /* storage blocked: nothing stored */ }
    location.replace(button.href);
  }

  button.addEventListener("click", leave);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) shiftAlone = true;
      return;
    }
    shiftAlone = false; /* Shift+letter, or any other key: not a quick-exit press */
    if (presses.length) reset();
  }, true);

  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) return;
    shiftAlone = false;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < WINDOW; });
    presses.push(now);
    if (presses.length >= 3) {
      show(3);
      leave();
      return;
    }
    show(presses.length);
    clearTimeout(timer);
    timer = setTimeout(reset, WINDOW - (now - presses[0]));
  }, true);

  /* A page restored from the back-forward cache must not stay blank or half-counted. */
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.documentElement.classList.remove("sp-leaving");
    if (document.body) document.body.hidden = false;
    document.title = title;
    reset();
  });
})();
