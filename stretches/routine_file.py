"""The routine data file: contraindications and routines keyed by slug, loaded as one atomic upsert.

Every problem is reported as a `RoutineFileError` that names the routine (or contraindication), the
step and the field, so an editor can fix the file without reading a traceback.

The file is content, not a clinical review: a routine is published only when its entry says
`status: published`, and loading a routine clears any review sign-off it had, so content written
from a file always comes up for review.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone

from stretches.models import Contraindication, Routine, Step

DEFAULT_ROUTINE_FILE = Path(__file__).resolve().parent / "content" / "routines.yaml"

# The file keys entries by slug, lists cautions and sources one per item (the models keep them one
# per line) and orders steps by their place in the list; everything else is the models' content.
CONTRAINDICATION_FIELDS = set(Contraindication.CONTENT_FIELDS) - {"slug"}
ROUTINE_FIELDS = set(Routine.CONTENT_FIELDS) - {"slug", "caution_notes"} | {"status"}
ROUTINE_LIST_FIELDS = {"cautions", "contraindications", "steps"}
STEP_FIELDS = set(Step.CONTENT_FIELDS) - {"position"}

LOADED_REASON = "Loaded from a routine file"


class RoutineFileError(Exception):
    """A routine file that cannot be loaded; the message says where and why."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def read_routine_file(path):
    """Parse the file into a mapping, or raise RoutineFileError saying what is wrong with it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RoutineFileError(f"Cannot read {path}: {error}") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RoutineFileError(f"{path} is not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise RoutineFileError(
            f"{path} must hold a mapping with 'contraindications' and 'routines'."
        )
    unknown = set(data) - {"contraindications", "routines"}
    if unknown:
        raise RoutineFileError(f"Unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}.")
    for section in ("contraindications", "routines"):
        if not isinstance(data.get(section) or {}, dict):
            raise RoutineFileError(f"'{section}' must be a mapping keyed by slug.")
    return data


@transaction.atomic
def load_routine_data(data, *, keep_existing=False):
    """Upsert every contraindication and routine in `data` by slug, all or nothing.

    With keep_existing, entries already in the database are left as they are (so a developer's
    admin edits survive `make run`); only missing ones are created.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    contraindications = {}
    for slug, entry in (data.get("contraindications") or {}).items():
        where = f"contraindication '{slug}'"
        contraindication, outcome = _upsert(
            Contraindication, slug, entry, CONTRAINDICATION_FIELDS, where, keep_existing
        )
        contraindications[str(slug)] = contraindication
        counts[outcome] += 1
    for slug, entry in (data.get("routines") or {}).items():
        outcome = _load_routine(slug, entry, contraindications, keep_existing)
        counts[outcome] += 1
    return LoadResult(**counts)


def _load_routine(slug, entry, contraindications, keep_existing):
    where = f"routine '{slug}'"
    fields = _check_mapping(entry, ROUTINE_FIELDS | ROUTINE_LIST_FIELDS, where)
    cautions = _check_list(fields.pop("cautions", []), f"{where}, field 'cautions'")
    wanted_slugs = _check_list(
        fields.pop("contraindications", []), f"{where}, field 'contraindications'"
    )
    steps = _check_list(fields.pop("steps", []), f"{where}, field 'steps'")
    fields["caution_notes"] = _joined_lines(cautions)
    fields.setdefault("status", Routine.Status.DRAFT)
    fields.update(reviewed_by=None, reviewed_at=None, review_due=None, review_comment="")

    routine, outcome = _upsert(
        Routine, slug, fields, set(fields), where, keep_existing, record_history=False
    )
    if outcome == "unchanged":
        return outcome
    routine.contraindications.set(
        [_find_contraindication(name, contraindications, where) for name in wanted_slugs]
    )
    # One moment for the routine's and its steps' records, so the version loaded is one version:
    # reverting to any entry of this load restores all of it.
    moment = timezone.now()
    _replace_steps(routine, steps, where, moment=moment)
    _record_whole_version(routine, created=outcome == "created", moment=moment)
    return outcome


def _upsert(model, slug, entry, allowed_fields, where, keep_existing, *, record_history=True):
    fields = _check_mapping(entry, allowed_fields, where)
    if "sources" in fields:
        fields["sources"] = _joined_lines(
            _check_list(fields["sources"], f"{where}, field 'sources'")
        )
    instance = model.objects.filter(slug=slug).first()
    if instance is not None and keep_existing:
        return instance, "unchanged"
    outcome = "created" if instance is None else "updated"
    instance = instance or model(slug=slug)
    for name, value in fields.items():
        setattr(instance, name, value)
    _validate(instance, where)
    instance._change_reason = LOADED_REASON
    if not record_history:
        instance.skip_history_when_saving = True  # django-simple-history's own switch
    instance.save()
    return instance, outcome


