"""Writes to the cooperation registry. Each function: permission check, one transaction, audit row.

Merging rules (used by the review queue, and safe to call again with the same data):
- organisations resolve through ``OrganisationAlias`` and every organisation's own names, compared
  by ``aliases.key`` (abbreviations expanded, inflection cut), so "Минздрав России" is the
  Russian Ministry of Health;
- an official is the same person when the surname and given name agree (patronymic optional,
  inflection ignored) within one country; a new position is added to that person, a known one
  only gets its ``last_seen_on`` moved;
- a meeting is the same when the date and the set of countries agree;
- an agreement is the same when its kind and title key agree; its status only moves forward;
- a programme, mission, donation or project is the same when its title key (a donation: what was
  given) agrees among records of the same countries, on the same day for missions and donations;
  merging fills only the blanks of a record someone entered.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from medcorridor.accounts.enums import Role
from medcorridor.accounts.models import Organisation
from medcorridor.accounts.scoping import scope_of
from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import record, snapshot
from medcorridor.core.errors import PermissionDenied, ValidationFailed
from medcorridor.core.models import Country, Currency
from medcorridor.core.textsearch import fold

from . import aliases
from .enums import (
    AgreementKind,
    AgreementStatus,
    Area,
    DonationKind,
    DurationClass,
    MeetingKind,
    MissionKind,
    ProjectKind,
    ProjectStatus,
)
from .models import (
    Agreement,
    Donation,
    JointProject,
    Meeting,
    Milestone,
    Mission,
    Official,
    OrganisationAlias,
    Participant,
    Position,
    TrainingProgramme,
)
from .permissions import can_edit, can_write

STATUS_ORDER = [
    AgreementStatus.DRAFT,
    AgreementStatus.SIGNED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.EXPIRED,
]
M2M_EXCLUDE = ("countries", "parties", "facilities", "organisations", "agreements", "search_text")


def _require_write(actor, instance=None) -> None:
    if actor is None:  # system work: the ingest command, demo data, migrations
        return
    allowed = can_edit(actor, instance) if instance is not None and instance.pk else can_write(actor)
    if not allowed:
        raise PermissionDenied(_("Only national coordinators and administrators may change the cooperation registry."))


def _owner_of(actor):
    if actor is None:
        return None
    orgs = scope_of(actor).organisations_with(Role.NATIONAL_COORDINATOR, Role.ADMINISTRATOR)
    return Organisation.objects.filter(pk__in=orgs).first()


def _check_areas(areas) -> list[str]:
    areas = [a for a in (areas or []) if a]
    unknown = [a for a in areas if a not in Area.values]
    if unknown:
        raise ValidationFailed(_("Unknown area “%(area)s”.") % {"area": unknown[0]}, field="areas")
    return list(dict.fromkeys(areas))


def _check_fields(instance) -> None:
    """The model's own rules (choices, lengths, required fields, its ``clean``) on every way in: the
    API, the forms and accepted ingest items; relations are checked by the caller."""
    relations = [field.name for field in instance._meta.fields if field.is_relation]
    try:
        instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    except DjangoValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        label = instance._meta.get_field(field).verbose_name if field != "__all__" else ""
        message = f"{label}: {messages[0]}" if label else messages[0]
        raise ValidationFailed(message, errors=error.message_dict, field=field) from error


def _split_countries(codes) -> tuple[list[str], list[str]]:
    """The ISO codes among ``codes`` (codes or ``Country`` rows, as a form gives them) that the reference
    data knows and those it does not, each once and in the order given (one query)."""
    wanted = list(dict.fromkeys(getattr(code, "code", code) for code in codes))
    known = set(Country.objects.filter(code__in=wanted).values_list("code", flat=True))
    return [c for c in wanted if c in known], [c for c in wanted if c not in known]


def _known_countries(codes) -> list[str]:
    """What extracted text names: a country the reference data does not know is left out."""
    return _split_countries(codes)[0]


def _check_countries(codes) -> list[str]:
    """What a person entered: a country the reference data does not know is an error."""
    known, unknown = _split_countries(codes)
    if unknown:
        raise ValidationFailed(_("Unknown country “%(value)s”.") % {"value": unknown[0]}, field="countries")
    return known


def save_record(*, actor, instance, m2m: dict | None = None, summary: str = ""):
    """Create or update any registry record (``instance`` carries the new field values).

    ``m2m`` maps many-to-many field names to lists of objects or keys.
    """
    creating = instance.pk is None
    if creating:
        _require_write(actor)
    else:
        _require_write(actor, type(instance).objects.get(pk=instance.pk))
    instance.areas = _check_areas(instance.areas)
    _check_fields(instance)
    m2m = dict(m2m or {})
    if "countries" in m2m:
        m2m["countries"] = _check_countries(m2m["countries"])
    with transaction.atomic():
        before = None if creating else snapshot(type(instance).objects.get(pk=instance.pk), exclude=M2M_EXCLUDE)
        if creating:
            instance.created_by = actor if getattr(actor, "pk", None) else None
            instance.owner_organisation = instance.owner_organisation or _owner_of(actor)
        instance.save()
        for name, values in m2m.items():
            getattr(instance, name).set(values)
        after = snapshot(instance, exclude=M2M_EXCLUDE)
        record(
            actor=actor,
            action=AuditAction.CREATE if creating else AuditAction.UPDATE,
            instance=instance,
            before=before,
            after=after,
            summary=summary or str(instance)[:200],
        )
    return instance


def _record_part(actor, parent, part, summary: str) -> None:
    """Audit a row added to a record (position, participant, milestone) under the record's id."""
    record(actor=actor, action=AuditAction.CREATE, instance=parent, after=snapshot(part), summary=summary[:200])


