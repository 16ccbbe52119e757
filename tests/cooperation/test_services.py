"""Registry services: merging of people, organisations, meetings and agreements; write permissions."""

from datetime import date

import pytest

from medcorridor.accounts.enums import OrganisationKind
from medcorridor.audit.models import AuditEvent
from medcorridor.cooperation import aliases, services
from medcorridor.cooperation.enums import AgreementStatus
from medcorridor.cooperation.models import Agreement, Meeting, Official, OrganisationAlias
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from tests.factories import OrganisationFactory


@pytest.fixture
def moh_ru(db):
    return OrganisationFactory(
        name_en="Ministry of Health of the Russian Federation",
        name_ru="Министерство здравоохранения Российской Федерации",
        short_name="Минздрав России",
        country_id="RU",
    )


def test_alias_key_merges_abbreviations_and_cases():
    full = aliases.key("Министерство здравоохранения Российской Федерации")
    assert aliases.key("Минздрав России") == full
    assert aliases.key("Министерства здравоохранения РФ") == full
    assert aliases.key("Минздрава России") == full


def test_resolve_organisation_by_abbreviation_and_alias(moh_ru, personas):
    assert services.resolve_organisation("Минздрав России") == moh_ru
    assert services.resolve_organisation("Министерством здравоохранения РФ") == moh_ru
    assert services.resolve_organisation("Совсем другая организация") is None
    clinic = OrganisationFactory(
        kind=OrganisationKind.CLINIC,
        name_en="Korea Health Industry Development Institute",
        name_ru="Институт развития индустрии здравоохранения Кореи",
        short_name="KHIDI",
        country_id="KR",
    )
    assert services.resolve_organisation("Институт развития индустрии здравоохранения Южной Кореи (KHIDI)") == clinic
    services.add_alias(actor=personas.admin, organisation=clinic, alias="한국보건산업진흥원")
    assert services.resolve_organisation("한국보건산업진흥원") == clinic
    assert OrganisationAlias.objects.count() == 1


def test_alias_denied_to_clinic_staff_and_conflicting_alias_refused(moh_ru, personas):
    with pytest.raises(PermissionDenied):
        services.add_alias(actor=personas.clinic_staff, organisation=moh_ru, alias="MoH RF")
    services.add_alias(actor=personas.coordinator_kz, organisation=moh_ru, alias="MoH RF")
    with pytest.raises(ValidationFailed):
        services.add_alias(actor=personas.admin, organisation=personas.ministry_kz, alias="MOH RF")


def test_same_person_new_position_is_merged(moh_ru):
    first, old = services.upsert_official(
        actor=None,
        name="Сергей Владимирович Готье",
        country="RU",
        position="главный внештатный трансплантолог Минздрава России",
        organisation_name="Минздрав России",
        seen_on=date(2025, 10, 20),
    )
    again, same = services.upsert_official(
        actor=None,
        name="Сергей Готье",
        country="RU",
        position="главный внештатный трансплантолог Минздрава России",
        organisation_name="Министерство здравоохранения Российской Федерации",
        seen_on=date(2026, 1, 5),
    )
    assert again == first and same == old
    same.refresh_from_db()
    assert same.last_seen_on == date(2026, 1, 5) and same.organisation == moh_ru
    later, new = services.upsert_official(
        actor=None,
        name="Сергея Готье",
        country="RU",
        position="директор НМИЦ трансплантологии",
        seen_on=date(2026, 4, 14),
    )
    assert later == first and new != old
    assert Official.objects.count() == 1
    official = Official.objects.get()
    assert official.positions.count() == 2
    assert official.last_position == new
    assert "Сергей Готье" in official.aliases


def test_namesakes_in_other_countries_stay_apart(db):
    a, _ = services.upsert_official(actor=None, name="Алексей Богданов", country="BY")
    b, _ = services.upsert_official(actor=None, name="Алексей Богданов", country="RU")
    assert a != b


def test_meetings_merge_by_date_and_countries_and_count_appearances(db):
    m1 = services.upsert_meeting(
        actor=None, title="Встреча", held_on=date(2026, 2, 13), countries=["KZ", "BY"], areas=["training"]
    )
    m2 = services.upsert_meeting(
        actor=None,
        title="Другая заметка о встрече",
        held_on=date(2026, 2, 13),
        countries=["BY", "KZ"],
        areas=["drug_regulation"],
    )
    assert m1 == m2 and Meeting.objects.count() == 1
    m2.refresh_from_db()
    assert m2.areas == ["training", "drug_regulation"]
    official, position = services.upsert_official(
        actor=None, name="Акмарал Альназарова", country="KZ", position="министр здравоохранения"
    )
    services.add_participant(actor=None, meeting=m1, official=official, position=position)
    services.add_participant(actor=None, meeting=m1, official=official, position=position)
    official.refresh_from_db()
    assert official.appearances == 1


def test_agreement_status_moves_forward_only(db):
    draft = services.upsert_agreement(
        actor=None,
        kind="roadmap",
        status=AgreementStatus.DRAFT,
        title="Дорожная карта сотрудничества",
        countries=["KZ", "BY"],
    )
    signed = services.upsert_agreement(
        actor=None,
        kind="roadmap",
        status=AgreementStatus.SIGNED,
        title="дорожная карта сотрудничества",
        countries=["KZ"],
    )
    assert draft == signed
    again = services.upsert_agreement(
        actor=None, kind="roadmap", status=AgreementStatus.DRAFT, title="Дорожная карта сотрудничества"
    )
    assert again.status == AgreementStatus.SIGNED
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["clinic_staff", "other_clinic_staff", "analyst", "transplant_coordinator", "auditor"]
)
def test_only_coordinators_and_admins_write(personas, persona):
    with pytest.raises(PermissionDenied):
        services.save_record(actor=getattr(personas, persona), instance=Agreement(title="X"))


def test_coordinator_edits_own_country_not_others(personas):
    mine = services.save_record(
        actor=personas.coordinator_mn, instance=Agreement(title="MN–KR"), m2m={"countries": ["MN", "KR"]}
    )
    assert mine.owner_organisation == personas.ministry_mn
    other = services.save_record(
        actor=personas.admin, instance=Agreement(title="RU–KG"), m2m={"countries": ["RU", "KG"]}
    )
    other.title = "changed"
    with pytest.raises(PermissionDenied):
        services.save_record(actor=personas.coordinator_mn, instance=other)
    services.save_record(
        actor=personas.coordinator_kz,
        instance=Agreement(title="KZ–RU", areas=["training"]),
        m2m={"countries": ["KZ", "RU"]},
    )
    mine.title = "MN–KR memorandum"
    services.save_record(actor=personas.coordinator_mn, instance=mine)
    assert AuditEvent.objects.filter(target_type="cooperation.agreement", action="update").count() == 1


def test_unknown_area_is_refused(personas):
    with pytest.raises(ValidationFailed):
        services.save_record(actor=personas.admin, instance=Agreement(title="X", areas=["astrology"]))
