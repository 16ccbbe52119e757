import pytest
from hypothesis import given
from hypothesis import strategies as st

from medcorridor.core.models import Country, Currency, IcdCode, Language, Specialty
from medcorridor.core.textsearch import Vocabulary, fold, tokens


def test_reference_tables_are_complete(db):
    assert Country.objects.count() == 249
    korea = Country.objects.get(code="KR")
    assert (korea.name_ru, korea.names["ko"], korea.names["mn"]) == ("Республика Корея", "대한민국", "Солонгос ард улс")
    assert Currency.objects.get(code="KZT").name_ru == "Тенге"
    assert Currency.objects.filter(code__in=["XOF", "XAF", "CHF"]).count() == 3  # real money, X-codes included
    assert not Currency.objects.filter(code__in=["XAU", "USN", "XDR", "BOV"]).exists()  # gold, funds, units
    assert Language.objects.filter(code__in=["ru", "en", "kk", "mn", "ko", "ky"]).count() == 6
    assert Specialty.objects.filter(code="transplantology").exists()


def test_icd10_has_russian_and_english_titles_and_hierarchy(db):
    code = IcdCode.objects.get(code="C50.4")
    assert code.category == "C50"
    assert code.parent.code == "C50"
    assert "молочной железы" in code.title_ru
    assert "breast" in code.title_en.lower()
    assert IcdCode.objects.filter(kind="chapter").count() == 22


@pytest.mark.parametrize(
    "a,b",
    [("Северанс", "severans"), ("Жигжид", "Jigjid"), ("Чинбурэн", "Chinburen"), ("Хан", "Han"), ("Иляс", "Ilyas")],
)
def test_fold_brings_spellings_together(a, b):
    assert fold(a) == fold(b)


def test_typo_tolerance_grows_with_word_length():
    vocabulary = Vocabulary(tokens("severanse kardiologia ajou seul"))
    assert "severanse" in vocabulary.expand(fold("Sevrance"))
    assert "kardiologia" in vocabulary.expand(fold("kardiolgia"))
    assert vocabulary.expand("ajv") == set()  # three letters: exact or prefix only, no typos


@given(st.text(max_size=40))
def test_fold_is_stable_and_ascii(text):
    once = fold(text)
    assert fold(once) == once
    assert once.isascii()


@given(st.lists(st.text("abkrs", min_size=1, max_size=8), max_size=30), st.text("abkrs", min_size=1, max_size=4))
def test_vocabulary_finds_every_word_a_part_sits_in(words, part):
    # Words are found by searching the joined vocabulary text; the result is that of testing each word.
    vocabulary = Vocabulary(words)
    assert sorted(vocabulary._containing(part)) == sorted(w for w in set(words) if part in w)
