// Keep the screen on during a guided routine, where the browser has the Screen Wake Lock API: the
// phone is out of reach while a person stretches. The lock is let go when the routine ends or the
// page is hidden (the browser drops it then anyway), and taken again when the page comes back.
(() => {
  "use strict";

  const container = document.querySelector("[data-guided-steps]");
  if (!container || !("wakeLock" in navigator)) return;

  let lock = null;
  let finished = false;

  const take = async () => {
    if (lock || finished || document.visibilityState !== "visible") return;
    try {
      lock = await navigator.wakeLock.request("screen");
      lock.addEventListener?.("release", () => {
        lock = null;
      });
    } catch {
      lock = null; // refused (battery saver, say): the routine works without it
    }
  };
  const letGo = () => {
    const held = lock;
    lock = null;
    held?.release().catch(() => {});
  };

  container.addEventListener("guided:start", take);
  container.addEventListener("guided:finish", () => {
    finished = true;
    letGo();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") take();
    else letGo();
  });
  window.addEventListener("pagehide", letGo);
})();
