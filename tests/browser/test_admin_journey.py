"""Journey 5: content goes from an editor's draft, through a reviewer, onto the site, in a browser."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from stretches.models import CLINICAL_REVIEWERS, CONTENT_EDITORS
from tests.browser.journeys import open_path

PASSWORD = "correct horse battery staple"
groups_migration = importlib.import_module("stretches.migrations.0006_editorial_groups")


@pytest.fixture
def editorial_groups(transactional_db):
    # live_server tests flush the database after each test, which also removes the groups the
    # data migration made; make them again exactly as the migration does.
    groups_migration.create_groups(django_apps, None)


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in_to_admin(page, username):
    open_path(page, "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()


def sign_out_of_admin(page):
    page.get_by_role("button", name="Log out").click()


def test_editor_drafts_reviewer_publishes_and_it_appears_on_the_site(
    site, seeded, editorial_groups, django_user_model
):
    staff(django_user_model, "edith", CONTENT_EDITORS)
    staff(django_user_model, "rita", CLINICAL_REVIEWERS)

    sign_in_to_admin(site, "edith")
    open_path(site, "/admin/stretches/routine/add/")
    site.locator("#id_title").press_sequentially("Gentle chair twist")
    expect(site.locator("#id_slug")).to_have_value("gentle-chair-twist")
    site.locator("#id_about").fill("A slow seated twist.")
    site.locator("#id_position").select_option("chair")
    site.locator("#id_body_area").select_option("whole_back")
    site.locator("#id_equipment").select_option("chair")
    site.locator("#id_estimated_minutes").fill("3")
    for index, instruction in enumerate(["Sit tall.", "Turn slowly to the left.", "Come back."]):
        if index > 0:
            site.locator(".add-row a").click()
        site.locator(f"#id_steps-{index}-position").fill(str(index + 1))
        site.locator(f"#id_steps-{index}-instruction").fill(instruction)
    site.get_by_role("button", name="Save and continue editing").click()
    expect(site.locator(".editorial-status")).to_contain_text("Draft")
    site.get_by_role("button", name="Submit for review").click()
    expect(site.locator(".editorial-status")).to_contain_text("In review")
    sign_out_of_admin(site)

    site.problems.expect_status(404)
    open_path(site, "/routines/gentle-chair-twist/")
    expect(site.get_by_role("heading", level=1)).to_have_text("We can't find that page")

    sign_in_to_admin(site, "rita")
    open_path(site, "/admin/stretches/routine/?review=waiting")
    site.get_by_role("link", name="Gentle chair twist").click()
    site.get_by_role("button", name="Publish").click()
    expect(site.locator(".editorial-status")).to_contain_text("Published")

    open_path(site, "/routines/")
    site.get_by_role("link", name="Gentle chair twist").click()
    expect(site.get_by_role("heading", level=1)).to_have_text("Gentle chair twist")
    expect(site.get_by_text("Steps").first).to_be_visible()
