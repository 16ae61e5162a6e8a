"""What helps a person follow a routine away from the screen: pictures, timers, sides, speech, wake lock.

Speech synthesis and the Screen Wake Lock are replaced by stubs that write down what they are asked
to do, in sessionStorage so the record survives the page changing at the end of a routine.
"""

import json

import pytest
from playwright.sync_api import expect

from stretches.models import Routine
from tests.browser.journeys import answer_screening, expect_path, start_routine, wait_until_true
from tests.factories import ContraindicationFactory, RoutineFactory, StepFactory

RECORDING_STUBS = """
const record = (key, entry) => {
  const log = JSON.parse(sessionStorage.getItem(key) || "[]");
  log.push(entry);
  sessionStorage.setItem(key, JSON.stringify(log));
};
class RecordedUtterance {
  constructor(text) { this.text = text; }
}
Object.defineProperty(window, "SpeechSynthesisUtterance", { value: RecordedUtterance });
Object.defineProperty(window, "speechSynthesis", {
  value: {
    speak: (utterance) => record("spoken", utterance.text),
    cancel: () => {},
    getVoices: () => [],
  },
});
Object.defineProperty(navigator, "wakeLock", {
  value: {
    request: async (type) => {
      record("wakeLock", `request ${type}`);
      return { release: async () => record("wakeLock", "release"), addEventListener: () => {} };
    },
  },
});
"""

NO_SPEECH = 'Object.defineProperty(window, "speechSynthesis", { value: undefined });'

