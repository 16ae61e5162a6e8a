from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from stretches.models import Contraindication, Routine, Step
from stretches.routine_file import (
    DEFAULT_ROUTINE_FILE,
    RoutineFileError,
    load_routine_data,
    read_routine_file,
)

pytestmark = pytest.mark.django_db

SEED_CONDITIONS = {"osteoarthritis", "osteopenia", "neurological-issues"}
URGENT_RED_FLAGS = {
    "urgent-numbness-genitals-buttocks",
    "urgent-bladder-or-bowel",
    "urgent-weakness-both-legs",
    "urgent-pain-with-fever",
    "urgent-pain-after-accident",
}


def seed_data():
    return yaml.safe_load(DEFAULT_ROUTINE_FILE.read_text())


def write_yaml(tmp_path, data):
    path = Path(tmp_path) / "routines.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def database_snapshot():
    return (
        list(Routine.objects.values_list("slug", "title", "status").order_by("slug")),
        list(Step.objects.values_list("id", "routine__slug", "position", "instruction")),
        list(Contraindication.objects.values_list("slug", "question").order_by("slug")),
    )


def test_seed_file_loads_every_routine_of_both_source_documents():
    call_command("load_routines")

    assert set(Routine.objects.published().values_list("slug", flat=True)) == {
        "seated-floor-twist",
        "chair-twist",
        "standing-back-bend",
        "foam-roller-or-massage-ball",
        "chair-back-bend",
        "standing-lean-hands-on-spine",
        "seated-twist-arm-against-knee",
        "lying-on-a-ball",
        "neck-flexion",
    }
    assert all(routine.steps.count() >= 2 for routine in Routine.objects.published())


def test_the_partner_assisted_entry_is_a_draft_with_the_seeds_warnings_and_no_steps():
    call_command("load_routines")

    partner = Routine.objects.get(slug="partner-assisted-back-crack")
    assert (partner.status, partner.steps.count()) == (Routine.Status.DRAFT, 0)
    assert partner.cautions[0] == (
        "Be very careful having someone else crack your back. It can be dangerous, as the other "
        "person cannot gauge your comfort level."
    )


def test_every_seed_routine_lists_the_three_conditions_the_seeds_name():
    call_command("load_routines")

    for routine in Routine.objects.prefetch_related("contraindications"):
        slugs = {c.slug for c in routine.contraindications.all()}
        assert slugs >= SEED_CONDITIONS, routine.slug


def test_seed_general_red_flags_apply_to_every_routine():
    call_command("load_routines")

    assert set(
        Contraindication.objects.filter(applies_to_all_routines=True).values_list("slug", flat=True)
    ) == {
        "pain-right-now",
        "back-pain-lasting-weeks",
        "cracking-because-of-pain",
        *URGENT_RED_FLAGS,
    }


def test_right_now_questions_are_pain_now_and_the_urgent_red_flags_only():
    call_command("load_routines")

    right_now = Contraindication.objects.filter(right_now=True)
    assert set(right_now.values_list("slug", flat=True)) == {"pain-right-now", *URGENT_RED_FLAGS}
    assert (
        set(
            right_now.filter(urgency=Contraindication.Urgency.EMERGENCY).values_list(
                "slug", flat=True
            )
        )
        == URGENT_RED_FLAGS
    )


def test_every_seed_routine_names_its_seed_and_the_expert_source_and_has_no_sign_off():
    call_command("load_routines")

    for routine in Routine.objects.all():
        assert routine.source_list[0].startswith("Source document 00"), routine.slug
        assert "Karen Litzy, PT, DPT, expert interview, 27 August 2020" in routine.sources
        assert (routine.reviewed_by, routine.reviewed_at) == (None, None)


def test_the_oldest_recorded_version_of_a_loaded_routine_is_whole():
    call_command("load_routines")

    routine = Routine.objects.get(slug="chair-twist")
    [oldest] = routine.history.all()
    assert oldest.history_type == "+"
    assert oldest.contraindications.count() == 3
    assert Step.history.filter(routine_id=routine.pk).count() == 5


def test_seed_cautions_are_kept():
    call_command("load_routines")

    assert "Do not lean back past the point where it feels uncomfortable to you." in (
        Routine.objects.get(slug="chair-back-bend").cautions
    )
    assert "Do not attempt this exercise if it is painful for you to reach your feet." in (
        Routine.objects.get(slug="seated-twist-arm-against-knee").cautions
    )
    assert Routine.objects.get(slug="partner-assisted-back-crack").requires_partner is True


