"""Create the two editorial groups with their permissions.

The group and permission lists are frozen here rather than imported, so that later changes to the
roles come with a migration of their own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    "add_routine",
    "change_routine",
    "view_routine",
    "add_step",
    "change_step",
    "delete_step",
    "view_step",
    "add_contraindication",
    "change_contraindication",
    "view_contraindication",
]
GROUPS = {
    "Content editors": EDITOR_PERMISSIONS,
    "Clinical reviewers": [*EDITOR_PERMISSIONS, "review_routine"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; the groups need them now.
    # create_permissions skips an app whose config has no models module, as the migration state's
    # stand-in config has not.
    app_config = apps.get_app_config("stretches")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="stretches", codename__in=codenames
        )
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Some permissions for the group {name!r} do not exist.")
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("stretches", "0005_editorial_workflow"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