SET_VISIBILITY = """(state) => {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def recorded(page, key):
    return json.loads(page.evaluate(f"sessionStorage.getItem('{key}') || '[]'"))


def open_guided(page, slug):
    start_routine(page, slug)
    answer_screening(page)
    expect_path(page, f"/routines/{slug}/steps/")
    expect(page.locator("[data-guided-nav]")).to_be_visible()


@pytest.fixture
def stubbed(site):
    site.add_init_script(RECORDING_STUBS)
    return site


def test_every_step_of_every_published_routine_shows_its_picture_with_alt_text(site, seeded):
    for routine in Routine.objects.published().prefetch_related("steps"):
        open_guided(site, routine.slug)
        pictures = site.locator("[data-step] img[data-step-picture]")
        expect(pictures).to_have_count(routine.steps.count())
        # Hidden steps' pictures load too, but may still be on their way.
        wait_until_true(site, "Array.from(document.images).every((img) => img.complete)")
        loaded = site.evaluate(
            """() => Array.from(document.querySelectorAll("img[data-step-picture]"),
                 (img) => [img.complete && img.naturalWidth > 0, img.alt.trim()])"""
        )
        assert [ok for ok, _ in loaded] == [True] * routine.steps.count(), routine.slug
        assert all(alt for _, alt in loaded), routine.slug
        expect(site.locator("[data-step]:visible img[data-step-picture]")).to_be_visible()


def test_the_count_up_timer_starts_pauses_and_resets_by_keyboard(site, seeded):
    open_guided(site, "chair-twist")
    step = site.locator("#step-1")
    timer = step.get_by_role("timer")
    expect(step.get_by_text("Time in this position")).to_be_visible()
    expect(timer).to_have_text("0s")

    step.get_by_role("button", name="Start timer").focus()
    site.keyboard.press("Enter")
    expect(step.get_by_role("button", name="Pause")).to_be_focused()
    expect(timer).to_have_text("2s", timeout=5000)
    site.keyboard.press("Enter")
    expect(step.locator("[data-timer-announcer]")).to_contain_text("Timer paused at")
    paused_at = timer.inner_text()
    site.wait_for_timeout(1200)
    expect(timer).to_have_text(paused_at)

    expect(step.get_by_role("button", name="Start timer")).to_be_focused()
    site.keyboard.press("Tab")  # the disabled Pause is skipped
    expect(step.get_by_role("button", name="Reset")).to_be_focused()
    site.keyboard.press("Enter")
    expect(timer).to_have_text("0s")
    expect(step.locator("[data-timer-announcer]")).to_have_text("Timer reset to 0s.")


def test_the_side_indicator_walks_a_two_sided_step_left_then_right(site, seeded):
    open_guided(site, "chair-twist")
    for _ in range(4):
        site.get_by_role("button", name="Next step").click()
    sides = site.locator("#step-5 [data-step-sides]")
    expect(sides.locator("[aria-current=step]")).to_have_text("Left side")
    expect(site.get_by_role("button", name="I've finished")).to_be_hidden()

    site.get_by_role("button", name="Next: right side").click()

    expect(sides.locator("[aria-current=step]")).to_have_text("Right side")
    expect(sides.locator("[data-side-announcer]")).to_have_text("Now the right side.")
    expect(site.get_by_role("button", name="I've finished")).to_be_visible()
    site.get_by_role("button", name="Previous step").click()
    expect(sides.locator("[aria-current=step]")).to_have_text("Left side")


@pytest.fixture
def held_routine(seeded):
    routine = RoutineFactory(
        title="Held test stretch",
        slug="held-test-stretch",
        contraindications=[ContraindicationFactory(name="Osteopenia test")],
    )
    StepFactory(routine=routine, position=1, instruction="Sit tall.")
    StepFactory(routine=routine, position=2, instruction="Lean gently.", hold_seconds=1)
    return routine


def test_read_aloud_is_off_until_pressed_then_speaks_each_step_and_the_end_of_a_hold(
    stubbed, held_routine
):
    open_guided(stubbed, held_routine.slug)
    read_aloud = stubbed.get_by_role("button", name="Read aloud")
    expect(read_aloud).to_have_attribute("aria-pressed", "false")
    assert recorded(stubbed, "spoken") == []

    read_aloud.click()
    expect(read_aloud).to_have_attribute("aria-pressed", "true")
    stubbed.get_by_role("button", name="Next step").click()
    stubbed.locator("#step-2").get_by_role("button", name="Start timer").click()
    expect(stubbed.locator("#step-2 [data-timer-announcer]")).to_have_text(
        "Time is up. You can release the stretch.", timeout=5000
    )

    assert recorded(stubbed, "spoken") == [
        "Step 1 of 2. Sit tall.",
        "Step 2 of 2. Lean gently.",
        "Time is up. You can release the stretch.",
    ]


def test_read_aloud_says_which_side_on_a_two_sided_step(stubbed, seeded):
    open_guided(stubbed, "seated-floor-twist")
    stubbed.get_by_role("button", name="Read aloud").click()
    for _ in range(3):
        stubbed.get_by_role("button", name="Next step").click()
    stubbed.get_by_role("button", name="Next: right side").click()

    assert recorded(stubbed, "spoken")[-2:] == [
        "Step 4 of 4. Left side. Come back to the middle and repeat the stretch on the other side.",
        "Step 4 of 4. Right side. Come back to the middle and repeat the stretch on the other side.",
    ]


def test_read_aloud_is_hidden_without_speech_support(site, seeded):
    site.add_init_script(NO_SPEECH)
    open_guided(site, "neck-flexion")

    expect(site.get_by_role("button", name="Read aloud")).to_be_hidden()


def test_read_aloud_is_hidden_when_the_person_asks_for_reduced_motion(stubbed, seeded):
    stubbed.emulate_media(reduced_motion="reduce")
    open_guided(stubbed, "neck-flexion")

    expect(stubbed.get_by_role("button", name="Read aloud")).to_be_hidden()


def test_the_screen_is_kept_awake_during_the_routine_and_let_go_when_hidden_or_finished(
    stubbed, seeded
):
    open_guided(stubbed, "neck-flexion")
    wait_until_true(stubbed, "JSON.parse(sessionStorage.getItem('wakeLock') || '[]').length === 1")
    assert recorded(stubbed, "wakeLock") == ["request screen"]

    stubbed.evaluate(SET_VISIBILITY, "hidden")
    stubbed.evaluate(SET_VISIBILITY, "visible")
    wait_until_true(stubbed, "JSON.parse(sessionStorage.getItem('wakeLock') || '[]').length === 3")
    stubbed.get_by_role("button", name="Next step").click()
    stubbed.get_by_role("button", name="I've finished").click()

    expect_path(stubbed, "/routines/neck-flexion/done/")
    assert recorded(stubbed, "wakeLock") == [
        "request screen",
        "release",
        "request screen",
        "release",
    ]


def test_the_printed_handout_shows_every_steps_picture(site, seeded):
    open_guided(site, "chair-twist")

    site.emulate_media(media="print")

    pictures = site.locator("img[data-step-picture]")
    expect(pictures).to_have_count(5)
    for index in range(5):
        expect(pictures.nth(index)).to_be_visible()
    expect(site.get_by_role("button", name="Read aloud")).to_be_hidden()
