// The reminders page: copy the calendar address, and on a first visit guess the time zone.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  const field = document.getElementById(button.dataset.copyTarget);
  const status = document.querySelector("[data-copy-status]");
  if (!field || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = "Address copied.";
    } catch {
      field.select();
      status.textContent = "Select the address and copy it.";
    }
  });
}

// Only before a plan exists: once saved, the person's own choice stands.
const zoneSelect = document.querySelector("[data-guess-time-zone] select[name=time_zone]");
const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zoneSelect && [...zoneSelect.options].some((option) => option.value === browserZone)) {
  zoneSelect.value = browserZone;
}
