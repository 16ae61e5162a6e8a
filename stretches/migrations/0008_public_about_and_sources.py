from django.db import migrations


class Migration(migrations.Migration):
    """The public text is an "about", never the method; provenance can name several sources."""

    dependencies = [("stretches", "0007_history_baseline")]

    operations = [
        migrations.RenameField("routine", "summary", "about"),
        migrations.RenameField("historicalroutine", "summary", "about"),
        migrations.RenameField("routine", "source", "sources"),
        migrations.RenameField("historicalroutine", "source", "sources"),
    ]
