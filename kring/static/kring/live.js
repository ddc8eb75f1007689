// Live mode's timer: counts down to the planned end of the activity or round, and shows how
// far over time it is. Without JavaScript the page shows the planned end time instead. It
// reads the DOM on every tick, so an activity swapped in by htmx gets its timer at once.
"use strict";
(function () {
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function show(seconds) {
    var minutes = Math.floor(seconds / 60);
    return minutes + ":" + pad(seconds % 60);
  }
  function tick() {
    document.querySelectorAll("[data-ends]").forEach(function (timer) {
      var ends = Date.parse(timer.dataset.ends);
      var value = timer.querySelector(".live-timer-value");
      if (isNaN(ends) || !value) {
        return;
      }
      var left = Math.round((ends - Date.now()) / 1000);
      var over = left < 0;
      value.textContent = over
        ? show(-left) + " " + timer.dataset.over
        : show(left) + " " + timer.dataset.left;
      timer.classList.toggle("is-over", over);
    });
    document.querySelectorAll("[data-clock]").forEach(function (clock) {
      var now = new Date();
      clock.textContent = pad(now.getHours()) + ":" + pad(now.getMinutes());
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    tick();
    window.setInterval(tick, 1000);
  });
})();
