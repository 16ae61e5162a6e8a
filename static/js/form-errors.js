// Move focus to a form's error summary so screen readers read it and keyboard users start there.
document.querySelector("[data-error-summary]")?.focus();