def test_loading_twice_changes_nothing():
    call_command("load_routines")
    before = database_snapshot()

    call_command("load_routines")

    assert database_snapshot() == before


def test_reload_updates_changed_content_in_place(tmp_path):
    data = seed_data()
    load_routine_data(data)
    step_ids = list(Step.objects.filter(routine__slug="chair-twist").values_list("id", flat=True))
    data["routines"]["chair-twist"]["title"] = "Chair twist, renamed"
    data["routines"]["chair-twist"]["steps"].pop()

    result = load_routine_data(data)

    chair_twist = Routine.objects.get(slug="chair-twist")
    assert chair_twist.title == "Chair twist, renamed"
    assert list(chair_twist.steps.values_list("id", flat=True)) == step_ids[:-1]
    assert result.updated == 22


def test_keep_existing_leaves_admin_edits_alone_and_adds_missing_routines():
    data = seed_data()
    load_routine_data(data)
    Routine.objects.filter(slug="chair-twist").update(title="Edited in admin")
    Routine.objects.filter(slug="neck-flexion").delete()

    result = load_routine_data(data, keep_existing=True)

    assert Routine.objects.get(slug="chair-twist").title == "Edited in admin"
    assert Routine.objects.filter(slug="neck-flexion").exists()
    assert (result.created, result.updated) == (1, 0)


def test_a_file_with_one_bad_step_changes_nothing(tmp_path):
    call_command("load_routines")
    before = database_snapshot()
    data = seed_data()
    data["routines"]["chair-twist"]["title"] = "Should not be saved"
    data["routines"]["neck-flexion"]["steps"][1]["hold_seconds"] = 0

    with pytest.raises(CommandError) as error:
        call_command("load_routines", str(write_yaml(tmp_path, data)))

    assert str(error.value) == (
        "Nothing was loaded. routine 'neck-flexion', step 2: field 'hold_seconds': "
        "A hold must last at least 1 second; leave it empty for none."
    )
    assert database_snapshot() == before


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["routines"]["chair-twist"].update(estimated_minutes="soon"),
            "routine 'chair-twist': field 'estimated_minutes': “soon” value must be an integer.",
        ),
        (
            lambda d: d["routines"]["chair-twist"].update(body_area="knees"),
            "routine 'chair-twist': field 'body_area': Value 'knees' is not a valid choice.",
        ),
        (
            lambda d: d["routines"]["chair-twist"].update(colour="blue"),
            "routine 'chair-twist': unknown field(s) 'colour'.",
        ),
        (
            lambda d: d["routines"]["chair-twist"].update(contraindications=["gout"]),
            "routine 'chair-twist', field 'contraindications': unknown slug 'gout'.",
        ),
        (
            lambda d: d["routines"]["chair-twist"]["steps"][0].pop("instruction"),
            "routine 'chair-twist', step 1: field 'instruction': This field cannot be blank.",
        ),
        (
            lambda d: d["contraindications"]["osteopenia"].update(urgency="soonish"),
            "contraindication 'osteopenia': field 'urgency': Value 'soonish' is not a valid choice.",
        ),
        (
            lambda d: d["routines"]["chair-twist"].update(estimated_minutes=float("inf")),
            "routine 'chair-twist': a value is not of the right kind (cannot convert float infinity to integer).",
        ),
        (
            lambda d: d["routines"]["chair-twist"].update(steps="all of them"),
            "routine 'chair-twist', field 'steps': expected a list, got str.",
        ),
    ],
)
def test_bad_entries_are_named_with_their_field(mutate, message):
    data = seed_data()
    mutate(data)

    with pytest.raises(RoutineFileError) as error:
        load_routine_data(data)

    assert str(error.value) == message
    assert Routine.objects.count() == 0


def test_invalid_yaml_is_a_clear_error(tmp_path):
    path = Path(tmp_path) / "broken.yaml"
    path.write_text("routines: [unclosed\n")

    with pytest.raises(
        CommandError, match=r"^Nothing was loaded\. .*broken\.yaml is not valid YAML"
    ):
        call_command("load_routines", str(path))


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"^Nothing was loaded\. Cannot read .*missing\.yaml"):
        call_command("load_routines", str(Path(tmp_path) / "missing.yaml"))


