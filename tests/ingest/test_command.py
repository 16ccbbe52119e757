"""``medcorridor ingest``: batch over a directory with a broken file; dry run writes JSONL, no database."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from medcorridor.ingest.models import Article, ReviewItem

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "medcorridor" / "ingest" / "samples"


@pytest.fixture
def articles(tmp_path):
    for path in SAMPLES.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "99_broken.txt").write_bytes(b"\x00\x01\x02 not an article")
    (tmp_path / "98_empty.txt").write_bytes(b"  \n")
    # the same article in cp1251: another checksum, read all the same
    text = (SAMPLES / "02_uz_kr_training.txt").read_text("utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "cp1251.txt").write_bytes(text.encode("cp1251"))
    return tmp_path


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_batch_skips_broken_files_and_goes_on(articles):
    out, err = run(str(articles))
    assert "4 new articles queued" in out and "2 skipped" in out
    assert "99_broken.txt" in err and "98_empty.txt" in err
    assert Article.objects.count() == 4 and ReviewItem.objects.filter(status="pending").count() == 4
    article = Article.objects.get(filename="01_ru_kg_transplant_followup.txt")
    assert article.raw_text.startswith("date: 2026-04-14") and len(article.checksum) == 64
    assert str(article.published_on) == "2026-04-14"


@pytest.mark.django_db
def test_reingesting_changes_nothing(articles):
    run(str(articles))
    before = list(ReviewItem.objects.values_list("pk", "updated_at"))
    out, _err = run(str(articles))
    assert "0 new articles queued" in out and "4 already known" in out
    assert list(ReviewItem.objects.values_list("pk", "updated_at")) == before


def test_dry_run_writes_score_format_and_touches_no_database(articles, tmp_path, django_db_blocker):
    out_file = tmp_path / "pred.jsonl"
    with django_db_blocker.block():  # any query would raise here
        out, _err = run("--dry-run", "--jsonl", str(out_file), str(articles))
    lines = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert len(lines) == 4 and "database untouched" in out
    first = next(line for line in lines if line["file"] == "01_ru_kg_transplant_followup.txt")
    assert set(first) == {
        "file",
        "date",
        "countries",
        "officials",
        "organisations",
        "areas",
        "agreements",
        "figures",
    }
    assert first["date"] == "2026-04-14" and set(first["countries"]) == {"RU", "KG"}


def test_no_files_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        run("--dry-run", str(tmp_path))


def test_paths_that_do_not_exist_are_an_error_not_an_empty_batch(tmp_path):
    with pytest.raises(CommandError, match="Not found"):
        run(str(tmp_path / "missing.txt"), str(tmp_path / "missing-dir"))


@pytest.mark.django_db
def test_a_binary_file_without_nul_bytes_is_skipped_as_broken(tmp_path):
    (tmp_path / "01_scan.txt").write_bytes(bytes(range(1, 256)) * 8)  # every byte but NUL: no text decodes from it
    (tmp_path / "02_koi8.txt").write_bytes((SAMPLES / "02_uz_kr_training.txt").read_text("utf-8").encode("koi8_r"))
    out, err = run(str(tmp_path))
    assert "1 new articles queued" in out and "1 skipped" in out
    assert "01_scan.txt: BrokenArticle: binary file" in err
    article = Article.objects.get()
    assert "Узбекистан" in article.raw_text  # stored as read, in its own charset, not as windows-1251
