"""Steps a person takes in the browser, shared by the journeys, accessibility checks and screenshots."""

import re
import time

from django.core import mail
from playwright.sync_api import expect


def open_path(page, path):
    page.goto(page.base + path)


def start_routine(page, slug):
    open_path(page, f"/routines/{slug}/")
    page.get_by_role("link", name="Start routine").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Before you start")


def answer_screening(page, answers=None, default="No"):
    """Answer every question on the screening page: `answers` maps question text parts to labels."""
    answers = answers or {}
    for fieldset in page.locator("fieldset.screening-question").all():
        question = fieldset.locator("legend").inner_text()
        label = next((value for part, value in answers.items() if part in question), default)
        fieldset.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Send my answers").click()


def wait_until_true(page, expression, timeout_seconds=10):
    """Wait until `expression`, evaluated in the page, is true.

    Not `page.wait_for_function`: once its first check is false, Playwright polls by evaluating
    the text inside the page, which Limber's CSP (no `unsafe-eval`) refuses, so the wait fails
    or passes with the timing of the page. `page.evaluate` is asked from here each time instead.
    """
    deadline = time.monotonic() + timeout_seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"Still false after {timeout_seconds} s: {expression}"
        page.wait_for_timeout(50)


def expect_path(page, path_regex):
    expect(page).to_have_url(re.compile(re.escape(page.base) + path_regex))


def sign_up(page, email="sam@example.com", password="a calm walk by the river at dawn"):
    """Sign up, then follow the confirmation link the (immediate) task emailed."""
    open_path(page, "/account/signup/")
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    [link] = [
        re.search(r"https?://\S+/account/signup/confirm/\S+/", message.body).group(0)
        for message in mail.outbox
        if email in message.to
    ][-1:]
    page.goto(link)
    page.get_by_role("button", name="Confirm my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your page")
