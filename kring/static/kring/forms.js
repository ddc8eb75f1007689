// A form that is being sent is not sent again by a second click. This is a courtesy only:
// the server makes each form's object once in any case (kring/core/once.py). The button is
// not disabled, because a disabled button's name and value would not be sent with the form.
// htmx forms mark their own button busy (hx-disabled-elt).
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || form.hasAttribute("hx-post")) {
    return;
  }
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "true";
});
// Coming back to a page from the browser's history: its forms may be sent again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    delete form.dataset.sending;
  });
});
