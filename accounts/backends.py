"""Signing in, as Django's ModelBackend does it, with the signed-in person read more cheaply.

Every request of a signed-in person reads their row (AuthenticationMiddleware, through the
backend's `get_user`). Building that query with the ORM cost about three times running it: 0.63
against 0.20 ms of CPU on this machine, a tenth of the person's page (docs/performance.md). So
the statement is compiled once per process and database, and its row becomes a User through the
same converters and `Model.from_db` the ORM uses. Permissions, `authenticate` and the
is_active check are ModelBackend's own.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user = read_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


def read_user(user_id):
    """The user with primary key `user_id` (as the session holds it), or None."""
    user_model = get_user_model()
    alias = router.db_for_read(user_model)
    statement = _statement(user_model, alias)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [user_model._meta.pk.get_db_prep_value(user_id, connection)])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [
        _converted(value, column, converters, connection)
        for value, column, converters in zip(
            row, statement.columns, statement.converters, strict=True
        )
    ]
    return user_model.from_db(alias, statement.field_names, values)


def _converted(value, column, converters, connection):
    for converter in converters:
        value = converter(value, column, connection)
    return value


@dataclass(frozen=True)
class _Statement:
    sql: str
    columns: list  # the compiler's Col expressions, in the SELECT's order
    converters: list  # per column, the converters the ORM would apply to it
    field_names: list


@cache
def _statement(user_model, alias):
    """`SELECT <every field> FROM <users> WHERE pk = %s`, as the ORM writes it for `alias`."""
    compiler = user_model._default_manager.filter(pk=0).query.get_compiler(alias)
    sql, params = compiler.as_sql()
    if list(params) != [0]:
        raise RuntimeError(f"Expected the primary key as the only parameter, got {params!r}.")
    columns = [column for column, _, _ in compiler.select]
    if len(columns) != len(user_model._meta.concrete_fields):
        # A default manager that joins or annotates would mix other columns into the row.
        raise RuntimeError("Expected the user's own fields only, as the default manager reads.")
    by_position = compiler.get_converters(columns)
    converters = [
        tuple(by_position[position][0]) if position in by_position else ()
        for position in range(len(columns))
    ]
    field_names = [column.target.attname for column in columns]
    return _Statement(sql, columns, converters, field_names)
