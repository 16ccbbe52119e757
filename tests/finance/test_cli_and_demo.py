"""``medcorridor finance report`` / ``import-budgets`` and the finance demo."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from medcorridor.finance.models import Budget, Commitment, FundingProgramme, Invoice

pytestmark = pytest.mark.django_db

HEADER = "programme,programme_name,ministry,payer,payer_kind,fiscal_year,amount,currency,starts_on,ends_on\n"


def test_the_report_in_every_format(ledger, capsys, tmp_path):
    ledger.committed_case(discharged=False)
    year = str(ledger.budget.fiscal_year)
    call_command("finance", "report", "--year", year, "--format", "json")
    [row] = json.loads(capsys.readouterr().out)
    assert row["programme"] == "mn-abroad" and row["committed"] == "68000000.00" and row["committed_percent"] == 20.0
    call_command("finance", "report", "--year", year, "--format", "csv")
    [line] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert line["available"] == "272000000.00" and line["currency"] == "MNT"
    call_command("finance", "report", "--year", year)
    assert "mn-abroad" in capsys.readouterr().out
    call_command("finance", "report", "--year", "2001")
    assert "No budgets" in capsys.readouterr().out
    target = tmp_path / "report.csv"
    call_command("finance", "report", "--year", year, "--format", "csv", "--output", str(target))
    assert target.read_text().startswith("programme,")


def test_import_budgets_from_csv(personas, tmp_path, capsys):
    file = tmp_path / "budgets.csv"
    file.write_text(
        HEADER
        + "kz-abroad,Treatment abroad (KZ),Ministry of Health of Kazakhstan,KZ fund,state_quota,2026,120000000,KZT,,\n"
        + "kz-abroad,,,,,2027,130000000,KZT,2027-01-01,2027-12-31\n"
    )
    call_command("finance", "import-budgets", str(file))
    assert "2 budgets set, 1 programmes created" in capsys.readouterr().out
    assert Budget.objects.filter(programme__code="kz-abroad").count() == 2


def test_a_bad_budget_file_imports_nothing_and_lists_the_rows(personas, tmp_path, capsys):
    file = tmp_path / "budgets.csv"
    file.write_text(
        HEADER
        + "kz-abroad,Treatment abroad (KZ),Ministry of Health of Kazakhstan,KZ fund,state_quota,2026,120000000,KZT,,\n"
        + "kz-abroad,,,,,2027,lots,KZT,,\n"
    )
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("finance", "import-budgets", str(file))
    assert "row 3, amount" in capsys.readouterr().err
    assert not FundingProgramme.objects.exists()
    with pytest.raises(CommandError, match="No such file"):
        call_command("finance", "import-budgets", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="Name the file"):
        call_command("finance", "import-budgets")


def test_the_demo_has_two_programmes_commitments_and_invoices(demo_cases):
    from medcorridor.finance import demo

    summary = demo.load()
    assert set(FundingProgramme.objects.values_list("owner_organisation__country_id", flat=True)) == {"KZ", "MN"}
    assert set(Budget.objects.values_list("currency_id", flat=True)) == {"KZT", "MNT"}
    # Every approved state share of a Kazakh or Mongolian demo case is charged to its ministry's budget.
    assert Commitment.objects.count() == 5 and "5 commitments" in summary
    assert set(Invoice.objects.values_list("status", flat=True)) == {"paid", "submitted"}
    assert Commitment.objects.filter(status="released").count() == 1
