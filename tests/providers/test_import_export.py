import io

import pytest
from openpyxl import Workbook

from medcorridor.audit.models import AuditEvent
from medcorridor.providers import exchange
from medcorridor.providers.models import Facility, Offer

HEADER = (
    "name_en,name_ru,name_original,country,city,languages,accreditations,specialty,procedure_en,procedure_ru,"
    "icd_codes,price_min,price_max,currency,wait_days\n"
)


def csv_file(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


GOOD = [
    "Asan Medical Center,Медицинский центр Асан,서울아산병원,KR,Seoul,ko|en|ru,jci:2030-01-01,transplantology,"
    "Liver transplantation,Трансплантация печени,K70-K77,150000,250000,USD,60",
    "Asan Medical Center,Медицинский центр Асан,서울아산병원,KR,Seoul,ko|en|ru,jci:2030-01-01,oncology,"
    "Gastric cancer surgery,Операция при раке желудка,C16,20000,40000,USD,10",
]


def test_good_file_imports_everything(personas):
    report = exchange.import_file(actor=personas.admin, name="d.csv", content=csv_file(*GOOD))
    assert report.imported, report.errors
    assert (report.facilities_created, report.offers_saved) == (1, 2)
    facility = Facility.objects.get(name_en="Asan Medical Center")
    assert facility.offers.count() == 2
    assert facility.accreditations.get().scheme == "jci"
    assert AuditEvent.objects.filter(action="import").count() == 1


def test_a_file_with_errors_imports_nothing_and_says_where(personas):
    bad = [GOOD[0], "Bad Clinic,Плохая клиника,,XX,Seoul,ko,,oncology,Surgery,Операция,Q99-A00,abc,1,ZZZ,"]
    report = exchange.import_file(actor=personas.admin, name="d.csv", content=csv_file(*bad))
    assert not report.imported
    problems = {(e["row"], e["column"]) for e in report.errors}
    assert {(3, "country"), (3, "currency"), (3, "icd_codes"), (3, "price_min")} <= problems
    assert not Facility.objects.exists() and not Offer.objects.exists()


def test_missing_required_columns_are_reported(personas):
    report = exchange.import_file(actor=personas.admin, name="d.csv", content=csv_file(",,,KR,,,,,,,,,,,"))
    assert {e["column"] for e in report.errors} >= {"name_en", "name_ru", "city"}


def test_reimport_updates_instead_of_duplicating(personas):
    exchange.import_file(actor=personas.admin, name="d.csv", content=csv_file(*GOOD))
    changed = GOOD[0].replace(",60", ",45")
    report = exchange.import_file(actor=personas.admin, name="d.csv", content=csv_file(changed))
    assert report.imported and report.facilities_updated == 1
    assert Facility.objects.count() == 1
    assert Offer.objects.get(procedure_en="Liver transplantation").wait_days == 45


def test_xlsx_round_trip(directory, personas):
    content = exchange.export_bytes(None, "xlsx")
    Facility.objects.all().delete()  # a fresh directory receives the export
    report = exchange.import_file(actor=personas.admin, name="export.xlsx", content=content)
    assert report.imported, report.errors
    assert Facility.objects.count() == 3
    assert Offer.objects.filter(procedure_en="Breast cancer surgery").exists()


def test_xlsx_with_errors(personas):
    workbook = Workbook()
    workbook.active.append(["name_en", "name_ru", "country", "city"])
    workbook.active.append(["Clinic", "Клиника", "QQ", "Town"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = exchange.import_file(actor=personas.admin, name="d.xlsx", content=buffer.getvalue())
    assert (
        report.errors == [{"row": 2, "column": "country", "message": "Unknown value “QQ”."}]
        or report.errors[0]["column"] == "country"
    )


@pytest.mark.parametrize(
    "name,content", [("d.txt", b"x"), ("d.xlsx", b"not a workbook"), ("d.csv", "Имя".encode("cp1251"))]
)
def test_unreadable_files_get_a_clear_error(personas, name, content):
    from medcorridor.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed):
        exchange.import_file(actor=personas.admin, name=name, content=content)


def test_import_page_shows_the_row_report(personas, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("d.csv", csv_file("Clinic,Клиника,,QQ,Town,,,,,,,,,,"))
    page = client_for(personas.admin).post("/directory/import/", {"file": upload})
    text = page.content.decode()
    assert page.status_code == 200 and "QQ" in text and 'id="import-result"' in text


def test_export_csv_lists_offers(directory, client):
    response = client.get("/directory/export.csv")
    assert response["Content-Disposition"].startswith("attachment")
    body = response.content.decode("utf-8-sig")
    assert "Breast cancer surgery" in body and "Knee replacement" in body


def test_an_export_in_a_format_we_do_not_make_is_not_found(directory, client):
    assert client.get("/directory/export.pdf").status_code == 404


@pytest.mark.parametrize(
    "content", [b"", b"name_en,name_ru,country\n", b"x,y\n"], ids=["empty", "header", "other header"]
)
def test_a_file_with_no_rows_is_refused_rather_than_imported_as_nothing(personas, content):
    from medcorridor.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="no rows|нет ни одной строки"):
        exchange.import_file(actor=personas.admin, name="d.csv", content=content)
