"""Every recorded change to a routine (with its steps) or a contraindication, readable and revertible.

django-simple-history records a row per save. This module turns those rows into a timeline of who
changed what, as "field: old → new", and restores an earlier state as a new, recorded change.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone

from stretches.models import REVIEW_PERMISSION, Contraindication, Routine, Step

# Bookkeeping that changes on every save and says nothing about the content.
UNTRACKED_FIELDS = {"id", "created_at", "updated_at", "routine"}
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    """One recorded save: of the routine itself, one of its steps, or a contraindication."""

    key: str
    subject: str
    record: object
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def when(self):
        return self.record.history_date

    @property
    def who(self):
        return self.record.history_user

    @property
    def action(self):
        return ACTIONS[self.record.history_type]

    @property
    def reason(self):
        return self.record.history_change_reason or ""


def routine_history(routine):
    """The routine's and its steps' recorded changes, newest first."""
    routine_records = list(routine.history.select_related("history_user"))
    step_records = Step.history.filter(routine_id=routine.pk).select_related("history_user")
    listed = {record.history_id: set() for record in routine_records}
    # One query for every version's contraindications, rather than one per version.
    for history_id, contraindication_id in _listed_contraindication_rows(routine_records):
        listed[history_id].add(contraindication_id)
    names = dict(Contraindication.objects.values_list("pk", "name"))
    entries = _entries(routine_records, "routine", lambda record: "Routine", (listed, names))
    entries += _entries(step_records, "step", lambda record: f"Step {record.position}")
    return sorted(entries, key=lambda entry: (entry.when, entry.key), reverse=True)


def contraindication_history(contraindication):
    records = contraindication.history.select_related("history_user")
    entries = _entries(records, "contraindication", lambda record: "Contraindication")
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def find_record(routine_or_contraindication, key):
    """The history row that `key` ("routine:12", "step:34", ...) names, if it belongs here."""
    kind, _, history_id = str(key).partition(":")
    if not (history_id.isascii() and history_id.isdigit()):  # "²" is a digit to isdigit()
        return None
    if isinstance(routine_or_contraindication, Routine):
        records = {
            "routine": routine_or_contraindication.history.all(),
            "step": Step.history.filter(routine_id=routine_or_contraindication.pk),
        }.get(kind)
    else:
        records = routine_or_contraindication.history.all() if kind == "contraindication" else None
    if records is None:
        return None
    return records.filter(history_id=int(history_id)).first()


@transaction.atomic
def revert_routine(routine, *, to, by):
    """Put the routine, its contraindications and its steps back as they were at moment `to`.

    The workflow state and the review sign-off stay as they are: a revert changes content, and
    only a reviewer may make it. Steps keep their ids, so whatever points at a step still does.
    A published routine is never reverted to a version that would leave it incomplete.
    """
    _check_may_revert(by)
    record = _version_at(routine, to)
    listed_then = {row.contraindication_id for row in record.contraindications.all()}
    general = Contraindication.objects.filter(applies_to_all_routines=True)
    routine.check_change_keeps_it_whole(
        step_count=len(_steps_at(routine, to)),
        asked_ids=listed_then | set(general.values_list("pk", flat=True)),
    )
    _restore_content(routine, record, to=to, by=by, exclude=["reviewed_by"])
    routine.contraindications.set(Contraindication.objects.filter(pk__in=listed_then))
    _restore_steps(routine, to=to, by=by, reason=_reverted_reason(to))


@transaction.atomic
def revert_contraindication(contraindication, *, to, by):
    _check_may_revert(by)
    record = _version_at(contraindication, to)
    if not record.applies_to_all_routines:
        contraindication.check_may_stop_applying_to_all()
    _restore_content(contraindication, record, to=to, by=by)


def _version_at(obj, to):
    record = (
        obj.history.filter(history_date__lte=to).order_by("-history_date", "-history_id").first()
    )
    if record is None:
        raise ValidationError("There is no recorded version of that moment.", code="no_version")
    return record


def _restore_content(obj, record, *, to, by, exclude=None):
    """Give `obj` the content fields of `record`, its version at `to`, as a recorded change."""
    for name in obj.CONTENT_FIELDS:
        setattr(obj, name, getattr(record, name))
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ValidationError(
            "Cannot revert: %(problems)s",
            code="invalid_version",
            params={"problems": " ".join(error.messages)},
        ) from error
    obj._history_user = by
    obj._change_reason = _reverted_reason(to)
    obj.save()


def _steps_at(routine, to):
    """{step id: its history record} for the steps the routine had at moment `to`."""
    return {
        record.id: record
        for record in Step.history.filter(routine_id=routine.pk, history_date__lte=to)
        .latest_of_each()
        .exclude(history_type="-")
    }


def _restore_steps(routine, *, to, by, reason):
    then = _steps_at(routine, to)
    now = {step.pk: step for step in routine.steps.all()}
    for step in [step for pk, step in now.items() if pk not in then]:
        step._history_user, step._change_reason = by, reason
        step.delete()
    moving = [pk for pk, step in now.items() if pk in then and step.position != then[pk].position]
    Step.objects.filter(pk__in=moving).park(
        above=max((record.position for record in then.values()), default=0)
    )
    for pk, record in sorted(then.items(), key=lambda item: item[1].position):
        step = now.get(pk) or Step(pk=pk, routine=routine)
        if pk in now and all(
            getattr(step, name) == getattr(record, name) for name in Step.CONTENT_FIELDS
        ):
            continue
        for name in Step.CONTENT_FIELDS:
            setattr(step, name, getattr(record, name))
        step._history_user, step._change_reason = by, reason
        step.save()


def _reverted_reason(to):
    return f"Reverted to the version of {_moment(to)}"


def _check_may_revert(user):
    if not user.has_perm(REVIEW_PERMISSION):
        raise ValidationError(
            "Only a clinical reviewer may revert content to an earlier version.",
            code="not_permitted",
        )


def _listed_contraindication_rows(routine_records):
    rows = Routine.history.model.contraindications.model.objects
    return rows.filter(history__in=[record.history_id for record in routine_records]).values_list(
        "history_id", "contraindication_id"
    )


def _entries(records, kind, subject, contraindications=None):
    """Entries for `records`, each with its changes from the previous record of the same object."""
    records = sorted(records, key=lambda record: (record.history_date, record.history_id))
    previous = {}
    users = {}
    entries = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        changes = [] if record.history_type == "-" else _changes(record, before, users)
        if contraindications and record.history_type != "-":
            changes += _contraindication_changes(record, before, *contraindications)
        if record.history_type == "~" and not changes:
            # A save that changed nothing (the admin saves a routine with its steps) is noise.
            continue
        entries.append(
            HistoryEntry(f"{kind}:{record.history_id}", subject(record), record, changes)
        )
    return entries


def _changes(record, before, users):
    model = record.instance_type
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.name in UNTRACKED_FIELDS:
            continue
        new = getattr(record, model_field.attname)
        old = getattr(before, model_field.attname) if before else None
        if before is None and new in (None, "", model_field.get_default()):
            continue
        if before is not None and old == new:
            continue
        changes.append(
            FieldChange(
                str(model_field.verbose_name).capitalize(),
                _readable(model_field, old, users) if before else "",
                _readable(model_field, new, users),
            )
        )
    return changes


def _contraindication_changes(record, before, listed, names):
    new = listed[record.history_id]
    old = listed[before.history_id] if before else set()
    if new == old:
        return []

    def listed(ids):
        return ", ".join(sorted(names.get(pk, f"#{pk} (deleted)") for pk in ids)) or "—"

    return [FieldChange("Contraindications", listed(old) if before else "", listed(new))]


def _readable(model_field, value, users):
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.is_relation:
        if value not in users:
            users[value] = str(get_user_model().objects.filter(pk=value).first() or f"#{value}")
        return users[value]
    if hasattr(value, "tzinfo"):
        return _moment(value)
    return str(value)


def _moment(value):
    return formats.date_format(timezone.localtime(value), "j M Y, H:i:s")
