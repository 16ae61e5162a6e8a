// "Read aloud": the browser's own speech synthesis speaks each step of the guided view. Nothing is
// sent to a server, and nothing is spoken until the person presses the control. Without speech
// support, or when the person asks for reduced motion, the control stays hidden.
(() => {
  "use strict";

  const container = document.querySelector("[data-guided-steps]");
  const control = container?.querySelector("[data-read-aloud]");
  if (!control) return;
  const speech = window.speechSynthesis;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  if (!speech || !window.SpeechSynthesisUtterance || reducedMotion) return;

  let on = false;
  let shown = { step: container.querySelector("[data-step]:not([hidden])"), side: null };

  const say = (text) => {
    speech.cancel(); // a new step interrupts the last one rather than queueing behind it
    speech.speak(new window.SpeechSynthesisUtterance(text));
  };

  const textOf = ({ step, side }) => {
    const parts = [
      `${step.querySelector(".step-heading").textContent.trim()}.`,
      side ? `${side[0].toUpperCase()}${side.slice(1)} side.` : "",
      step.querySelector(".step-instruction").textContent,
      step.querySelector(".step-caution")?.textContent ?? "",
    ];
    return parts
      .map((part) => part.trim())
      .filter(Boolean)
      .join(" ");
  };

  control.addEventListener("click", () => {
    on = !on;
    control.setAttribute("aria-pressed", String(on));
    if (on && shown.step) say(textOf(shown));
    else speech.cancel();
  });
  container.addEventListener("guided:show", (event) => {
    shown = event.detail;
    if (on) say(textOf(shown));
  });
  container.addEventListener("timer:done", () => {
    if (on) say("Time is up. You can release the stretch.");
  });
  window.addEventListener("pagehide", () => speech.cancel());

  control.hidden = false;
})();
