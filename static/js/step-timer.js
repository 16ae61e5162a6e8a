// Countdown timers for steps with a hold time. Without JavaScript the hold time is plain text.
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
    const display = timer.querySelector("[data-timer-display]");
    const announcer = timer.querySelector("[data-timer-announcer]");
    const start = timer.querySelector("[data-timer-start]");
    const pause = timer.querySelector("[data-timer-pause]");
    const reset = timer.querySelector("[data-timer-reset]");
    let remaining = total;
    let interval = null;

    const render = () => {
      display.textContent = format(remaining);
    };
    const stop = () => {
      window.clearInterval(interval);
      interval = null;
      start.disabled = remaining === 0;
      pause.disabled = true;
    };
    const tick = () => {
      remaining -= 1;
      render();
      if (remaining <= 0) {
        stop();
        timer.classList.add("is-done");
        announcer.textContent = "Time is up. You can release the stretch.";
        beep();
      }
    };

    start.addEventListener("click", () => {
      if (interval || remaining <= 0) return;
      if (!audio && window.AudioContext) audio = new window.AudioContext();
      timer.classList.remove("is-done");
      announcer.textContent = `Timer started: ${format(remaining)}.`;
      interval = window.setInterval(tick, 1000);
      start.disabled = true;
      pause.disabled = false;
      pause.focus();
    });
    pause.addEventListener("click", () => {
      stop();
      announcer.textContent = `Timer paused at ${format(remaining)}.`;
      start.focus();
    });
    reset.addEventListener("click", () => {
      stop();
      remaining = total;
      start.disabled = false;
      timer.classList.remove("is-done");
      render();
      announcer.textContent = `Timer reset to ${format(total)}.`;
    });

    timer.stopTimer = stop;
    render();
    timer.hidden = false;
  };

  document.querySelectorAll("[data-step-timer]").forEach(setUp);
})();