# --- organisations ---------------------------------------------------------------------------------


def organisation_keys() -> dict[str, int]:
    """Normalisation key → organisation id, from the alias table and every organisation's names."""
    known: dict[str, int] = {}
    for organisation in Organisation.objects.all():
        for name in organisation.all_names():
            known.setdefault(aliases.key(name), organisation.pk)
    for alias_key, organisation_id in OrganisationAlias.objects.values_list("key", "organisation_id"):
        known[alias_key] = organisation_id
    known.pop("", None)
    return known


def resolve_organisation(name: str, *, country: str = "", known: dict[str, int] | None = None):
    """The organisation a written name means, or None. Exact key first, then a close spelling."""
    name_key = aliases.key(name)
    if not name_key:
        return None
    known = organisation_keys() if known is None else known
    organisation_id = known.get(name_key)
    if organisation_id is None:
        # "Институт ... Кореи (KHIDI)": try the name without the bracket, then the bracketed short name
        inner = re.findall(r"\(([^)]+)\)", name)
        for variant in [re.sub(r"\([^)]*\)", " ", name), *inner]:
            organisation_id = known.get(aliases.key(variant))
            if organisation_id is not None:
                break
    if organisation_id is None:
        match = process.extractOne(name_key, list(known), scorer=fuzz.ratio, score_cutoff=90)
        organisation_id = known[match[0]] if match else None
    if organisation_id is None:
        return None
    organisation = Organisation.objects.get(pk=organisation_id)
    if country and organisation.country_id != country:
        return None
    return organisation


def add_alias(*, actor, organisation: Organisation, alias: str) -> OrganisationAlias:
    _require_write(actor)
    alias_key = aliases.key(alias)
    if not alias_key:
        raise ValidationFailed(_("The spelling is empty."), field="alias")
    with transaction.atomic():
        existing = OrganisationAlias.objects.filter(key=alias_key).first()
        if existing is not None:
            if existing.organisation_id != organisation.pk:
                raise ValidationFailed(
                    _("“%(alias)s” already names %(org)s.") % {"alias": alias, "org": existing.organisation},
                    field="alias",
                )
            return existing
        created = OrganisationAlias.objects.create(organisation=organisation, alias=alias, key=alias_key)
        record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=organisation,
            summary=f"alias {alias}"[:200],
            after={"alias": alias},
        )
    return created


# --- officials ---------------------------------------------------------------------------------------


