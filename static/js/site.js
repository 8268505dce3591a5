// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!toggle || !nav) return;
  var narrow = window.matchMedia("(max-width: 48rem)");
  function sync() {
    toggle.hidden = !narrow.matches;
    nav.classList.toggle("is-collapsed", narrow.matches && toggle.getAttribute("aria-expanded") !== "true");
  }
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    sync();
  });
  narrow.addEventListener("change", sync);
  sync();
})();
