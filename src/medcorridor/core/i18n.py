"""Translation catalogues: one per domain app (``<app>/locale/<lang>/LC_MESSAGES/django.po``).

English is the source language, so English catalogues copy the message ids. Russian and English must
be complete (``check`` fails otherwise); Kazakh, Mongolian, Korean and Kyrgyz grow screen by screen.
Compiling uses polib, so a machine without GNU gettext can still run the product.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def domain_dirs(only: str | None = None) -> list[Path]:
    configs = [c for c in apps.get_app_configs() if c.name.startswith("medcorridor.")]
    return [Path(c.path) for c in configs if only is None or c.label == only]


def languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES]


@contextmanager
def working_directory(path: Path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def extract(app_dir: Path) -> None:
    """Run Django's makemessages (GNU xgettext) for one app, merging into its catalogues."""
    (app_dir / "locale").mkdir(exist_ok=True)
    with working_directory(app_dir):
        call_command(
            "makemessages",
            locale=languages(),
            no_obsolete=True,
            no_location=True,
            ignore_patterns=["migrations/*", "static/*", "management/*"],
            verbosity=0,
        )


def fill_english(catalogue: polib.POFile) -> None:
    """English is the source language: each translation is its message id (fuzzy guesses are dropped)."""
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


def catalogue_path(app_dir: Path, language: str) -> Path:
    return app_dir / "locale" / language / "LC_MESSAGES" / "django.po"


def drop_fuzzy_guesses(catalogue: polib.POFile) -> bool:
    """msgmerge guesses a translation for a new message from a similar old one and marks it fuzzy.
    The guess is never shown (compiling skips it), usually wrong in its placeholders, and would pass
    for done work: an entry is either translated or empty. Russian keeps its guesses, because
    ``check`` refuses them there and the reviewer starts from them."""
    guesses = [entry for entry in catalogue if "fuzzy" in entry.flags and entry.msgid]
    for entry in guesses:
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
        if entry.msgid_plural:
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
        else:
            entry.msgstr = ""
    return bool(guesses)


def update(only: str | None = None) -> list[Path]:
    touched = []
    for app_dir in domain_dirs(only):
        if not has_sources(app_dir):
            continue
        extract(app_dir)
        for language in languages():
            path = catalogue_path(app_dir, language)
            if not path.exists():
                continue
            catalogue = polib.pofile(str(path))
            if language == "en":
                fill_english(catalogue)
                catalogue.save()
            elif language not in settings.COMPLETE_LANGUAGES and drop_fuzzy_guesses(catalogue):
                catalogue.save()
        touched.append(app_dir)
    return touched


def has_sources(app_dir: Path) -> bool:
    return any(app_dir.rglob("*.py")) or any(app_dir.rglob("*.html"))


def compile_all() -> int:
    count = 0
    for app_dir in domain_dirs():
        for po_path in (app_dir / "locale").glob("*/LC_MESSAGES/django.po"):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
    return count


@dataclass
class Gap:
    app: str
    language: str
    msgid: str
    problem: str

    def __str__(self) -> str:
        return f"{self.app} [{self.language}] {self.problem}: {self.msgid!r}"


def translated(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def check(required: list[str] | None = None) -> list[Gap]:
    """Strings in the code that a required catalogue lacks or leaves untranslated."""
    required = required or list(settings.COMPLETE_LANGUAGES)
    gaps: list[Gap] = []
    for app_dir in domain_dirs():
        if not has_sources(app_dir):
            continue
        fresh = fresh_extraction(app_dir)
        for language in required:
            committed_path = catalogue_path(app_dir, language)
            committed = {e.msgid: e for e in polib.pofile(str(committed_path))} if committed_path.exists() else {}
            for msgid in fresh:
                entry = committed.get(msgid)
                if entry is None:
                    gaps.append(Gap(app_dir.name, language, msgid, "missing from the catalogue"))
                elif not translated(entry):
                    gaps.append(Gap(app_dir.name, language, msgid, "not translated"))
    return gaps


def fresh_extraction(app_dir: Path) -> list[str]:
    """The message ids the app's code uses now, extracted in a scratch copy of the app."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / app_dir.name
        shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
        (copy / "locale").mkdir()
        with working_directory(copy):
            call_command(
                "makemessages",
                locale=["en"],
                no_location=True,
                verbosity=0,
                ignore_patterns=["migrations/*", "management/*"],
            )
        path = catalogue_path(copy, "en")
        return [e.msgid for e in polib.pofile(str(path))] if path.exists() else []
