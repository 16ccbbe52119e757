"""Ingesting articles and reviewing the events extracted from them.

``ingest_file`` stores an article once per checksum of its raw bytes and queues its event;
``accept`` writes the event into the cooperation registry through ``cooperation.services`` (which
merges people, organisations, meetings and agreements with what exists) and can be repeated:
accepting the same item again, edited or not, updates the same records instead of adding new ones.
"""

import hashlib
import re
import unicodedata
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medcorridor.audit.enums import AuditAction
from medcorridor.audit.services import record
from medcorridor.cooperation import services as registry
from medcorridor.cooperation.enums import AgreementKind, AgreementStatus, Area, MeetingKind
from medcorridor.core.errors import Conflict, PermissionDenied, ValidationFailed

from . import selectors
from .enums import ReviewStatus
from .extract.agreements import as_heading
from .extract.reader import decode
from .models import Article, ReviewItem, Source
from .permissions import can_review

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".md", ""}
# extractor status → registry status: a draft or planned document is not a signed agreement
STATUS_MAP = {
    "signed": AgreementStatus.SIGNED,
    "draft": AgreementStatus.DRAFT,
    "planned": AgreementStatus.DRAFT,
    "mentioned": AgreementStatus.SIGNED,
}
KIND_MAP = {"plan": AgreementKind.PLAN, "action_plan": AgreementKind.PLAN}


