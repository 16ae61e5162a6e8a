// One step at a time, with progress and previous / next. Without JavaScript every step shows.
(() => {
  "use strict";

  const container = document.querySelector("[data-guided-steps]");
  if (!container) return;
  const steps = Array.from(container.querySelectorAll("[data-step]"));
  if (steps.length < 2) return;

  const progress = container.querySelector("[data-guided-progress]");
  const progressLabel = container.querySelector("[data-guided-progress-label]");
  const progressBar = container.querySelector("[data-guided-progress-bar]");
  const nav = container.querySelector("[data-guided-nav]");
  const previous = container.querySelector("[data-guided-previous]");
  const next = container.querySelector("[data-guided-next]");
  const finish = container.querySelector("[data-guided-finish]");

  const fromHash = steps.findIndex((step) => `#${step.id}` === window.location.hash);
  let current = fromHash >= 0 ? fromHash : 0;

  const show = (index, moveFocus) => {
    current = index;
    steps.forEach((step, position) => {
      const isCurrent = position === index;
      step.hidden = !isCurrent;
      // A hidden step's timer must not keep running out of sight.
      if (!isCurrent) step.querySelectorAll("[data-step-timer]").forEach((t) => t.stopTimer?.());
    });
    progressLabel.textContent = `Step ${index + 1} of ${steps.length}`;
    progressBar.value = index + 1;
    previous.disabled = index === 0;
    next.hidden = index === steps.length - 1;
    finish.hidden = index !== steps.length - 1;
    if (moveFocus) steps[index].querySelector(".step-heading").focus();
    window.history.replaceState(null, "", `#${steps[index].id}`);
  };

  previous.addEventListener("click", () => show(Math.max(current - 1, 0), true));
  next.addEventListener("click", () => show(Math.min(current + 1, steps.length - 1), true));

  container.classList.add("is-guided");
  progress.hidden = false;
  nav.hidden = false;
  show(current, false);
})();
