"""The ICD-10 suggester on phrases written for these tests (never RuMedTop3 text)."""

import pytest

from medcorridor.core import icd_suggest
from medcorridor.core.icd_suggest import default_suggester, lexicon
from medcorridor.core.icd_suggest.lexicon import LexiconError, Pattern, Phrase
from medcorridor.core.icd_suggest.scorer import Suggester
from medcorridor.core.icd_suggest.text import NO_COMPLAINTS, tokenize


@pytest.fixture(scope="module")
def suggester():
    return default_suggester()


def codes(suggester, text):
    return [s.code for s in suggester.suggest(text)]


def by_code(suggester, text):
    return {s.code: s for s in suggester.suggest(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ноющие боли в пояснице после подъёма тяжести, усиливаются при наклонах", "M54"),
        ("Повышение АД до 180/110, давящая головная боль в затылке, мелькание мушек", "I11"),
        ("Насморк, першение в горле, температура 37,6 второй день", "J06"),
        ("Изжога после еды и в положении лёжа, отрыжка кислым", "K21"),
        ("Частое болезненное мочеиспускание, рези в конце мочеиспускания", "N30"),
        ("Болят оба колена при ходьбе по лестнице, хруст, стартовые боли", "M17"),
        ("Жажда, сухость во рту, глюкоза натощак 9 ммоль/л, принимает метформин", "E11"),
        ("Приливы жара до 10 раз в сутки, потливость по ночам, менопауза 2 года", "N95"),
        ("Зуд и творожистые выделения из влагалища после антибиотиков", "B37"),
        ("Шелушащиеся бляшки на локтях и волосистой части головы, псориаз у отца", "L40"),
    ],
)
def test_the_usual_complaint_of_a_category_puts_it_in_the_top_three(suggester, text, expected):
    assert expected in codes(suggester, text)


def test_three_suggestions_with_titles_in_both_languages_and_the_words_behind_them(suggester):
    suggestions = suggester.suggest("Боли в пояснице с иррадиацией в левую ногу")
    assert len(suggestions) == 3
    lumbar = next(s for s in suggestions if s.code == "M54")
    assert lumbar.title_ru == "Дорсалгия" and lumbar.title_en == "Dorsalgia"
    assert "Боли в пояснице" in lumbar.triggers


def test_inflected_and_reordered_words_match_the_lexicon(suggester):
    assert "M17" in codes(suggester, "Беспокоят боли в обоих коленных суставах")
    assert "M17" in codes(suggester, "Суставы коленные болят")


def test_a_denied_complaint_counts_for_nothing(suggester):
    affirmed = by_code(suggester, "Кашель с мокротой")
    denied = by_code(suggester, "Кашля нет, мокроты нет")
    assert affirmed["J20"].triggers
    assert all("ашл" not in " ".join(s.triggers) for s in denied.values())
    assert "J20" not in codes(suggester, "Без кашля, одышку отрицает")


def test_no_complaints_is_a_sign_of_a_check_up(suggester):
    tokens = tokenize("Жалоб нет. Профилактический осмотр.")
    assert NO_COMPLAINTS in {t.lemma for t in tokens}
    assert codes(suggester, "Жалоб нет. Профилактический осмотр.")[0] == "Z00"


def test_measured_values_become_signs():
    assert "@высокое_ад" in {t.lemma for t in tokenize("АД 165/95 мм рт. ст.")}
    assert "@высокое_ад" not in {t.lemma for t in tokenize("АД 120/80 мм рт. ст.")}
    assert "@низкое_ад" in {t.lemma for t in tokenize("АД 85/50")}
    assert "@лихорадка" in {t.lemma for t in tokenize("t 38,4 с вечера")}
    assert "@лихорадка" not in {t.lemma for t in tokenize("температура 36,6")}


def test_a_misspelt_word_is_read_as_the_lexicon_word(suggester):
    assert "G56" in codes(suggester, "онменение пальцев кистей по ночам")
    assert "J00" in codes(suggester, "насмрок, чихание")


def test_words_of_different_sentences_do_not_make_a_phrase(suggester):
    together = by_code(suggester, "Боль в горле")
    apart = by_code(suggester, "Боль в колене. Горло спокойное.")
    assert "J02" in together
    assert "J02" not in apart


