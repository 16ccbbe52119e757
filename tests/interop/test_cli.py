"""``medcorridor fhir``: export one case or all of them, import, check; always as a named user."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from medcorridor.audit.models import AccessLog
from medcorridor.cases.models import ReferralCase
from medcorridor.interop.fhir import validation

from .test_export import sent_to_one_clinic

pytestmark = pytest.mark.django_db


def fhir(*args, stdout=None, stderr=None) -> None:
    with translation.override("en"):
        call_command("fhir", *args, stdout=stdout or io.StringIO(), stderr=stderr or io.StringIO())


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    fhir(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_one_case_to_a_file_as_the_coordinator(world, tmp_path):
    case = world.at_opinions()
    target = tmp_path / "case.json"
    run("export", str(case.public_id), "-o", str(target), "--as", "coord_mn", "--base-url", "https://mc.example")
    bundle = json.loads(target.read_text(encoding="utf-8"))
    assert validation.problems(bundle) == [] and validation.unresolved_references(bundle) == set()
    assert "https://mc.example/api/v1/cases/documents/" in target.read_text(encoding="utf-8")
    assert AccessLog.objects.filter(actor=world.personas.coordinator_mn, channel="cli", purpose="fhir_export").exists()


def test_export_to_standard_output(world):
    case = world.open_case()
    out, _err = run("export", str(case.public_id), "--as", "coord_mn")
    assert json.loads(out)["resourceType"] == "Bundle"


def test_export_all_writes_one_file_per_visible_case(world, tmp_path):
    visible = sent_to_one_clinic(world)
    world.open_case()
    out, _err = run("export", "--all", "-o", str(tmp_path / "out"), "--as", "clinic_kr")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{visible.reference}.json"]
    assert "Exported 1 cases" in out


def test_export_all_pages_through_every_case(world, tmp_path, monkeypatch):
    from medcorridor.interop.management.commands import fhir

    monkeypatch.setattr(fhir, "PAGE_SIZE", 2)
    cases = [world.open_case() for _ in range(5)]
    run("export", "--all", "-o", str(tmp_path), "--as", "coord_mn")
    assert sorted(p.stem for p in tmp_path.iterdir()) == sorted(c.reference for c in cases)


@pytest.mark.parametrize("username", ["coord_kz", "clinic_ajou", "analyst", "tx_kg", "admin_ops"])
def test_the_cli_refuses_what_the_user_may_not_see(world, tmp_path, username):
    case = sent_to_one_clinic(world)
    with pytest.raises(CommandError, match="not found or not visible"):
        run("export", str(case.public_id), "-o", str(tmp_path / "x.json"), "--as", username)
    assert not (tmp_path / "x.json").exists()
    assert AccessLog.objects.get(target_id=str(case.public_id), purpose="fhir_export", channel="cli").granted is False


def test_an_unknown_user_is_refused(world):
    case = world.open_case()
    with pytest.raises(CommandError, match="No active user"):
        run("export", str(case.public_id), "--as", "nobody")


def test_import_a_file(world, tmp_path):
    case = world.open_case()
    out, _err = run("export", str(case.public_id), "--as", "coord_mn")
    source = tmp_path / "in.json"
    source.write_text(out, encoding="utf-8")
    out, _err = run("import", str(source), "--as", "coord_mn")
    created = ReferralCase.objects.exclude(pk=case.pk).get()
    assert created.reference in out
    assert created.patient.family_name == case.patient.family_name


def test_import_errors_are_listed_and_nothing_is_written(world, tmp_path):
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="cannot be imported"):
        fhir("import", str(source), "--as", "coord_mn", stderr=err)
    assert "Patient" in err.getvalue()
    assert not ReferralCase.objects.exists()
    source.write_text("{oops", encoding="utf-8")
    with pytest.raises(CommandError, match="not JSON"):
        run("import", str(source), "--as", "coord_mn")
    with pytest.raises(CommandError, match="No such file"):
        run("import", str(tmp_path / "missing.json"), "--as", "coord_mn")


def test_check_a_file(world, tmp_path):
    case = world.at_opinions()
    good = tmp_path / "good.json"
    run("export", str(case.public_id), "-o", str(good), "--as", "coord_mn")
    out, _err = run("check", str(good))
    assert "valid FHIR R4" in out
    bundle = json.loads(good.read_text(encoding="utf-8"))
    bundle["entry"] = [e for e in bundle["entry"] if e["resource"]["resourceType"] != "Patient"]
    bundle["entry"][0]["resource"]["recordedDate"] = "yesterday"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bundle), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="problems"):
        fhir("check", str(bad), stderr=err)
    assert "unresolved reference" in err.getvalue()
    assert "recordedDate" in err.getvalue()