def _record_whole_version(routine, *, created, moment):
    """Record the routine's version only now that its conditions and steps are in place.

    Recorded at its first save, a new routine's oldest version would have no steps and no
    conditions, and reverting to it would strip a published routine bare.
    """
    del routine.skip_history_when_saving
    routine._history_date = moment  # django-simple-history's way to date a record
    routine.save()
    if created:
        # The one version is the routine's creation, though it was written by a second save.
        first = routine.history.latest()
        routine.history.filter(history_id=first.history_id).update(history_type="+")


def _joined_lines(items):
    return "\n".join(str(item).strip() for item in items)


def _replace_steps(routine, entries, where, *, moment):
    """Make the routine's steps exactly the listed ones, numbered 1, 2, 3... in file order.

    Existing steps are updated in place by position rather than deleted and recreated, so rows
    that point at a step (a pain report, say) keep pointing at the same step.
    """
    existing = {step.position: step for step in routine.steps.all()}
    for position, entry in enumerate(entries, start=1):
        step_where = f"{where}, step {position}"
        fields = _check_mapping(entry, STEP_FIELDS, step_where)
        step = existing.pop(position, None) or Step(routine=routine, position=position)
        for name in STEP_FIELDS:
            default = Step._meta.get_field(name).get_default()
            setattr(step, name, fields.get(name, default))
        # The file's drawing replaces an uploaded picture, so the description read from the file
        # always describes the picture shown. The uploaded file itself stays in storage.
        step.picture_upload = ""
        _validate(step, step_where)
        step._change_reason = LOADED_REASON
        step._history_date = moment
        step.save()
    for step in existing.values():
        step._change_reason, step._history_date = LOADED_REASON, moment
        step.delete()


def _find_contraindication(slug, loaded, where):
    found = loaded.get(str(slug)) or Contraindication.objects.filter(slug=slug).first()
    if found is None:
        raise RoutineFileError(f"{where}, field 'contraindications': unknown slug '{slug}'.")
    return found


def _check_mapping(entry, allowed_fields, where):
    if not isinstance(entry, dict):
        raise RoutineFileError(
            f"{where}: expected a mapping of fields, got {type(entry).__name__}."
        )
    unknown = set(entry) - set(allowed_fields)
    if unknown:
        names = ", ".join(f"'{name}'" for name in sorted(map(str, unknown)))
        raise RoutineFileError(f"{where}: unknown field(s) {names}.")
    return dict(entry)


def _check_list(value, where):
    if not isinstance(value, list):
        raise RoutineFileError(f"{where}: expected a list, got {type(value).__name__}.")
    return value


def _validate(instance, where):
    try:
        instance.full_clean()
    except (OverflowError, TypeError) as error:
        # YAML can say `.inf` or a mapping where a number belongs; to_python() then fails outright.
        raise RoutineFileError(f"{where}: a value is not of the right kind ({error}).") from error
    except ValidationError as error:
        problems = "; ".join(
            " ".join(messages)
            if field == NON_FIELD_ERRORS
            else f"field '{field}': {' '.join(messages)}"
            for field, messages in error.message_dict.items()
        )
        raise RoutineFileError(f"{where}: {problems}") from error


def export_routine_data():
    """Every contraindication and routine in the shape `load_routine_data` reads, keyed by slug.

    Values equal to the loader's defaults are left out, and keys come out sorted, so the same
    content always gives the same file.
    """
    routines = Routine.objects.prefetch_related("steps", "contraindications").order_by("slug")
    return {
        "contraindications": {
            contraindication.slug: _exported_with_lists(contraindication, CONTRAINDICATION_FIELDS)
            for contraindication in Contraindication.objects.order_by("slug")
        },
        "routines": {routine.slug: _exported_routine(routine) for routine in routines},
    }


def routine_file_text():
    return yaml.safe_dump(
        export_routine_data(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )


def _exported_routine(routine):
    entry = _exported_with_lists(routine, ROUTINE_FIELDS)
    if routine.cautions:
        entry["cautions"] = routine.cautions
    slugs = sorted(contraindication.slug for contraindication in routine.contraindications.all())
    if slugs:
        entry["contraindications"] = slugs
    entry["steps"] = [
        _exported_fields(step, STEP_FIELDS)
        for step in sorted(routine.steps.all(), key=lambda step: step.position)
    ]
    return entry


def _exported_with_lists(instance, names):
    entry = _exported_fields(instance, names)
    if "sources" in entry:
        entry["sources"] = instance.source_list
    return entry


def _exported_fields(instance, names):
    """The named fields in model order, leaving out those the loader would fill in anyway."""
    entry = {}
    for field in instance._meta.concrete_fields:
        if field.name not in names:
            continue
        value = getattr(instance, field.name)
        if (
            value is None
            or value == ""
            or (value == field.get_default() and field.name != "status")
        ):
            continue
        entry[field.name] = value
    return entry
