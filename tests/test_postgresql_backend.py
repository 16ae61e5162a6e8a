"""Limber's PostgreSQL settings and backend: a kept connection's health check answered from its
socket, and repeated statements prepared.

These run on both passes, against a connection of their own to the machine's PostgreSQL (which
`make test` starts when it is not running), whatever database the suite itself is using.
"""

import json
import select

import environ
import psycopg
import pytest
from django.db import NotSupportedError, OperationalError, connections

from config.postgresql.base import QUIET_SECONDS, DatabaseWrapper, quiet_and_idle
from tests.test_project import run_python_with

TEST_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def wrapper(monkeypatch, django_db_blocker):
    """A kept connection with health checks, as production has it, counting real checks."""
    settings_dict = environ.Env.db_url_config(TEST_POSTGRES_URL)
    settings_dict.update(
        ENGINE="config.postgresql",
        CONN_MAX_AGE=600,
        CONN_HEALTH_CHECKS=True,
        ATOMIC_REQUESTS=False,
        AUTOCOMMIT=True,
        OPTIONS={},
        TIME_ZONE=None,
        TEST={},
    )
    database = DatabaseWrapper(settings_dict, alias="health_check_test")
    database.real_checks = 0
    sent_select_one = database.is_usable

    def is_usable():
        database.real_checks += 1
        return sent_select_one()

    monkeypatch.setattr(database, "is_usable", is_usable)
    with django_db_blocker.unblock():
        database.ensure_connection()
        yield database
        database.close()


def start_request(database):
    """What Django does around each request, then a request's first query."""
    database.close_if_unusable_or_obsolete()
    with database.cursor() as cursor:
        cursor.execute("SELECT 41 + 1")
        return cursor.fetchone()[0]


def end_session_from_outside(database):
    with psycopg.connect(TEST_POSTGRES_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [database.connection.info.backend_pid])
    wait_for_the_server_to_write(database)


def wait_for_the_server_to_write(database):
    # The server acts on its own time; the check is about what has reached the socket.
    readable, _, _ = select.select([database.connection.pgconn.socket], [], [], 5)
    assert readable


def test_a_quiet_idle_connection_is_reused_without_a_round_trip(wrapper):
    kept = wrapper.connection

    assert start_request(wrapper) == 42
    assert start_request(wrapper) == 42

    assert wrapper.real_checks == 0
    assert wrapper.connection is kept


def test_a_connection_ended_by_the_server_is_replaced_before_the_request_uses_it(wrapper):
    ended_pid = wrapper.connection.info.backend_pid
    end_session_from_outside(wrapper)

    assert start_request(wrapper) == 42

    assert wrapper.real_checks == 1
    assert wrapper.connection.info.backend_pid != ended_pid


def test_without_the_socket_check_the_ended_connection_fails_the_request(wrapper, monkeypatch):
    # The case the check is for: Django reusing the dead connection would fail this request.
    monkeypatch.setattr("config.postgresql.base.quiet_and_idle", lambda pgconn: True)
    end_session_from_outside(wrapper)

    with pytest.raises(OperationalError):
        start_request(wrapper)


def test_a_connection_left_unused_for_a_while_is_checked_for_real(wrapper):
    # A death nobody announces (a host failed over, a balancer's idle timeout) shows only when
    # something is sent, and an idle connection is where it happens.
    start_request(wrapper)
    wrapper.checked_at -= QUIET_SECONDS

    assert start_request(wrapper) == 42

    assert wrapper.real_checks == 1


def test_anything_waiting_on_the_socket_is_checked_for_real(wrapper):
    wrapper.connection.execute("LISTEN limber_health_check_test")
    with psycopg.connect(TEST_POSTGRES_URL, autocommit=True) as other:
        other.execute("NOTIFY limber_health_check_test")
    wait_for_the_server_to_write(wrapper)

    assert start_request(wrapper) == 42

    assert wrapper.real_checks == 1


def test_a_connection_inside_a_transaction_is_not_idle():
    with psycopg.connect(TEST_POSTGRES_URL) as connection:
        connection.execute("SELECT 1")

        assert quiet_and_idle(connection.pgconn) is False


