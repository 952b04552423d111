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

// The header's menu is open by default (usable without JavaScript); on small screens it
// starts closed behind its "Menu" button, and opens again when the window gets wide. A wide
// window whose menu still does not fit on one row (long words in some languages, a staff
// account's extra items) gets the small-screen layout too (.compact), never a second row.
(() => {
  const menu = document.querySelector("details.site-menu[data-collapse-below]");
  if (!menu) return;
  const header = menu.closest(".site-header") || menu.parentElement;
  const nav = menu.parentElement;
  const narrow = window.matchMedia(`(max-width: ${Number(menu.dataset.collapseBelow) - 0.02}px)`);
  let collapsed = null;
  // Measured in the one-row layout with the menu open, all in one task: nothing flashes.
  const fitsOnOneRow = () => {
    const wasOpen = menu.open;
    header.classList.remove("compact");
    menu.open = true;
    const fits = nav.scrollWidth <= nav.clientWidth + 1;
    menu.open = wasOpen;
    return fits;
  };
  const apply = () => {
    const tooWide = !narrow.matches && !fitsOnOneRow();
    header.classList.toggle("compact", tooWide);
    const now = narrow.matches || tooWide;
    if (now !== collapsed) menu.open = !now; // a menu the person opened stays open
    collapsed = now;
  };
  apply();
  narrow.addEventListener("change", apply);
  let pending = false;
  window.addEventListener("resize", () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => { pending = false; apply(); });
  });
  window.addEventListener("load", apply); // web fonts may change the widths
  // Escape closes the collapsed menu (after any open dropdown in it) and returns to "Menu".
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !collapsed || !menu.open) return;
    if (menu.querySelector("details.dropdown[open]") || !menu.contains(document.activeElement)) return;
    menu.open = false;
    menu.querySelector("summary")?.focus();
  });
})();

// A dropdown closes when another opens, when the person clicks elsewhere, when the keyboard
// focus leaves it, or on Escape (the focus goes back to its button).
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.dropdown[open]").forEach((dropdown) => {
    if (!dropdown.contains(event.target)) dropdown.open = false;
  });
});
document.addEventListener("focusout", (event) => {
  const dropdown = event.target instanceof Element && event.target.closest("details.dropdown[open]");
  if (dropdown && event.relatedTarget && !dropdown.contains(event.relatedTarget)) {
    dropdown.open = false;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.dropdown[open]").forEach((dropdown) => {
    dropdown.open = false;
    dropdown.querySelector("summary")?.focus();
  });
});