def checksum(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def article_paths(targets) -> list[Path]:
    """Files named on the command line, and the article files found under named directories."""
    found: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            found.extend(
                sorted(
                    p
                    for p in target.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in ARTICLE_SUFFIXES
                    and not p.name.startswith(".")
                    and p.name != "gold.jsonl"
                )
            )
        else:
            found.append(target)
    return found


class BrokenArticle(ValueError):
    """The file is not a readable article (empty, binary)."""


def readable_text(raw: bytes) -> str:
    """The article's text, decoded once for the checks, the extractor and the stored copy; BrokenArticle
    for an empty or binary file."""
    if not raw.strip():
        raise BrokenArticle("empty file")
    if b"\x00" in raw[:4096]:
        raise BrokenArticle("binary file, not an article")
    text = decode(raw)
    if _unreadable_share(text) > UNREADABLE_SHARE:
        raise BrokenArticle("binary file, not an article")
    return text


UNREADABLE_SHARE = 0.01  # text has no control characters; any binary format has them in plenty


def _unreadable_share(text: str) -> float:
    """The share of control characters and replacement marks: what a decoded binary file is made of."""
    sample = text[:4096]
    unreadable = sum(1 for c in sample if c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f"))
    return unreadable / len(sample)


def parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def event_payload(event) -> tuple[dict, list[dict]]:
    """The extractor's event as JSON (without the text and spans, kept apart)."""
    data = event.to_dict()
    spans = data.pop("spans", [])
    data.pop("text", None)
    for agreement in data.get("agreements", []):  # what the reviewer edits and the registry keeps
        agreement["title"] = as_heading(agreement["title"])
    return data, spans


def ingest_file(*, actor, raw: bytes, filename: str, extract, source_name: str = "", is_demo: bool = False):
    """Store one article and queue its event. Returns (article, created); the same bytes change nothing."""
    raw_text = readable_text(raw)
    digest = checksum(raw)
    existing = Article.objects.filter(checksum=digest).first()
    if existing is not None:
        return existing, False
    event = extract(raw_text, filename)
    payload, spans = event_payload(event)
    with transaction.atomic():
        source = None
        name = source_name or getattr(event, "source", "") or ""
        if name:
            source, _created = Source.objects.get_or_create(name=name[:200])
        article = Article.objects.create(
            source=source,
            filename=Path(filename).name[:300],
            checksum=digest,
            raw_text=raw_text,
            text=event.text,
            title=(event.title or Path(filename).stem)[:500],
            published_on=parse_date(event.date),
            ingested_by=actor if getattr(actor, "pk", None) else None,
            is_demo=is_demo,
        )
        ReviewItem.objects.create(article=article, extracted=payload, spans=spans)
        record(
            actor=actor,
            action=AuditAction.IMPORT,
            instance=article,
            summary=f"ingested {article.filename}"[:200],
            after={"checksum": digest, "filename": article.filename},
        )
    return article, True


# --- review ------------------------------------------------------------------------------------------


def _require_review(actor) -> None:
    if actor is not None and not can_review(actor):
        raise PermissionDenied(_("Only national coordinators and administrators review extracted events."))


def clean_event(data: dict) -> dict:
    """Validate a (possibly edited) event and normalise its shape."""
    errors: dict[str, list[str]] = {}
    day = data.get("date")
    if day and parse_date(day) is None:
        errors.setdefault("date", []).append(_("Use the form YYYY-MM-DD."))
    countries = [str(c).strip().upper() for c in data.get("countries", []) if str(c).strip()]
    bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
    if bad:
        errors.setdefault("countries", []).append(_("“%(code)s” is not a two-letter country code.") % {"code": bad[0]})
    areas = [a for a in data.get("areas", []) if a]
    if any(a not in Area.values for a in areas):
        errors.setdefault("areas", []).append(_("Unknown area."))
    agreements = []
    for agreement in data.get("agreements", []):
        kind = KIND_MAP.get(agreement.get("kind", ""), agreement.get("kind", "") or AgreementKind.AGREEMENT)
        if kind not in AgreementKind.values:
            errors.setdefault("agreements", []).append(_("Unknown agreement kind “%(kind)s”.") % {"kind": kind})
        status = agreement.get("status", "signed")
        if status not in STATUS_MAP and status not in AgreementStatus.values:
            errors.setdefault("agreements", []).append(_("Unknown agreement status “%(status)s”.") % {"status": status})
        if agreement.get("title", "").strip():
            agreements.append({**agreement, "kind": kind, "status": status, "title": agreement["title"].strip()})
    officials = [o for o in data.get("officials", []) if str(o.get("name", "")).strip()]
    items = [clean_item(item, errors) for item in data.get("items", []) if str(item.get("title", "")).strip()]
    if errors:
        raise ValidationFailed(_("The event has errors; correct them and try again."), errors=errors)
    return {
        **data,
        "date": day or None,
        "countries": list(dict.fromkeys(countries)),
        "areas": list(dict.fromkeys(areas)),
        "agreements": agreements,
        "officials": officials,
        "organisations": [o.strip() for o in data.get("organisations", []) if str(o).strip()],
        "items": items,
    }


COUNT_FIELDS = ("trainees", "operations", "consultations")
TEXT_FIELDS = ("what", "organisation", "donor", "recipient", "currency", "status")
YES = {"yes", "true", "1", "да"}
NO = {"no", "false", "0", "нет"}


def clean_item(item: dict, errors: dict) -> dict:
    """One programme, mission, donation or project: known kind and type, counts as whole numbers,
    a value as a number, «free of charge» as yes/no; problems go to ``errors["items"]``."""
    problems = errors.setdefault("items", [])
    kind = str(item.get("kind", "")).strip()
    title = str(item.get("title", "")).strip()
    if kind not in registry.ACTIVITIES:
        problems.append(_("Unknown record kind “%(kind)s” (programme, mission, donation, project).") % {"kind": kind})
        return item
    subtype = str(item.get("subtype", "") or "").strip()
    subtypes = registry.ACTIVITIES[kind].subtypes
    if subtype and subtype not in subtypes:
        choices = ", ".join(subtypes)
        problems.append(
            _("Unknown type “%(type)s” for %(kind)s (%(choices)s).")
            % {"type": subtype, "kind": kind, "choices": choices}
        )
    fields = dict(item.get("fields") or {})
    for name in COUNT_FIELDS:
        if name in fields and fields[name] not in (None, ""):
            number = _whole(fields[name])
            if number is None:
                problems.append(
                    _("“%(name)s” must be a whole number (“%(title)s”).") % {"name": name, "title": title[:60]}
                )
            fields[name] = number
    if fields.get("value") not in (None, ""):
        try:
            fields["value"] = round(_number(fields["value"]), 2)
        except ValueError:
            problems.append(_("“value” must be a number (“%(title)s”).") % {"title": title[:60]})
    if "free_of_charge" in fields and not isinstance(fields["free_of_charge"], bool):
        answer = str(fields["free_of_charge"]).strip().lower()
        if answer not in YES | NO:
            problems.append(_("“free_of_charge” is yes or no (“%(title)s”).") % {"title": title[:60]})
        fields["free_of_charge"] = answer in YES
    for name in TEXT_FIELDS:
        if name in fields:
            fields[name] = str(fields[name] or "").strip()
    if not problems:
        errors.pop("items")
    return {"kind": kind, "subtype": subtype, "title": title, "fields": fields}


def _number(value) -> float:
    """«1 200 000,50» as a reviewer types it (the same spaces and comma as ``extract.figures``,
    not imported from there: the extractor loads lazily). Raises ValueError."""
    return float(re.sub(r"[ \u00a0\u202f\u2009]", "", str(value)).replace(",", "."))


def _whole(value) -> int | None:
    try:
        number = _number(value)
    except ValueError:
        return None
    return int(number) if number.is_integer() and number >= 0 else None


def accept(*, actor, item: ReviewItem, edited: dict | None = None, expected_updated_at=None) -> ReviewItem:
    """Write the event into the registry (merging with what exists) and mark the item accepted.

    Accepting an accepted item without edits changes nothing; with edits it updates the same records.
    """
    _require_review(actor)
    if item.status == ReviewStatus.ACCEPTED and edited is None:
        return item
    if expected_updated_at is not None and item.updated_at != expected_updated_at:
        raise Conflict(_("Someone else reviewed this event meanwhile; reload the page."))
    event = clean_event(edited if edited is not None else item.event)
    system = None  # registry writes are authorised by the review permission checked above
    with transaction.atomic():
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        held_on = parse_date(event.get("date"))
        known = registry.organisation_keys()
        source = f"{item.article.source or ''} {item.article.filename}".strip()
        officials = []
        for person in event["officials"]:
            official, position = registry.upsert_official(
                actor=system,
                name=person["name"],
                position=person.get("position", ""),
                organisation_name=person.get("organisation", ""),
                country=person.get("country", ""),
                seen_on=held_on or item.article.published_on,
                known=known,
            )
            officials.append((official, position, person.get("position", "")))
        meeting = None
        if officials or len(event["countries"]) >= 2:
            meeting = registry.upsert_meeting(
                actor=system,
                title=event.get("title") or item.article.title,
                held_on=held_on,
                countries=event["countries"],
                areas=event["areas"],
                organisation_names=event["organisations"],
                figures=[{"value": f.get("value"), "what": f.get("what", "")} for f in event.get("figures", [])],
                source=source,
                meeting=item.meeting,
                kind=MeetingKind.MEETING,
                known=known,
            )
            for official, position, title in officials:
                registry.add_participant(
                    actor=system, meeting=meeting, official=official, position=position, position_title=title
                )
        agreements = []
        for document in event["agreements"]:
            agreement = registry.upsert_agreement(
                actor=system,
                kind=document["kind"],
                title=document["title"],
                status=STATUS_MAP.get(document["status"], document["status"]),
                countries=event["countries"],
                party_names=document.get("parties", []),
                areas=event["areas"],
                source=source,
                known=known,
                signed_on=held_on if document["status"] == "signed" else None,
            )
            agreements.append(agreement)
            if meeting is not None:
                meeting.agreements.add(agreement)
        covering = agreements[0] if len(agreements) == 1 else None
        records = accept_items(
            item, event, covering=covering, on=held_on or item.article.published_on, source=source, known=known
        )
        item.records = [{"kind": e["kind"], "title": e["title"], "id": str(r.public_id)} for e, r in records]
        item.meeting = meeting
        item.status = ReviewStatus.ACCEPTED
        item.reviewed_by = actor if getattr(actor, "pk", None) else None
        item.reviewed_at = timezone.now()
        if edited is not None:
            item.edited = event
        item.save()
        item.agreements.add(*agreements)
        item.officials.add(*(o for o, _p, _t in officials))
        record(
            actor=actor,
            action=AuditAction.TRANSITION,
            instance=item,
            summary=f"accepted {item.article}"[:200],
            after={
                "status": item.status,
                "meeting": str(meeting.public_id) if meeting else None,
                "agreements": [str(a.public_id) for a in agreements],
                "officials": [str(o.public_id) for o, _p, _t in officials],
                "records": item.records,
            },
        )
    return item


def accept_items(item: ReviewItem, event: dict, *, covering, on, source: str, known) -> list[tuple[dict, object]]:
    """Programmes, missions, donations and projects of the event as registry records; the record
    an earlier acceptance made for the same item is updated, not duplicated. A single agreement
    in the event is taken to cover them."""
    before = [selectors.record_of(entry) for entry in item.records]
    by_title = {(e["kind"], e.get("title")): found for e, found in zip(item.records, before, strict=True) if found}
    written = []
    for index, entry in enumerate(event.get("items", [])):
        # the record made for this item before: same title, else same place in the list and kind
        earlier = by_title.get((entry["kind"], entry["title"]))
        if earlier is None and index < len(before) and item.records[index]["kind"] == entry["kind"]:
            earlier = before[index]
        record_ = registry.upsert_activity(
            actor=None,
            kind=entry["kind"],
            subtype=entry.get("subtype", ""),
            label=entry["title"],
            fields=entry.get("fields", {}),
            countries=event["countries"],
            areas=event["areas"],
            on=on,
            agreement=covering,
            source=source,
            known=known,
            instance=earlier,
        )
        written.append((entry, record_))
    return written


def reject(*, actor, item: ReviewItem, note: str = "") -> ReviewItem:
    _require_review(actor)
    if item.status == ReviewStatus.ACCEPTED:
        raise ValidationFailed(_("An accepted event cannot be rejected; edit the registry records instead."))
    with transaction.atomic():
        item.status = ReviewStatus.REJECTED
        item.note = note
        item.reviewed_by = actor if getattr(actor, "pk", None) else None
        item.reviewed_at = timezone.now()
        item.save()
        record(
            actor=actor,
            action=AuditAction.TRANSITION,
            instance=item,
            summary=f"rejected {item.article}"[:200],
            after={"status": item.status, "note": note},
        )
    return item


def save_edits(*, actor, item: ReviewItem, edited: dict) -> ReviewItem:
    """Keep the reviewer's corrections without accepting yet."""
    _require_review(actor)
    event = clean_event(edited)
    with transaction.atomic():
        item.edited = event
        item.save(update_fields=["edited", "updated_at"])
        record(actor=actor, action=AuditAction.UPDATE, instance=item, summary=f"edited {item.article}"[:200])
    return item
