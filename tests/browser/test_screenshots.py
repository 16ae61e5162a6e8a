"""`make screenshots`: the key pages at desktop and phone widths, saved to docs/screenshots/.

Marked `screenshots`, so `make test` leaves it out; it reuses the browser-test set-up.
"""

from pathlib import Path

import pytest

from tests.browser.journeys import open_path
from tests.browser.progress_journeys import signed_in_with_a_few_weeks
from tests.browser.test_accessibility import (
    blocked,
    completion,
    guided_steps,
    no_setup,
    signed_in_with_history,
    urgently_blocked,
)

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}
SHOTS = {
    "home": ("/", no_setup),
    "routines": ("/routines/", no_setup),
    "routine-detail": ("/routines/chair-twist/", no_setup),
    "screening": ("/routines/chair-twist/screening/", no_setup),
    "blocked": (None, blocked),
    "blocked-urgent": (None, urgently_blocked),
    "steps": (None, guided_steps),
    "done": (None, completion),
    "account": ("/account/me/", signed_in_with_history),
    "account-progress": ("/account/me/", signed_in_with_a_few_weeks),
    "progress-report": ("/progress/report/", signed_in_with_a_few_weeks),
}


@pytest.mark.screenshots
@pytest.mark.parametrize("screen_size", WIDTHS)
@pytest.mark.parametrize("name", SHOTS)
def test_save_screenshot(site, seeded, name, screen_size):
    site.set_viewport_size(WIDTHS[screen_size])
    path, set_up = SHOTS[name]
    set_up(site)
    if path:
        open_path(site, path)
    OUTPUT.mkdir(parents=True, exist_ok=True)

    site.screenshot(path=OUTPUT / f"{name}-{screen_size}.png", full_page=True)

    assert (OUTPUT / f"{name}-{screen_size}.png").stat().st_size > 0
