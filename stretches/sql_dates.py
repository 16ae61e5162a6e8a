"""Times in and out of Limber's hand-written statements, as the ORM passes and returns them.

A few reads are plain SQL because building them with the ORM cost more than running them
(`stretches.screening.rows`, `stretches.progress.recent_rows`; docs/performance.md). The one
difference between the databases they meet is time: SQLite keeps it as naive UTC text (and a
compound statement returns it as text), PostgreSQL as aware datetimes. These two functions hide
that, with the connection's own operations, so each statement reads the same on both.
"""

from django.db import connection

from stretches.models import Screening

# Any DateTimeField's column: the converters depend only on the field's type.
_A_TIME_COLUMN = Screening._meta.get_field("created_at").cached_col


def as_parameter(moment):
    """An aware datetime as a statement's parameter, as the ORM would pass it."""
    return connection.ops.adapt_datetimefield_value(moment)


def time_reader():
    """A function that turns a row's time into an aware datetime (None stays None).

    The converters are looked up once per statement, not once per row: PostgreSQL has none, so
    its rows pass through untouched.
    """
    converters = connection.ops.get_db_converters(_A_TIME_COLUMN)

    def read(value):
        if value is None:
            return None
        for convert in converters:
            value = convert(value, _A_TIME_COLUMN, connection)
        return value

    return read