def _name_stems(name: str) -> list[str]:
    return [w[:5] for w in fold(name).split() if len(w) > 1]


def _is_patronymic(folded_word: str) -> bool:
    return folded_word.endswith(("vich", "vna", "ovich", "evich", "ichna", "uli", "kizi", "ogli"))


def same_person(a: str, b: str) -> bool:
    """Names agree once the patronymic is dropped and inflection ignored ("Михаила Мурашко")."""

    def core(name):
        return {w[:5] for w in fold(name).split() if len(w) > 1 and not _is_patronymic(w)}

    first, second = core(a), core(b)
    if not first or not second:
        return False
    small, large = sorted((first, second), key=len)
    return len(small) >= 2 and small <= large or (len(small) == 1 and first == second)


def find_official(name: str, *, country: str = ""):
    surname_stems = set(_name_stems(name))
    candidates = Official.objects.all()
    if country:
        candidates = candidates.filter(country_id__in=[country, None]) | candidates.filter(country__isnull=True)
    for official in candidates.distinct():
        names = official.all_names()
        if any(set(_name_stems(n)) & surname_stems and same_person(name, n) for n in names):
            return official
    return None


def position_key(title: str) -> str:
    return aliases.key(title)


def upsert_official(
    *,
    actor,
    name: str,
    position: str = "",
    organisation_name: str = "",
    country: str = "",
    seen_on: date | None = None,
    name_latin: str = "",
    countries_extra=(),
    known: dict[str, int] | None = None,
    publish: bool = True,
):
    """The official named ``name`` (created if new) and the position they held on ``seen_on``."""
    _require_write(actor)
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed(_("An official needs a name."), field="name")
    country = country if country and Country.objects.filter(code=country).exists() else ""
    with transaction.atomic():
        official = find_official(name, country=country)
        if official is None:
            official = Official(
                name=name,
                name_latin=name_latin or _latin(name),
                country_id=country or None,
                is_published=publish,
                origin="ingest" if actor is None else "manual",
            )
            save_record(
                actor=actor,
                instance=official,
                m2m={"countries": [c for c in [country] if c]},
                summary=f"official {name}",
            )
        else:
            changed = False
            if len(name) > len(official.name) and same_person(name, official.name):
                # keep the fullest spelling as the name, the shorter one as an alias
                official.aliases = list(dict.fromkeys([*official.aliases, official.name]))
                official.name = name
                changed = True
            elif name != official.name and name not in official.aliases:
                official.aliases = [*official.aliases, name]
                changed = True
            if country and not official.country_id:
                official.country_id = country
                official.countries.add(country)
                changed = True
            if changed:
                save_record(actor=actor, instance=official, summary=f"official {name}: new spelling")
        held = None
        if position:
            held = _upsert_position(
                actor=actor,
                official=official,
                title=position,
                organisation_name=organisation_name,
                country=country,
                seen_on=seen_on,
                known=known,
            )
    return official, held


def _latin(name: str) -> str:
    from unidecode import unidecode

    return unidecode(name) if any(ord(ch) > 127 for ch in name) else ""


def _upsert_position(*, actor, official, title, organisation_name, country, seen_on, known) -> Position:
    organisation = resolve_organisation(organisation_name, known=known) if organisation_name else None
    wanted = position_key(title)
    for position in official.positions.all():
        same_org = (organisation is not None and position.organisation_id == organisation.pk) or (
            aliases.key(position.organisation_name) == aliases.key(organisation_name)
        )
        if position_key(position.title) == wanted and same_org:
            if seen_on and (position.last_seen_on is None or seen_on > position.last_seen_on):
                position.last_seen_on = seen_on
                position.save(update_fields=["last_seen_on", "updated_at"])
            if seen_on and position.started_on and seen_on < position.started_on:
                position.started_on = seen_on
                position.save(update_fields=["started_on", "updated_at"])
            return position
    position = Position.objects.create(
        official=official,
        title=title,
        organisation=organisation,
        organisation_name="" if organisation else organisation_name,
        country_id=country or (organisation.country_id if organisation else None),
        started_on=None,
        last_seen_on=seen_on,
    )
    _record_part(actor, official, position, f"position {title}")
    return position