def test_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = Path(tmp_path) / "list.yaml"
    path.write_text("- just\n- a list\n")

    with pytest.raises(RoutineFileError, match="must hold a mapping"):
        read_routine_file(path)


def test_command_reports_what_it_did(capsys):
    call_command("load_routines")

    assert "22 created, 0 updated, 0 left as they were." in capsys.readouterr().out


def export_text(tmp_path, name):
    path = Path(tmp_path) / name
    call_command("export_routines", str(path))
    return path.read_text(encoding="utf-8")


def empty_the_database():
    Routine.objects.all().delete()
    Contraindication.objects.all().delete()


def test_export_then_load_on_an_empty_database_then_export_gives_an_identical_file(tmp_path):
    call_command("load_routines")
    routine = Routine.objects.get(slug="chair-twist")
    routine.status = Routine.Status.DRAFT
    routine.save()
    # Every optional field set somewhere, and positions with a gap, which the file renumbers.
    Step.objects.filter(routine=routine, position=3).update(
        hold_seconds=20, repetitions=2, side=Step.Side.LEFT, caution="Go gently."
    )
    Step.objects.filter(routine=routine, position=5).update(position=9)
    first = export_text(tmp_path, "first.yaml")
    empty_the_database()

    call_command("load_routines", str(Path(tmp_path) / "first.yaml"))

    assert export_text(tmp_path, "second.yaml") == first
    assert Routine.objects.get(slug="chair-twist").status == Routine.Status.DRAFT
    assert Routine.objects.count() == 10


def test_export_holds_every_routine_with_its_steps_and_contraindications(tmp_path):
    call_command("load_routines")

    exported = yaml.safe_load(export_text(tmp_path, "export.yaml"))

    assert (
        exported["routines"]["chair-twist"]["steps"]
        == seed_data()["routines"]["chair-twist"]["steps"]
    )
    assert exported["routines"]["chair-twist"]["contraindications"] == sorted(
        seed_data()["routines"]["chair-twist"]["contraindications"]
    )
    assert set(exported["contraindications"]) == set(seed_data()["contraindications"])


def test_export_writes_to_standard_output_without_a_file(capsys):
    call_command("load_routines")
    capsys.readouterr()

    call_command("export_routines")
    assert set(yaml.safe_load(capsys.readouterr().out)["routines"]) == set(seed_data()["routines"])


def test_export_to_an_unwritable_place_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"^Cannot write .*no-such-dir/out\.yaml"):
        call_command("export_routines", str(Path(tmp_path) / "no-such-dir" / "out.yaml"))


def test_a_routine_without_a_status_in_the_file_loads_as_a_draft():
    data = seed_data()
    del data["routines"]["chair-twist"]["status"]

    load_routine_data(data)

    assert Routine.objects.get(slug="chair-twist").status == Routine.Status.DRAFT
    assert "chair-twist" not in Routine.objects.published().values_list("slug", flat=True)


def test_reloading_over_a_published_routine_without_a_status_takes_it_off_the_site():
    load_routine_data(seed_data())
    data = seed_data()
    data["routines"]["chair-twist"]["title"] = "Unreviewed rewrite"
    del data["routines"]["chair-twist"]["status"]

    load_routine_data(data)

    assert Routine.objects.get(slug="chair-twist").status == Routine.Status.DRAFT


def test_loading_clears_a_review_sign_off_since_the_file_is_not_a_review(reviewer):
    load_routine_data(seed_data())
    routine = Routine.objects.get(slug="chair-twist")
    routine.confirm_review(by=reviewer)

    load_routine_data(seed_data())

    routine.refresh_from_db()
    assert (routine.status, routine.reviewed_by, routine.review_due) == (
        Routine.Status.PUBLISHED,
        None,
        None,
    )
    assert routine.is_review_overdue is True
    assert routine.history.first().history_change_reason == "Loaded from a routine file"


def test_keep_existing_leaves_a_review_sign_off_alone(reviewer):
    load_routine_data(seed_data())
    Routine.objects.get(slug="chair-twist").confirm_review(by=reviewer)

    load_routine_data(seed_data(), keep_existing=True)

    assert Routine.objects.get(slug="chair-twist").reviewed_by == reviewer
