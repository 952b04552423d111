// The profile form in steps: one step shown at a time, with Back/Next buttons and the step list
// as links. Without JavaScript every step is shown one after the other (it is one form and one
// save either way; the server checks everything). After a refused save the first step with an
// error opens. Member counts are shown only for the kinds of organisations that have members
// (data-kinds-with-members; the server stores 0 for the others).
"use strict";

(() => {
  const form = document.getElementById("profile-form");
  if (!form) return;
  const steps = Array.from(form.querySelectorAll(".profile-step"));
  const links = Array.from(document.querySelectorAll("[data-step-link]"));
  if (steps.length < 2) return;

  function show(key, focus) {
    steps.forEach((step) => {
      step.hidden = step.dataset.step !== key;
    });
    links.forEach((link) => {
      if (link.dataset.stepLink === key) link.setAttribute("aria-current", "step");
      else link.removeAttribute("aria-current");
    });
    const current = steps.find((step) => step.dataset.step === key);
    if (focus && current) current.querySelector("input, select, textarea")?.focus();
    document.dispatchEvent(new CustomEvent("profile-step-shown", { detail: key }));
  }

  steps.forEach((step, index) => {
    const buttons = step.querySelector(".step-buttons");
    if (buttons) buttons.hidden = false;
    step.querySelectorAll("[data-step-go]").forEach((button) => {
      button.addEventListener("click", () => {
        const next = button.dataset.stepGo === "next" ? index + 1 : index - 1;
        if (steps[next]) show(steps[next].dataset.step, true);
      });
    });
  });
  links.forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      show(link.dataset.stepLink, true);
    });
  });
  const withErrors = steps.find((step) => step.dataset.hasErrors === "true");
  show((withErrors || steps[0]).dataset.step, false);

  const kind = form.querySelector("#id_kind");
  const counted = (form.dataset.kindsWithMembers || "").split(" ").filter(Boolean);
  const counts = Array.from(form.querySelectorAll(".member-count"));
  const note = document.getElementById("member-counts-note");
  function followKind() {
    const asked = counted.includes(kind.value);
    counts.forEach((field) => {
      field.hidden = !asked;
    });
    if (note) note.hidden = asked;
  }
  if (kind && counts.length) {
    kind.addEventListener("change", followKind);
    followKind();
  }
})();
