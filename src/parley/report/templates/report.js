// parley report: open a fact from a chart mark, and filter rounds by story thread.
(function () {
  "use strict";
  function openFact(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    var details = target.tagName === "DETAILS" ? target : target.querySelector("details");
    if (details) { details.open = true; }
    target.classList.add("flash");
    window.setTimeout(function () { target.classList.remove("flash"); }, 1500);
    target.scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("[data-target]") : null;
    if (!mark) { return; }
    event.preventDefault();
    openFact(mark.getAttribute("data-target"));
  });
  var filter = document.getElementById("story-filter");
  if (filter) {
    filter.addEventListener("change", function () {
      var wanted = filter.value;
      document.querySelectorAll("[data-stories]").forEach(function (item) {
        var stories = (item.getAttribute("data-stories") || "").split(" ");
        item.classList.toggle("hidden-by-filter", wanted !== "" && stories.indexOf(wanted) < 0);
      });
    });
  }
})();