def test_a_diagnosis_the_lexicon_lacks_is_found_through_the_icd_titles(suggester):
    suggestions = by_code(suggester, "Бруцеллез в анамнезе, боли в суставах")
    assert "A23" in suggestions
    assert suggestions["A23"].triggers == ("Бруцеллез",)


def test_a_text_naming_nothing_gets_frequent_categories_without_triggers(suggester):
    suggestions = suggester.suggest("Повторный приём, принесла результаты")
    assert len(suggestions) == 3
    assert all(s.triggers == () for s in suggestions)


def test_limit_is_respected(suggester):
    assert len(suggester.suggest("Кашель, насморк, боль в горле, температура 38", limit=5)) == 5
    assert len(suggester.suggest("Кашель", limit=1)) == 1


def test_more_evidence_ranks_higher():
    categories = lexicon.load_categories()
    phrases = [
        Phrase((Pattern("кашель"),), (("J20", 1.0), ("J45", 0.5)), "кашель", "a"),
        Phrase((Pattern("свист", prefix=True),), (("J45", 2.0),), "свист*", "b"),
    ]
    suggester = Suggester(phrases, {}, categories)
    assert [s.code for s in suggester.suggest("кашель", limit=2)] == ["J20", "J45"]
    assert [s.code for s in suggester.suggest("кашель со свистом", limit=2)] == ["J45", "J20"]


def test_synonyms_of_one_row_count_once():
    categories = lexicon.load_categories()
    row = (("M54", 2.0),)
    phrases = [
        Phrase((Pattern("поясница"),), row, "поясница", "row"),
        Phrase((Pattern("люмбалгия"),), row, "люмбалгия", "row"),
    ]
    suggester = Suggester(phrases, {"M54": 1000}, categories)  # a prior of ln(1) = 0
    (lumbar,) = suggester.suggest("люмбалгия, боль в пояснице", limit=1)
    assert lumbar.score == pytest.approx(2.0)
    assert lumbar.triggers == ("люмбалгия",)


def test_the_lexicon_may_only_name_real_categories():
    phrase = Phrase((Pattern("боль"),), (("X99", 1.0),), "боль", "a")
    with pytest.raises(ValueError, match="X99"):
        Suggester([phrase], {}, {})


@pytest.mark.parametrize(
    ("codes_cell", "message"),
    [("M5:1", "not a 3-character"), ("M54:много", "not a number"), ("", "no category"), ("M54:1 M54:2", "twice")],
)
def test_a_bad_lexicon_row_is_named_in_the_error(tmp_path, codes_cell, message):
    path = tmp_path / "lexicon.csv"
    path.write_text(f"phrase,codes\n# раздел\nболь в спине,{codes_cell}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"row 3: .*{message}"):
        lexicon.load_lexicon(path)


def test_alternatives_share_the_row_weights(tmp_path):
    path = tmp_path / "lexicon.csv"
    path.write_text("phrase,codes\nлюмбалгия|боль в пояснице,M54:3 M51:1\n", encoding="utf-8")
    first, second = lexicon.load_lexicon(path)
    assert first.weights == second.weights == (("M54", 3.0), ("M51", 1.0))
    assert first.group == second.group
    assert [p.text for p in second.patterns] == ["боль", "поясница"]


def test_the_shipped_priors_are_categories_with_positive_shares():
    priors = lexicon.load_priors()
    categories = lexicon.load_categories()
    assert priors and all(code in categories and share > 0 for code, share in priors.items())


def test_the_warm_up_thread_builds_the_one_suggester_that_callers_get():
    thread = icd_suggest.warm_up_in_background()
    assert thread.daemon and thread.name == "icd-suggest-warm-up"
    waiting_caller = icd_suggest.default_suggester()  # waits for the thread's build, if still running
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert icd_suggest.default_suggester() is waiting_caller


def test_the_warm_up_runs_its_follow_up_once_the_suggester_is_built():
    seen = []
    thread = icd_suggest.warm_up_in_background(then=lambda: seen.append(icd_suggest.default_suggester()))
    thread.join(timeout=60)
    assert seen == [icd_suggest.default_suggester()]
