
(function () {
  "use strict";
  // Progressive enhancement only: without this script every claim is listed, most echoed first.
  document.documentElement.classList.add("js");
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  each(document.querySelectorAll("[data-claims]"), function (story) {
    var table = story.querySelector("table.claims");
    if (!table) { return; }
    var body = table.tBodies[0];
    var controls = story.querySelector(".controls");
    var empty = story.querySelector(".claims-empty");
    var cards = story.querySelectorAll(".claim-detail");
    var state = { verdict: "all", key: "echoes", dir: -1 };
    if (controls) { controls.hidden = false; }

    function apply() {
      var shown = 0;
      each(body.rows, function (row) {
        var ok = state.verdict === "all" || row.getAttribute("data-verdict") === state.verdict;
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      each(cards, function (card) {
        card.hidden = !(state.verdict === "all" || card.getAttribute("data-verdict") === state.verdict);
      });
      if (empty) { empty.hidden = shown > 0; }
    }

    each(story.querySelectorAll("[data-filter]"), function (button) {
      button.addEventListener("click", function () {
        state.verdict = button.getAttribute("data-filter");
        each(story.querySelectorAll("[data-filter]"), function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        apply();
      });
    });

    each(table.querySelectorAll("button[data-sort]"), function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-sort");
        state.dir = state.key === key ? -state.dir : -1;
        state.key = key;
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var va = Number(a.getAttribute("data-" + key));
          var vb = Number(b.getAttribute("data-" + key));
          var diff = state.dir < 0 ? vb - va : va - vb;
          return diff !== 0 ? diff : Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        });
        rows.forEach(function (row) { body.appendChild(row); });
        each(table.querySelectorAll("th[aria-sort]"), function (th) { th.setAttribute("aria-sort", "none"); });
        button.parentNode.setAttribute("aria-sort", state.dir < 0 ? "descending" : "ascending");
      });
    });

    each(story.querySelectorAll("[data-expand]"), function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-expand") === "all";
        each(cards, function (card) { card.open = open; });
        button.setAttribute("data-expand", open ? "none" : "all");
        button.textContent = open ? "Collapse all details" : "Expand all details";
      });
    });
  });

  // Pointing at a node in a provenance graph brings its edges forward and fades the rest.
  each(document.querySelectorAll("svg.provenance"), function (svg) {
    var edges = svg.querySelectorAll(".edge");
    function light(handle) {
      svg.classList.toggle("dim", Boolean(handle));
      each(edges, function (edge) {
        var hot = Boolean(handle) && (edge.getAttribute("data-from") === handle || edge.getAttribute("data-to") === handle);
        edge.classList.toggle("hot", hot);
      });
    }
    each(svg.querySelectorAll("[data-node]"), function (node) {
      var handle = node.getAttribute("data-node");
      node.addEventListener("mouseenter", function () { light(handle); });
      node.addEventListener("mouseleave", function () { light(null); });
      node.addEventListener("focus", function () { light(handle); });
      node.addEventListener("blur", function () { light(null); });
    });
  });

  // A link to a claim or article inside a closed <details> opens it.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var node = id ? document.getElementById(id) : null;
    while (node) {
      if (node.tagName === "DETAILS") { node.open = true; }
      node = node.parentElement;
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
}());
