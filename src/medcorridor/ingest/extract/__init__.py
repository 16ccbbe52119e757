"""Pure extractor: Russian press releases about health cooperation -> one cooperation event.

No Django here (enforced by import-linter); the ``medcorridor ingest`` command and the review
queue build on this API.

Public API
----------
``load_pipeline() -> Pipeline``
    Loads natasha NER and pymorphy3 once per process (start-up cost, see bench/ingest.md).
``extract_event(raw: bytes | str, filename: str | None = None) -> ExtractedEvent``
    Plain text or HTML, any common encoding (UTF-8, cp1251, koi8-r...), optional header lines
    (``date: 2025-10-20``, ``source: ...``). Raises only on programming errors.
``extract_many(paths, progress=callback) -> BatchResult``
    ``BatchResult.events`` and ``BatchResult.errors`` (``FileError(path, error)``); broken files
    are skipped. ``progress(path, event_or_None, error_or_None)`` is called after each file.

``ExtractedEvent`` fields: ``file, date`` (ISO or None), ``countries`` (ISO alpha-2),
``officials`` (``Official(name, position, organisation, country, spans)``), ``organisations``
(full nominative names), ``areas`` (codes from ``AREAS``), ``agreements``
(``Agreement(kind, status, title, parties, spans)``; kind in ``AGREEMENT_KINDS``, status in
``signed | draft | planned | mentioned``), ``figures`` (``Figure(value, what, unit, spans)``),
``items`` (``Item(kind, subtype, title, fields, spans)``: training programmes, missions, donations,
joint projects, see ``items.py``), ``title, source, text`` (the cleaned text) and ``spans``
(``Span(start, end, label)`` into ``text``).
``event.to_score_dict()`` is the JSON line read by ``score_events.py``; ``event.to_dict()`` has all.
"""

from .areas import AREAS
from .items import ITEM_KINDS
from .model import Agreement, ExtractedEvent, Figure, Item, Official, Span
from .pipeline import BatchResult, FileError, Pipeline, extract_event, extract_many, load_pipeline
from .reader import Article, read_article

AGREEMENT_KINDS = ("agreement", "memorandum", "roadmap", "protocol", "plan", "contract")

__all__ = [
    "AGREEMENT_KINDS",
    "AREAS",
    "Agreement",
    "Article",
    "BatchResult",
    "ExtractedEvent",
    "FileError",
    "Figure",
    "ITEM_KINDS",
    "Item",
    "Official",
    "Pipeline",
    "Span",
    "extract_event",
    "extract_many",
    "load_pipeline",
    "read_article",
]
