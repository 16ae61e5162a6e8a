import pytest
from django.http import QueryDict

from stretches.forms import RoutineFilterForm


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=twist",
        "q=++neck+stretch++&body_area=neck&position=chair&equipment=none",
        "body_area=knees&position=upside-down&equipment=%3Cscript%3E",
        "q=" + "x" * 101,
        "q=a%00b&body_area=lower_back",
        "body_area=neck&body_area=upper_back",
        "page=2&bench=1-2&equipment=foam_roller",
    ],
)
def test_valid_filters_are_what_the_bound_form_accepts(query):
    data = QueryDict(query)
    form = RoutineFilterForm(data)
    form.is_valid()
    accepted = {name: form.cleaned_data.get(name, "") for name in form.fields}

    assert RoutineFilterForm.valid_filters(data) == accepted


def test_an_unknown_value_is_dropped_and_the_rest_kept():
    data = QueryDict("q=+twist+&body_area=knees&position=chair")

    assert RoutineFilterForm.valid_filters(data) == {
        "q": "twist",
        "body_area": "",
        "position": "chair",
        "equipment": "",
    }