def add_position(
    *,
    actor,
    official: Official,
    title: str,
    organisation=None,
    organisation_name: str = "",
    country: str = "",
    started_on=None,
    ended_on=None,
) -> Position:
    _require_write(actor, official)
    if not title.strip():
        raise ValidationFailed(_("A position needs a title."), field="title")
    if started_on and ended_on and ended_on < started_on:
        raise ValidationFailed(_("A position cannot end before it starts."), field="ended_on")
    with transaction.atomic():
        position = Position.objects.create(
            official=official,
            title=title.strip(),
            organisation=organisation,
            organisation_name=organisation_name,
            country_id=country or None,
            started_on=started_on,
            ended_on=ended_on,
            last_seen_on=ended_on or started_on,
        )
        _record_part(actor, official, position, f"position {title}")
    return position


def recount_appearances(official: Official) -> int:
    count = official.participations.count()
    if official.appearances != count:
        Official.objects.filter(pk=official.pk).update(appearances=count)
        official.appearances = count
    return count


# --- meetings ----------------------------------------------------------------------------------------


def find_meeting(*, held_on, countries) -> Meeting | None:
    if held_on is None or not countries:
        return None
    wanted = set(countries)
    for meeting in Meeting.objects.filter(held_on=held_on).prefetch_related("countries"):
        if {c.code for c in meeting.countries.all()} == wanted:
            return meeting
    return None


def upsert_meeting(
    *,
    actor,
    title: str,
    held_on=None,
    countries=(),
    areas=(),
    place: str = "",
    outcomes: str = "",
    organisation_names=(),
    figures=(),
    source: str = "",
    meeting: Meeting | None = None,
    kind: str = MeetingKind.MEETING,
    known=None,
    publish: bool = True,
) -> Meeting:
    """Create the meeting, or merge into ``meeting`` / the one held the same day by the same countries."""
    _require_write(actor)
    countries = _known_countries(countries)
    with transaction.atomic():
        meeting = meeting or find_meeting(held_on=held_on, countries=countries)
        resolved, unresolved = [], []
        known = organisation_keys() if known is None else known
        for name in organisation_names:
            organisation = resolve_organisation(name, known=known)
            (resolved.append(organisation) if organisation else unresolved.append(name))
        if meeting is None:
            meeting = Meeting(
                kind=kind,
                title=title[:500],
                held_on=held_on,
                place=place,
                outcomes=outcomes,
                areas=list(areas),
                organisation_names=unresolved,
                figures=list(figures),
                source=source,
                is_published=publish,
                origin="ingest" if source else "manual",
            )
            save_record(actor=actor, instance=meeting, m2m={"countries": countries, "organisations": resolved})
        else:
            meeting.areas = list(dict.fromkeys([*meeting.areas, *areas]))
            meeting.organisation_names = list(dict.fromkeys([*meeting.organisation_names, *unresolved]))
            known_figures = {(f.get("value"), f.get("what")) for f in meeting.figures}
            meeting.figures = [
                *meeting.figures,
                *(f for f in figures if (f.get("value"), f.get("what")) not in known_figures),
            ]
            meeting.outcomes = meeting.outcomes or outcomes
            meeting.held_on = meeting.held_on or held_on
            meeting.place = meeting.place or place
            save_record(actor=actor, instance=meeting)
            meeting.countries.add(*countries)
            meeting.organisations.add(*resolved)
    return meeting


def add_participant(
    *, actor, meeting: Meeting, official: Official, position: Position | None = None, position_title: str = ""
) -> Participant:
    _require_write(actor, meeting if actor is not None else None)
    with transaction.atomic():
        participant, created = Participant.objects.get_or_create(
            meeting=meeting,
            official=official,
            defaults={
                "position": position,
                "position_title": position_title or (position.title if position else ""),
            },
        )
        if created:
            _record_part(actor, meeting, participant, f"participant {official}")
        recount_appearances(official)
    return participant


# --- agreements --------------------------------------------------------------------------------------


