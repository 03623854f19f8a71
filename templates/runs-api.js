/* mkdocs-runs-api: "Expand all" / "Collapse all" for schema trees, and opening the collapsed
   levels around a linked property. Without JavaScript the trees still open level by level.
   Runs on every page load, including Material's instant navigation (document$). */
(function () {
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
