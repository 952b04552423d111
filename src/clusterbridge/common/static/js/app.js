// Small progressive enhancements; every page works without them.
"use strict";

// Buttons that need a confirmation carry data-confirm="Question?" (no inline handlers: CSP).
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Selects and checkboxes in the directory submit the form without a click when JS is on.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && !window.htmx) {
    form.requestSubmit();
  }
});
