// One step at a time, with progress and previous / next. A "repeat on the other side" step is
// walked through twice, left side then right side. Without JavaScript every step shows.
//
// The guided view tells the page what it shows with events on its container, so read-aloud.js and
// wake-lock.js need not know how it works: "guided:start", "guided:show" (detail: the step element
// and its side, if any) and "guided:finish".
(() => {
  "use strict";

  const container = document.querySelector("[data-guided-steps]");
  if (!container) return;
  const steps = Array.from(container.querySelectorAll("[data-step]"));
  if (steps.length === 0) return;

  const progress = container.querySelector("[data-guided-progress]");
  const progressLabel = container.querySelector("[data-guided-progress-label]");
  const progressBar = container.querySelector("[data-guided-progress-bar]");
  const nav = container.querySelector("[data-guided-nav]");
  const previous = container.querySelector("[data-guided-previous]");
  const next = container.querySelector("[data-guided-next]");
  const finish = container.querySelector("[data-guided-finish]");

  const SIDES = ["left", "right"];
  const sidesOf = (step) => step.querySelector("[data-step-sides]");
  const fromHash = steps.findIndex((step) => `#${step.id}` === window.location.hash);
  let current = fromHash >= 0 ? fromHash : 0;
  let side = 0;

  const isLast = () => current === steps.length - 1;
  const onFirstSide = () => Boolean(sidesOf(steps[current])) && side === 0;

  const showSide = () => {
    const sides = sidesOf(steps[current]);
    if (!sides) return;
    sides.querySelectorAll("[data-side]").forEach((item) => {
      if (item.dataset.side === SIDES[side]) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    sides.querySelector("[data-side-announcer]").textContent = `Now the ${SIDES[side]} side.`;
  };

  const announce = () => {
    const sides = sidesOf(steps[current]);
    container.dispatchEvent(
      new CustomEvent("guided:show", {
        detail: { step: steps[current], side: sides ? SIDES[side] : null },
      }),
    );
  };

  const render = (moveFocus) => {
    steps.forEach((step, position) => {
      const isCurrent = position === current;
      step.hidden = !isCurrent;
      // A hidden step's timer must not keep running out of sight.
      if (!isCurrent) step.querySelectorAll("[data-step-timer]").forEach((t) => t.stopTimer?.());
    });
    showSide();
    progressLabel.textContent = `Step ${current + 1} of ${steps.length}`;
    progressBar.value = current + 1;
    previous.disabled = current === 0 && side === 0;
    next.textContent = onFirstSide() ? "Next: right side" : "Next step";
    next.hidden = isLast() && !onFirstSide();
    finish.hidden = !next.hidden;
    if (moveFocus) steps[current].querySelector(".step-heading").focus();
    window.history.replaceState(null, "", `#${steps[current].id}`);
    announce();
  };

  const changeSide = (to) => {
    side = to;
    // Each side is timed on its own.
    steps[current].querySelectorAll("[data-step-timer]").forEach((t) => t.resetTimer?.());
    render(false);
  };

  previous.addEventListener("click", () => {
    if (sidesOf(steps[current]) && side === 1) return changeSide(0);
    current = Math.max(current - 1, 0);
    side = sidesOf(steps[current]) ? 1 : 0; // back to where the person left that step
    render(true);
  });
  next.addEventListener("click", () => {
    if (onFirstSide()) return changeSide(1);
    current = Math.min(current + 1, steps.length - 1);
    side = 0;
    render(true);
  });
  finish.addEventListener("submit", () => container.dispatchEvent(new CustomEvent("guided:finish")));

  container.classList.add("is-guided");
  progress.hidden = false;
  nav.hidden = false;
  container.dispatchEvent(new CustomEvent("guided:start"));
  render(false);
})();
