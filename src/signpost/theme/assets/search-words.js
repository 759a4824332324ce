// Search finds a word however the reader types it: "educacion" finds "educación",
// "استدراج" finds "الاستدراج", "l'aide" looks for "aide". The build lists each word's other
// forms in the index (signpost/theme/search_words.py); this gives the reader's query the
// same forms, by the same rules, which the index carries (config.signpost_words). It sits
// between Material's bundle and its search worker (or the offline copy's frame), reading
// the index as it is handed over and widening each query on its way. Loaded before the bundle.
(function () {
  "use strict";
  var config = document.getElementById("__config");
  var workerUrl = config && JSON.parse(config.textContent).search;
  var Inner = window.Worker;
  if (!workerUrl || !Inner) return;
  var searchWorker = new URL(workerUrl, location.href).href;
  var SETUP = 0;  // Material's message types: the index, then each query
  var QUERY = 2;
  var MAX_SUFFIXES = 2;
  var SYNTAX = /[+\-*~^:"]/;  // a term in Material's query syntax is left as typed

  function fold(word, rules) {
    var bare = word.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
    return Array.from(bare).map(function (c) {
      return Object.prototype.hasOwnProperty.call(rules.letters, c) ? rules.letters[c] : c;
    }).join("");
  }

  function strip(word, affixes, shortest, front, times) {
    var forms = [];
    for (var round = 0; round < times; round++) {
      var found = affixes.find(function (affix) {
        return word.length - affix.length >= shortest &&
          (front ? word.startsWith(affix) : word.endsWith(affix));
      });
      if (!found) break;
      word = front ? word.slice(found.length) : word.slice(0, word.length - found.length);
      forms.push(word);
    }
    return forms;
  }

  // The same forms as forms_of() in search_words.py.
  function formsOf(word, rules) {
    var forms = [fold(word, rules)];
    function last() { return forms[forms.length - 1]; }
    forms = forms.concat(strip(last(), rules.conjunctions, rules.shortest, true, 1));
    forms = forms.concat(strip(last(), rules.prefixes, rules.shortest, true, 1));
    return forms.concat(strip(last(), rules.suffixes, rules.shortest, false, MAX_SUFFIXES));
  }

  function widen(query, rules, separator) {
    var terms = [];
    query.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      if (SYNTAX.test(chunk)) { terms.push(chunk); return; }
      var words = chunk.split(separator).filter(Boolean);
      // "l'aide": the elided word before the apostrophe is not what the reader looks for.
      while (words.length > 1 && rules.elisions.indexOf(fold(words[0], rules)) >= 0) {
        words.shift();
      }
      words.forEach(function (word) {
        terms.push(word);
        formsOf(word, rules).forEach(function (form) { terms.push(form); });
      });
    });
    var seen = {};
    return terms.filter(function (term) {
      var key = term.toLowerCase();
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    }).join(" ");
  }

  function WordsWorker(url, options) {
    var inner = new Inner(url, options);
    var rules = null;
    var separator = /[\s\-]+/;
    this.postMessage = function (message, transfer) {
      if (message && message.type === SETUP && message.data && message.data.config) {
        rules = message.data.config.signpost_words || null;
        // A result found by a form of the word would list the word as typed under
        // "Missing"; with every form searched that line says something untrue.
        if (rules) document.documentElement.classList.add("sp-search-widened");
        try { separator = new RegExp(message.data.config.separator || "[\\s\\-]+"); }
        catch (e) { /* Material's default, above */ }
      } else if (rules && message && message.type === QUERY && typeof message.data === "string") {
        message = { type: QUERY, data: widen(message.data, rules, separator) };
      }
      return transfer ? inner.postMessage(message, transfer) : inner.postMessage(message);
    };
    this.addEventListener = inner.addEventListener.bind(inner);
    this.removeEventListener = inner.removeEventListener.bind(inner);
    this.terminate = function () { inner.terminate(); };
  }

  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== searchWorker) return new Inner(url, options);
    return new WordsWorker(url, options);
  };
  window.Worker.prototype = Inner.prototype;
})();
