// A timer on every step: a countdown when the step has a hold time, otherwise time in this position,
// counting up with no target (the sources give no durations, so none is invented). Without
// JavaScript the hold time is plain text and no timer shows.
(() => {
  "use strict";

  const format = (seconds) => {
    const minutes = Math.floor(seconds / 60);
    const rest = String(seconds % 60).padStart(2, "0");
    return minutes > 0 ? `${minutes}:${rest}` : `${seconds}s`;
  };

  // A short tone at the end, for people not looking at the screen. Browsers allow audio only
  // after a user gesture, so the context is created when "Start" is pressed.
  let audio = null;
  const beep = () => {
    if (!audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 660;
    gain.gain.value = 0.15;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.4);
  };

  const setUp = (timer) => {
    const total = Number.parseInt(timer.dataset.seconds, 10);
    const countsDown = total > 0;
    const display = timer.querySelector("[data-timer-display]");
    const announcer = timer.querySelector("[data-timer-announcer]");
    const start = timer.querySelector("[data-timer-start]");
    const pause = timer.querySelector("[data-timer-pause]");
    const reset = timer.querySelector("[data-timer-reset]");
    const initial = countsDown ? total : 0;
    let shown = initial;
    let interval = null;

    const render = () => {
      display.textContent = format(shown);
    };
    const stop = () => {
      window.clearInterval(interval);
      interval = null;
      start.disabled = countsDown && shown === 0;
      pause.disabled = true;
    };
    const tick = () => {
      shown += countsDown ? -1 : 1;
      render();
      if (countsDown && shown <= 0) {
        stop();
        timer.classList.add("is-done");
        announcer.textContent = "Time is up. You can release the stretch.";
        beep();
        // read-aloud.js speaks the end of a countdown for people who turned it on.
        timer.dispatchEvent(new CustomEvent("timer:done", { bubbles: true }));
      }
    };
    const restart = () => {
      stop();
      shown = initial;
      start.disabled = false;
      timer.classList.remove("is-done");
      render();
    };

    start.addEventListener("click", () => {
      if (interval || (countsDown && shown <= 0)) return;
      if (!audio && countsDown && window.AudioContext) audio = new window.AudioContext();
      timer.classList.remove("is-done");
      announcer.textContent = `Timer started: ${format(shown)}.`;
      interval = window.setInterval(tick, 1000);
      start.disabled = true;
      pause.disabled = false;
      pause.focus();
    });
    pause.addEventListener("click", () => {
      stop();
      announcer.textContent = `Timer paused at ${format(shown)}.`;
      start.focus();
    });
    reset.addEventListener("click", () => {
      restart();
      announcer.textContent = `Timer reset to ${format(initial)}.`;
    });

    timer.stopTimer = stop;
    timer.resetTimer = restart;
    render();
    timer.hidden = false;
  };

  document.querySelectorAll("[data-step-timer]").forEach(setUp);
})();