def test_a_closed_connection_is_not_idle():
    connection = psycopg.connect(TEST_POSTGRES_URL, autocommit=True)
    connection.close()

    assert quiet_and_idle(connection.pgconn) is False


def production_database_settings(**env):
    """DATABASES["default"] as the settings module makes it for PostgreSQL in production."""
    code = (
        "import json; from config import settings; print(json.dumps(settings.DATABASES['default']))"
    )
    result = run_python_with(
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "limber.example",
            "DATABASE_URL": TEST_POSTGRES_URL,
            # Production's defaults, whatever this shell has exported.
            "DB_POOL": "false",
            "CONN_MAX_AGE": "600",
            "DB_PREPARED_STATEMENTS": "true",
            **env,
        },
        "-c",
        code,
    )
    assert result.returncode == 0, result.stderr
    # With the defaults Django fills in for a database the settings leave them out of.
    return connections.configure_settings({"default": json.loads(result.stdout)})["default"]


def prepared_statements_after_repeating_a_query(settings_dict, django_db_blocker):
    database = DatabaseWrapper(settings_dict, alias="prepared_statements_test")
    with django_db_blocker.unblock():
        try:
            for attempt in range(6):
                with database.cursor() as cursor:
                    cursor.execute("SELECT %s + 1 AS limber_prepared_test", [attempt])
            with database.cursor() as cursor:
                cursor.execute("SELECT statement FROM pg_prepared_statements")
                return [statement for (statement,) in cursor.fetchall()]
        finally:
            database.close()


def test_production_prepares_a_statement_run_again_and_again(django_db_blocker):
    settings_dict = production_database_settings()

    statements = prepared_statements_after_repeating_a_query(settings_dict, django_db_blocker)

    assert settings_dict["ENGINE"] == "config.postgresql"
    assert statements == ["SELECT $1 + 1 AS limber_prepared_test"]


def test_prepared_statements_can_be_turned_off_for_a_pooler_in_transaction_mode(
    django_db_blocker,
):
    settings_dict = production_database_settings(DB_PREPARED_STATEMENTS="false")

    statements = prepared_statements_after_repeating_a_query(settings_dict, django_db_blocker)

    assert statements == []


@pytest.mark.parametrize("pooled", ["false", "true"])
def test_a_statement_prepared_before_a_column_changed_type_fails_once_per_connection(
    django_db_blocker, pooled
):
    # A migration on another connection (a deploy's `release` step) changes the column a kept or
    # pooled connection's prepared statement reads: PostgreSQL refuses the old plan every time.
    database = DatabaseWrapper(
        production_database_settings(DB_POOL=pooled), alias=f"stale_plan_test_{pooled}"
    )
    table = "limber_stale_plan_test"

    def request():
        """One request's worth: Django's end-of-request check, then the statement."""
        database.close_if_unusable_or_obsolete()
        with database.cursor() as cursor:
            cursor.execute(
                f"SELECT label, pg_backend_pid() FROM {table} WHERE label = %s", ["kept"]
            )
            return cursor.fetchone()

    with psycopg.connect(TEST_POSTGRES_URL, autocommit=True) as migration:
        migration.execute(f"DROP TABLE IF EXISTS {table}")
        migration.execute(f"CREATE TABLE {table} (label varchar(10))")
        migration.execute(f"INSERT INTO {table} VALUES ('kept')")
        with django_db_blocker.unblock():
            try:
                # Often enough for every connection the pool hands out to prepare it.
                prepared_on = {request()[1] for _ in range(12)}
                migration.execute(f"ALTER TABLE {table} ALTER COLUMN label TYPE text")

                answers = []
                for _ in range(len(prepared_on) + 3):
                    try:
                        answers.append(request()[0])
                    except NotSupportedError:
                        answers.append("refused")
            finally:
                database.close()
                if database.pool:
                    database.close_pool()
                migration.execute(f"DROP TABLE {table}")

    assert 1 <= answers.count("refused") <= len(prepared_on)
    assert answers[-3:] == ["kept", "kept", "kept"]
