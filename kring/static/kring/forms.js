// A form that is being sent is not sent again by a second click. This is a courtesy only:
// the server makes each form's object once in any case (kring/core/once.py). The button is
// not disabled, because a disabled button's name and value would not be sent with the form.
// htmx forms mark their own button busy (hx-disabled-elt).
"use strict";
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented) {
    return;
  }
  // Searches may be sent again at will; htmx sends its own requests and stays on the page.
  var htmx = "[hx-post], [hx-get], [hx-put], [hx-patch], [hx-delete]";
  if (!(form instanceof HTMLFormElement) || form.method !== "post" || form.matches(htmx)) {
    return;
  }
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "true";
  // If no answer comes (the connection dropped), the form may be sent again after a while.
  window.setTimeout(function () {
    delete form.dataset.sending;
  }, 15000);
});
// Coming back to a page from the browser's history: its forms may be sent again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    delete form.dataset.sending;
  });
});
