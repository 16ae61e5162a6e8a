"""Findings 6, 8 and 9: NUL bytes in admin lookups, privacy headers, and "View on site"."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from stretches.admin import ContraindicationAdmin, PainReportAdmin, RoutineAdmin, ScreeningAdmin
from stretches.models import Routine
from tests.factories import UserFactory, routine_with_steps

pytestmark = pytest.mark.django_db

ADMINS = {
    "stretches/routine": RoutineAdmin,
    "stretches/contraindication": ContraindicationAdmin,
    "stretches/screening": ScreeningAdmin,
    "stretches/painreport": PainReportAdmin,
}


def nul_lookups():
    """Every changelist filter and the search of every Limber admin, each given a NUL byte."""
    for path, model_admin in ADMINS.items():
        parameters = ["q"]
        for list_filter in model_admin.list_filter:
            if isinstance(list_filter, str):
                parameters += [f"{list_filter}__exact", f"{list_filter}__gte"]
            else:
                parameters.append(list_filter.parameter_name)
        for parameter in parameters:
            yield f"/admin/{path}/?{parameter}=%00"
    yield "/admin/stretches/routine/?slug__exact=%00"
    yield "/admin/stretches/routine/?title__icontains=a%00b"
    yield "/admin/autocomplete/?app_label=stretches&model_name=routine&field_name=x&term=%00"
    yield "/admin/stretches/routine/%00/change/"


@pytest.mark.parametrize("address", list(nul_lookups()))
def test_a_nul_byte_in_any_admin_lookup_is_a_400(client, superuser, address):
    client.force_login(superuser)

    response = client.get(address)

    assert response.status_code == 400


def test_the_public_list_refuses_a_nul_byte_too(client):
    assert client.get(reverse("stretches:routine_list") + "?q=%00").status_code == 400


def test_every_response_carries_cross_origin_resource_policy(client):
    assert client.get(reverse("stretches:home"))["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "name",
    [
        "stretches:home",
        "stretches:routine_list",
        "stretches:safety",
        "accounts:password_change",
        "accounts:password_change_done",
        "accounts:profile",
    ],
)
def test_pages_shown_to_a_signed_in_person_are_never_stored(client, name):
    client.force_login(UserFactory(email="kim@example.com"))

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "kim@example.com" in response.content.decode()
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_the_routine_detail_and_done_pages_of_a_signed_in_person_are_never_stored(client):
    routine = routine_with_steps()
    client.force_login(UserFactory(email="kim@example.com"))

    for address in [
        routine.get_absolute_url(),
        reverse("stretches:routine_done", args=[routine.slug]),
    ]:
        directives = {part.strip() for part in client.get(address)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, address


def view_on_site_url(routine):
    content_type = ContentType.objects.get_for_model(Routine)
    return reverse("admin:view_on_site", args=[content_type.pk, routine.pk])


def test_view_on_site_needs_the_routines_view_permission(client, django_user_model):
    draft = routine_with_steps(status=Routine.Status.DRAFT, slug="secret-draft")
    client.force_login(django_user_model.objects.create_user("plain", is_staff=True))

    response = client.get(view_on_site_url(draft))

    assert response.status_code == 404


def test_view_on_site_still_works_for_an_editor(editor_client):
    draft = routine_with_steps(status=Routine.Status.DRAFT, slug="secret-draft")

    response = editor_client.get(view_on_site_url(draft))

    assert response.status_code == 302
    assert response.url.endswith("/routines/secret-draft/")


@pytest.mark.parametrize("address", ["/admin/r/abc/1/", "/admin/r/999999/1/"])
def test_a_malformed_view_on_site_address_is_a_404(client, superuser, address):
    client.force_login(superuser)

    assert client.get(address).status_code == 404
