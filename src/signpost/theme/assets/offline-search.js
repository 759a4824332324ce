// Search in the offline zip. Opened from disk (file://), browsers refuse to start a
// Web Worker, so Material's search worker runs in a hidden frame of the page instead.
// Loaded only in offline builds, before Material's bundle creates its worker.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function load(doc, src) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + src)); };
      doc.head.appendChild(script);
    });
  }

  function FrameWorker(url) {
    var target = document.createDocumentFragment();
    var frame = document.createElement("iframe");
    var pending = [];
    var ready = false;
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "search";
    document.body.appendChild(frame);
    var win = frame.contentWindow;
    // What the worker script expects of its global scope: replies go to the page,
    // and the language files it imports load in order before it goes on.
    win.postMessage = function (data) {
      target.dispatchEvent(new MessageEvent("message", { data: data }));
    };
    win.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) {
        return done.then(function () { return load(win.document, src); });
      }, Promise.resolve());
    };
    load(win.document, new URL(url, location.href).href).then(function () {
      ready = true;
      pending.splice(0).forEach(function (data) { send(data); });
    });
    function send(data) {
      win.dispatchEvent(new win.MessageEvent("message", { data: data }));
    }
    this.postMessage = function (data) {
      if (ready) send(data);
      else pending.push(data);
    };
    this.addEventListener = target.addEventListener.bind(target);
    this.removeEventListener = target.removeEventListener.bind(target);
    this.terminate = function () { frame.remove(); };
  }

  // The worker script checks for this name to find its language files beside it.
  window.IFrameWorker = FrameWorker;
  window.Worker = FrameWorker;
})();
