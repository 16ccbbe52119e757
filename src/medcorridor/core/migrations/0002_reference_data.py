"""Fill the reference tables from their sources (see core/data/SOURCE.md)."""

from django.db import migrations


def load(apps, schema_editor):
    from medcorridor.core.reference import load_all

    names = ("Country", "Currency", "Language", "Specialty", "IcdCode")
    load_all({name: apps.get_model("core", name) for name in names})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
