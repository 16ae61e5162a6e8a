"""Client-side steps shared by the view tests."""

from django.urls import reverse

from stretches.forms import ScreeningForm


def url(name, routine):
    return reverse(f"stretches:{name}", kwargs={"slug": routine.slug})


def answers_for(routine, overrides=None, questions=None):
    questions = questions if questions is not None else routine.relevant_contraindications()
    data = {"routine": routine.slug}
    for contraindication in questions:
        data[ScreeningForm.field_name(contraindication)] = "no"
    for slug, value in (overrides or {}).items():
        data[f"question-{slug}"] = value
    return data


def screen(client, routine, overrides=None, retake=False):
    target = url("screening", routine) + ("?retake=1" if retake else "")
    return client.post(target, answers_for(routine, overrides))
