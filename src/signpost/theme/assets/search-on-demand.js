// Search costs nothing until the reader opens it. Material fetches the whole search index
// and starts its search worker as soon as a page loads (hundreds of kilobytes, more than the
// page itself); here both wait until search is opened. Loaded before Material's bundle.
// From disk (file://) Material already waits, and the offline zip has its own worker.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-md-toggle=search]");
  var query = document.querySelector("[data-md-component=search-query]");
  if (!toggle || !query) return;

  // Material searches on keyup only. Text that arrives without one (pasted with the mouse,
  // dictated, or composed by some phone keyboards) is searched too.
  query.addEventListener("input", function (event) {
    if (!event.isTrusted) return;
    query.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });

  if (location.protocol === "file:") return;

  var opened = false;
  var waiting = [];
  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  function whenOpen(go) {
    if (opened) go();
    else waiting.push(go);
  }
  toggle.addEventListener("change", function () {
    if (toggle.checked) open();
  });
  query.addEventListener("focus", open);
  if (new URLSearchParams(location.search).has("q")) open();

  // The index request waits: Material's own request, sent once search is opened.
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.spIndex = /\/search\/search_index\.json$/.test(new URL(url, location.href).pathname);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.spIndex) return xhrSend.apply(request, args);
    whenOpen(function () { xhrSend.apply(request, args); });
  };

  // The search worker starts with the first message Material sends it, which is the index.
  var config = document.getElementById("__config");
  var workerUrl = config && JSON.parse(config.textContent).search;
  var RealWorker = window.Worker;
  if (!workerUrl || !RealWorker) return;
  var searchWorker = new URL(workerUrl, location.href).href;

  function WorkerOnDemand(url, options) {
    var target = new EventTarget();
    var worker = null;
    function start() {
      if (worker) return worker;
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        target.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("error", function (event) {
        target.dispatchEvent(new ErrorEvent("error", { message: event.message }));
      });
      return worker;
    }
    this.postMessage = function (data, transfer) { start().postMessage(data, transfer); };
    this.terminate = function () { if (worker) worker.terminate(); };
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.dispatchEvent = target.dispatchEvent.bind(target);
  }

  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== searchWorker) return new RealWorker(url, options);
    return new WorkerOnDemand(url, options);
  };
  window.Worker.prototype = RealWorker.prototype;
})();