def closest_by_key(label: str, records, label_of):
    """The record whose label has the same key as ``label``, else a close spelling (ratio >= 92)."""
    wanted = aliases.key(label)
    if not wanted:
        return None
    candidates = {aliases.key(label_of(r)): r for r in records}
    if wanted in candidates:
        return candidates[wanted]
    match = process.extractOne(wanted, list(candidates), scorer=fuzz.token_set_ratio, score_cutoff=92)
    return candidates[match[0]] if match else None


def find_agreement(*, kind: str, title: str) -> Agreement | None:
    return closest_by_key(title, Agreement.objects.filter(kind=kind), lambda a: a.title)


def upsert_agreement(
    *,
    actor,
    kind: str,
    title: str,
    status: str = AgreementStatus.SIGNED,
    countries=(),
    party_names=(),
    signed_on=None,
    areas=(),
    source: str = "",
    known=None,
    publish: bool = True,
) -> Agreement:
    _require_write(actor)
    if kind not in AgreementKind.values:
        raise ValidationFailed(_("Unknown agreement kind “%(kind)s”.") % {"kind": kind}, field="kind")
    if status not in AgreementStatus.values:
        raise ValidationFailed(_("Unknown agreement status “%(status)s”.") % {"status": status}, field="status")
    countries = _known_countries(countries)
    known = organisation_keys() if known is None else known
    parties, unresolved = [], []
    for name in party_names:
        organisation = resolve_organisation(name, known=known)
        (parties.append(organisation) if organisation else unresolved.append(name))
    with transaction.atomic():
        agreement = find_agreement(kind=kind, title=title)
        if agreement is None:
            agreement = Agreement(
                kind=kind,
                title=title[:500],
                status=status,
                signed_on=signed_on,
                areas=[a for a in areas if a in Area.values],
                party_names=unresolved,
                source=source,
                is_published=publish,
                origin="ingest" if source else "manual",
            )
            save_record(actor=actor, instance=agreement, m2m={"countries": countries, "parties": parties})
        else:
            if STATUS_ORDER.index(status) > STATUS_ORDER.index(agreement.status):
                agreement.status = status
            agreement.signed_on = agreement.signed_on or signed_on
            agreement.party_names = list(dict.fromkeys([*agreement.party_names, *unresolved]))
            agreement.areas = list(dict.fromkeys([*agreement.areas, *(a for a in areas if a in Area.values)]))
            save_record(actor=actor, instance=agreement)
            agreement.countries.add(*countries)
            agreement.parties.add(*parties)
    return agreement


def add_milestone(*, actor, project, title: str, due_on=None, done_on=None) -> Milestone:
    _require_write(actor, project)
    with transaction.atomic():
        milestone = Milestone.objects.create(project=project, title=title, due_on=due_on, done_on=done_on)
        _record_part(actor, project, milestone, f"milestone {title}")
    return milestone


# --- programmes, missions, donations and projects reported by articles -------------------------------


@dataclass(frozen=True)
class ActivityKind:
    """How one kind of registry item is stored: its model, the field naming it, the field the
    subtype goes to, the date field the day of the article fills, and where organisations go."""

    model: type
    label: str
    subtype: str
    subtypes: tuple[str, ...]
    day: str
    values: dict[str, str]  # the extractor's field -> model field
    organisations: dict[str, tuple[str, str]]  # field -> (foreign key, "as written" text field)


ACTIVITIES = {
    "programme": ActivityKind(
        TrainingProgramme,
        "title",
        "duration_class",
        tuple(DurationClass.values),
        "",
        {"trainees": "trainees_per_year"},
        {"organisation": ("host_organisation", "")},
    ),
    "mission": ActivityKind(
        Mission,
        "title",
        "kind",
        tuple(MissionKind.values),
        "started_on",
        {"operations": "operations", "consultations": "consultations", "free_of_charge": "free_of_charge"},
        {"organisation": ("team_organisation", "team")},
    ),
    "donation": ActivityKind(
        Donation,
        "description",
        "kind",
        tuple(DonationKind.values),
        "donated_on",
        {"value": "value"},
        {"donor": ("donor", ""), "recipient": ("recipient", "recipient_name")},
    ),
    "project": ActivityKind(JointProject, "title", "kind", tuple(ProjectKind.values), "", {"status": "status"}, {}),
}


