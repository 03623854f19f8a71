/* mkdocs-runs-api: "Expand all" / "Collapse all" for schema trees, opening the collapsed
   levels around a linked property, and the "Try it" button, which loads the console
   (try-it.js and try-it.css, beside this file) only when pressed. Without JavaScript the trees
   still open level by level and the button stays hidden.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
  var script = document.currentScript;
  var assets = script && script.src ? script.src.replace(/[^/?#]*([?#].*)?$/, "") : "";
  function loadConsoleStyle() {
    if (document.querySelector("link[data-try-it-style]")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = assets + "try-it.css";
    link.setAttribute("data-try-it-style", "");
    document.head.appendChild(link);
  }
  function openConsole(button) {
    var panel = button.closest("[data-try-it-panel]");
    var open = panel && panel.querySelector("[data-try-it-console]");
    if (open) {
      open.hidden = !open.hidden;
      button.textContent = open.hidden ? "Try it" : "Hide the console";
      return;
    }
    if (!panel || button.disabled) return;
    button.disabled = true;
    loadConsoleStyle();
    import(assets + "try-it.js")
      .then(function (module) {
        return module.openConsole(panel, panel.getAttribute("data-try-it-panel"));
      })
      .then(function () { button.textContent = "Hide the console"; })
      .catch(function (error) {
        var note = document.createElement("p");
        note.className = "runs-api-try-it__failed";
        note.textContent = "The console could not start: " + error.message;
        panel.appendChild(note);
      })
      .finally(function () { button.disabled = false; });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-try-it]");
    if (button) openConsole(button);
  });
  function setAll(tree, open) {
    tree.querySelectorAll("details.runs-api-nested").forEach(function (d) { d.open = open; });
  }
  function button(label, tree, open) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", function () { setAll(tree, open); });
    return b;
  }
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var d = target && target.closest("details"); d; d = d.parentElement.closest("details")) {
      d.open = true;
    }
    if (target) target.scrollIntoView();
  }
  function init() {
    document.querySelectorAll(".runs-api-tree").forEach(function (tree) {
      if (tree.querySelector(".runs-api-tree__controls") || !tree.querySelector("details")) return;
      var controls = document.createElement("div");
      controls.className = "runs-api-tree__controls";
      controls.appendChild(button("Expand all", tree, true));
      controls.appendChild(button("Collapse all", tree, false));
      tree.insertBefore(controls, tree.firstChild);
    });
    document.querySelectorAll("[data-try-it][hidden]").forEach(function (b) { b.hidden = false; });
    if (location.hash) openTarget();
  }
  window.addEventListener("hashchange", openTarget);
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
