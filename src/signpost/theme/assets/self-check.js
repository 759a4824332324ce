// The self-check: each choice becomes a button that says at once whether it was right, and
// why, in a polite live region beside the question (focus stays on the button pressed).
// Without JavaScript the choices stay a list and each answer waits behind "Show the answer".
// Nothing is stored and nothing is sent: the answer is already in the page.
(function () {
  "use strict";
  function text(box, selector) {
    var found = box.querySelector(selector);
    return found ? found.textContent : "";
  }
  function question(item, right, wrong) {
    var list = item.querySelector(".sp-choices");
    var feedback = item.querySelector(".sp-feedback");
    var answer = item.querySelector(".sp-answer");
    if (!list || !feedback || !answer) return;
    var key = text(answer, ".sp-key");
    var why = text(answer, ".sp-why");
    var buttons = [];
    Array.prototype.forEach.call(list.children, function (li) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sp-choice";
      button.setAttribute("aria-pressed", "false");
      while (li.firstChild) button.appendChild(li.firstChild);
      li.appendChild(button);
      buttons.push(button);
      button.addEventListener("click", function () {
        var ok = li.classList.contains("sp-right");
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
          other.classList.remove("sp-picked-right", "sp-picked-wrong");
        });
        button.classList.add(ok ? "sp-picked-right" : "sp-picked-wrong");
        feedback.className = "sp-feedback " + (ok ? "sp-is-right" : "sp-is-wrong");
        feedback.textContent = ok ? right + " " + why : wrong + " " + key + ". " + why;
      });
    });
    answer.hidden = true;
  }
  function setup() {
    document.querySelectorAll(".sp-self-check").forEach(function (box) {
      if (box.getAttribute("data-ready")) return;
      box.setAttribute("data-ready", "1");
      var right = text(box, ".sp-says-right");
      var wrong = text(box, ".sp-says-wrong");
      box.querySelectorAll(".sp-question").forEach(function (item) {
        question(item, right, wrong);
      });
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
