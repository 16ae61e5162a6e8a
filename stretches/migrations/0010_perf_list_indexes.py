from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

# The expression of stretches.models.content.routine_search_vector(), frozen as of this migration.
SEARCH_INDEX = GinIndex(SearchVector("title", "about", config="english"), name="routine_search_gin")


class AddSearchIndexOnPostgreSQL(migrations.operations.base.Operation):
    """Build the full-text search index where the database has one: PostgreSQL.

    SQLite has neither GIN indexes nor to_tsvector, and searches by substring instead. The index
    is kept out of the model state on purpose: SQLite rebuilds a table from that state whenever
    a later migration alters it, and would then try to build this index too.
    """

    reversible = True

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(to_state.apps.get_model(app_label, "Routine"), SEARCH_INDEX)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(
                from_state.apps.get_model(app_label, "Routine"), SEARCH_INDEX
            )

    def describe(self):
        return "Create the full-text search index on PostgreSQL"


class Migration(migrations.Migration):
    dependencies = [
        ("stretches", "0009_right_now_questions_and_provenance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="routine",
            index=models.Index(fields=["status", "title", "id"], name="routine_status_title"),
        ),
        migrations.AddIndex(
            model_name="routine",
            index=models.Index(
                fields=["status", "body_area", "title"], name="routine_status_body_area"
            ),
        ),
        migrations.AddIndex(
            model_name="routine",
            index=models.Index(
                fields=["status", "position", "title"], name="routine_status_position"
            ),
        ),
        migrations.AddIndex(
            model_name="routine",
            index=models.Index(
                fields=["status", "equipment", "title"], name="routine_status_equipment"
            ),
        ),
        AddSearchIndexOnPostgreSQL(),
    ]
