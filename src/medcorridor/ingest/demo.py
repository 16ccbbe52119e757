"""Demo: a few sample articles (written for the demo, shipped in ``samples/``) in the review queue.

The first is accepted, so the registry shows a person with a new position merged into what the
cooperation demo already knew; the others wait for review.
"""

from pathlib import Path

from .enums import ReviewStatus
from .models import ReviewItem
from .services import accept, ingest_file

SAMPLES = Path(__file__).resolve().parent / "samples"


def load() -> str:
    from .extract import load_pipeline

    pipeline = load_pipeline()
    created = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        _article, was_created = ingest_file(
            actor=None, raw=path.read_bytes(), filename=path.name, extract=pipeline.extract, is_demo=True
        )
        created += was_created
    first = ReviewItem.objects.filter(article__filename__startswith="01_").first()
    if first is not None and first.status == ReviewStatus.PENDING:
        accept(actor=None, item=first)
    pending = ReviewItem.objects.filter(status=ReviewStatus.PENDING).count()
    return f"{created} sample articles ingested, {pending} waiting for review"
