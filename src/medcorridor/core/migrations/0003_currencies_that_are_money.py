"""Remove the ISO 4217 codes that are no money anyone is paid in (funds, metals, units: see
``reference.NOT_MONEY``) from databases loaded before they were left out. A code already used by a
record stays: a reference row is never deleted from under the data that names it."""

from django.db import migrations
from django.db.models.deletion import ProtectedError


def drop_non_money(apps, schema_editor):
    from medcorridor.core.reference import NOT_MONEY

    Currency = apps.get_model("core", "Currency")
    for currency in Currency.objects.filter(code__in=NOT_MONEY):
        try:
            currency.delete()
        except ProtectedError:
            continue


class Migration(migrations.Migration):
    dependencies = [("core", "0002_reference_data")]

    operations = [migrations.RunPython(drop_non_money, migrations.RunPython.noop)]