def find_activity(kind: ActivityKind, *, label: str, countries, day=None):
    """The same programme, mission, donation or project: close label among records of the same
    countries (and the same day, for the kinds dated by the article)."""
    records = kind.model.objects.filter(countries__code__in=list(countries)).distinct()
    if kind.day and day is not None:
        records = records.filter(**{kind.day: day})
    return closest_by_key(label, records, lambda r: getattr(r, kind.label))


def upsert_activity(
    *,
    actor,
    kind: str,
    subtype: str = "",
    label: str,
    fields: dict,
    countries=(),
    areas=(),
    on=None,
    agreement: Agreement | None = None,
    source: str = "",
    known=None,
    instance=None,
    publish: bool = True,
):
    """Create a programme, mission, donation or project, or merge into ``instance`` (the record an
    earlier acceptance made: the new values win) or into the same record found by
    ``find_activity`` (only its blanks are filled: what someone entered stays)."""
    _require_write(actor)
    spec = ACTIVITIES.get(kind)
    if spec is None:
        raise ValidationFailed(_("Unknown record kind “%(kind)s”.") % {"kind": kind}, field="kind")
    if subtype and subtype not in spec.subtypes:
        raise ValidationFailed(_("Unknown type “%(type)s”.") % {"type": subtype}, field="subtype")
    countries = _known_countries(countries)
    if spec.model is Donation:
        label = str(fields.get("what") or label)  # a donation is named by what was given
    values, organisations = _activity_values(spec, subtype, label, fields, on, known)
    with transaction.atomic():
        existing = instance or find_activity(spec, label=label, countries=countries, day=on if spec.day else None)
        record_ = existing or spec.model(source=source, is_published=publish, origin="ingest" if source else "manual")
        for name, value in values.items():
            if existing is None or instance is not None or getattr(record_, name) in (None, ""):
                setattr(record_, name, value)
        if agreement is not None and record_.agreement_id is None:
            record_.agreement = agreement
        record_.areas = list(dict.fromkeys([*(record_.areas or []), *(a for a in areas if a in Area.values)]))
        save_record(actor=actor, instance=record_)
        record_.countries.add(*countries)
        if organisations:
            record_.organisations.add(*organisations)
    return record_


def _activity_values(spec: ActivityKind, subtype: str, label: str, fields: dict, on, known) -> tuple[dict, list]:
    """Model field values from the extractor's fields; organisations resolved through the alias
    table, unresolved ones kept as written where the model has a place for them."""
    known = organisation_keys() if known is None else known
    values: dict = {spec.label: label[:500]}
    if subtype:
        values[spec.subtype] = subtype
    for field_name, model_field in spec.values.items():
        if fields.get(field_name) not in (None, ""):
            values[model_field] = fields[field_name]
    for field_name, (foreign_key, as_written) in spec.organisations.items():
        name = str(fields.get(field_name) or "").strip()
        organisation = resolve_organisation(name, known=known) if name else None
        if organisation is not None:
            values[foreign_key] = organisation
        elif name and as_written:
            values[as_written] = name[:300]
    if spec.day and on is not None:
        values[spec.day] = on
    if spec.model is Donation:
        currency = str(fields.get("currency") or "").upper()
        if Currency.objects.filter(code=currency).exists():
            values["currency_id"] = currency
    if spec.model is TrainingProgramme and on is not None:
        values["year"] = on.year
    organisations = []
    if spec.model is JointProject:
        if values.get("status", ProjectStatus.PLANNED) not in ProjectStatus.values:
            raise ValidationFailed(_("Unknown project status “%(status)s”.") % {"status": values["status"]})
        unresolved = []
        for name in (str(n).strip() for n in fields.get("organisations", [])):
            organisation = resolve_organisation(name, known=known) if name else None
            (organisations.append(organisation) if organisation else unresolved.append(name))
        values["description"] = "\n".join([label, *filter(None, unresolved)])
    return values, organisations
