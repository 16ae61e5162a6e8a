"""The rows behind a person's standing with a routine, read in one hand-written statement.

Every gated request (the steps page, each step of the screening) reads the person's answers,
pain stops, last finish and open check-in. Built by the ORM these were three queries and half of
the steps page's time, most of it spent building the queries rather than running them
(docs/performance.md). The statement is written once here; only its parameters change.

Plain SQL that PostgreSQL and SQLite both accept: `%s` placeholders, `UNION ALL` of
SELECTs with NULL for the columns a part does not have, parameters and dates adapted and
converted as the ORM would (`stretches.sql_dates`).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.db import connection

from stretches.models import CheckIn, Screening, ScreeningAnswer
from stretches.screening.owners import ScreeningOwner
from stretches.sql_dates import as_parameter, time_reader

ANSWER, PAIN_STOP, FINISHED, OPEN_CHECK_IN = "a", "p", "f", "c"

# Columns: kind, id, contraindication_id, answer, question_text, screening_id, at, routine_id,
# pain_before, read_at (when the high-pain guidance was read).
_ANSWERS = """
SELECT 'a', answer.id, answer.contraindication_id, answer.answer, answer.question_text,
       answer.screening_id, screening.created_at, screening.routine_id, NULL, NULL
FROM stretches_screeninganswer answer
JOIN stretches_screening screening ON screening.id = answer.screening_id
WHERE {owner} AND screening.created_at > %s AND answer.contraindication_id IN ({questions})
"""
# First, so its types name the columns: PostgreSQL types each NULL column of a union from the
# parts before the first that has a value, and an untyped NULL there would be text.
_PAIN_STOPS = """
SELECT 'p', CAST(NULL AS bigint), CAST(NULL AS bigint), CAST(NULL AS text), CAST(NULL AS text),
       CAST(NULL AS bigint), created_at, routine_id, CAST(NULL AS bigint),
       CAST(NULL AS timestamp with time zone)
FROM stretches_painreport WHERE {owner} AND created_at > %s
"""
_FINISHED = """
SELECT 'f', NULL, NULL, NULL, NULL, NULL, MAX(completed_at), NULL, NULL, NULL
FROM stretches_routinecompletion WHERE user_id = %s AND routine_id = %s
"""
# The same "open" as stretches.progress.checkins.open_check_in: recent, no after answers yet.
_OPEN_CHECK_INS = """
SELECT 'c', id, NULL, NULL, NULL, NULL, created_at, routine_id, pain_before,
       high_pain_guidance_read_at
FROM stretches_checkin
WHERE {owner} AND routine_id = %s AND created_at > %s AND pain_after IS NULL AND compared = ''
"""


class AnswerRow(NamedTuple):
    pk: int
    contraindication_id: int
    answer: str
    question_text: str
    screening_id: int
    screened_at: datetime
    screened_for: int | None  # the routine the screening was made for

    def as_answer(self):
        """The ScreeningAnswer, with its screening's date and routine; other fields deferred."""
        answer = _from_row(
            ScreeningAnswer,
            id=self.pk,
            screening_id=self.screening_id,
            contraindication_id=self.contraindication_id,
            question_text=self.question_text,
            answer=self.answer,
        )
        answer.screening = _from_row(
            Screening,
            id=self.screening_id,
            created_at=self.screened_at,
            routine_id=self.screened_for,
        )
        return answer


@dataclass(frozen=True)
class OwnerRows:
    answers: list  # of AnswerRow
    pain_stops: list  # of (created_at, routine_id)
    last_finished: datetime | None = None  # signed-in people only
    open_check_in: CheckIn | None = None  # only when asked for


def owner_rows(
    owner: ScreeningOwner,
    routine_id: int,
    contraindication_ids,
    *,
    answered_since: datetime,
    stopped_since: datetime,
    check_ins_since: datetime | None = None,
) -> OwnerRows:
    """The owner's answers to these questions, pain stops, last finish of this routine and, with
    `check_ins_since`, the open check-in of this routine: one statement, one round trip."""
    if owner.user is not None:
        owner_sql, owner_params = "user_id = %s", [owner.user.pk]
        screening_owner = "screening.user_id = %s"
    elif owner.session_token:
        owner_sql, owner_params = "user_id IS NULL AND session_token = %s", [owner.session_token]
        screening_owner = "screening.user_id IS NULL AND screening.session_token = %s"
    else:
        return OwnerRows([], [])
    parts, params = (
        [_PAIN_STOPS.format(owner=owner_sql)],
        [*owner_params, as_parameter(stopped_since)],
    )
    questions = list(contraindication_ids)
    if questions:
        parts.append(
            _ANSWERS.format(owner=screening_owner, questions=", ".join(["%s"] * len(questions)))
        )
        params += [*owner_params, as_parameter(answered_since), *questions]
    if owner.user is not None:
        parts.append(_FINISHED)
        params += [owner.user.pk, routine_id]
    if check_ins_since is not None:
        parts.append(_OPEN_CHECK_INS.format(owner=owner_sql))
        params += [*owner_params, routine_id, as_parameter(check_ins_since)]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    return _sorted_out(owner, rows)


def _sorted_out(owner, rows):
    answers, pain_stops, last_finished, check_ins = [], [], None, []
    as_time = time_reader()
    for kind, pk, question, answer, text, screening, at, routine, pain_before, read_at in rows:
        at = as_time(at)
        if kind == ANSWER:
            answers.append(AnswerRow(pk, question, answer, text, screening, at, routine))
        elif kind == PAIN_STOP:
            pain_stops.append((at, routine))
        elif kind == FINISHED:
            last_finished = at
        else:
            check_ins.append((at, pk, routine, pain_before, as_time(read_at)))
    open_check_in = None
    if check_ins:
        # The newest, as open_check_in orders them.
        at, pk, routine, pain_before, read_at = max(check_ins, key=lambda row: row[:2])
        open_check_in = _from_row(
            CheckIn,
            id=pk,
            user_id=owner.user.pk if owner.user is not None else None,
            session_token="" if owner.user is not None else owner.session_token,
            routine_id=routine,
            pain_before=pain_before,
            pain_after=None,
            compared="",
            created_at=at,
            high_pain_guidance_read_at=read_at,
        )
    return OwnerRows(answers, pain_stops, last_finished, open_check_in)


def _from_row(model, **values):
    names = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])
