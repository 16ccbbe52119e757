"""Where a personal name comes from, as a weak hint for an official's country.

Only used when neither the position, nor the organisation, nor a colleague from the same
organisation says where an official is from: «Чжан Хуэй» in a Tajik–Chinese story is Chinese,
«Айше Кылыч» in a Kazakh–Turkish one is Turkish, «Тогтмолын Мунхсайхан» (a Mongolian
patronymic in the genitive) is Mongolian. The hint counts only for a country taking part in the
story, so a Korean surname in a Kazakh–Turkish story says nothing.
"""

from __future__ import annotations

import re

KOREAN_SURNAMES = {
    "ким",
    "ли",
    "пак",
    "чон",
    "чхве",
    "чо",
    "кан",
    "юн",
    "чан",
    "лим",
    "им",
    "хан",
    "о",
    "со",
    "син",
    "квон",
    "хван",
    "ан",
    "сон",
    "ю",
    "хон",
    "ку",
    "мун",
    "пэ",
    "бэк",
    "но",
    "ха",
    "нам",
    "ом",
    "вон",
    "сим",
    "чу",
    "ян",
    "ко",
    "мин",
    "ё",
    "ын",
    "пён",
    "чхон",
    "тхэ",
}
CHINESE_SURNAMES = {
    "ван",
    "ли",
    "чжан",
    "лю",
    "чэнь",
    "ян",
    "хуан",
    "чжао",
    "у",
    "чжоу",
    "сюй",
    "сунь",
    "ма",
    "чжу",
    "ху",
    "го",
    "хэ",
    "гао",
    "линь",
    "ло",
    "чжэн",
    "лян",
    "се",
    "сун",
    "тан",
    "ду",
    "фэн",
    "дэн",
    "цао",
    "пэн",
    "цзэн",
    "сяо",
    "тянь",
    "дун",
    "пань",
    "юань",
    "цай",
    "цзян",
    "юй",
    "вэй",
    "фан",
    "цинь",
    "шэнь",
    "лу",
    "цуй",
    "кун",
    "бай",
    "мэн",
    "инь",
    "вэнь",
    "цзинь",
    "шао",
    "хоу",
}
CHINESE_SYLLABLE = re.compile(r"(чж|цз|сю|цз|эй|эн|уй|ань|энь|ао|ун|ин|ян|цю|ця|сян)")
JAPANESE_SURNAMES = {
    "танака",
    "сато",
    "судзуки",
    "такахаси",
    "ито",
    "ватанабэ",
    "ямамото",
    "накамура",
    "кобаяси",
    "като",
    "ёсида",
    "ямада",
    "сасаки",
    "ямагути",
    "мацумото",
    "иноуэ",
    "кимура",
    "хаяси",
    "симидзу",
    "ямадзаки",
    "мори",
    "абэ",
    "икэда",
    "хасимото",
    "ямасита",
    "исикава",
    "накадзима",
    "маэда",
    "фудзита",
    "огава",
    "окада",
    "гото",
    "хасэгава",
    "мураками",
    "кондо",
    "исии",
    "сакамото",
    "эндо",
    "аоки",
    "фудзии",
    "нисимура",
    "фукуда",
    "ота",
    "миура",
    "окамото",
    "мацуда",
    "накагава",
    "игава",
    "фукуока",
    "кисида",
    "кодзуми",
    "номура",
    "оно",
    "таката",
    "хирано",
    "уэда",
    "сугияма",
}
# a Japanese name in Polivanov transcription: open syllables, «си», «дз», «цу», final «н»
JAPANESE_WORD = re.compile(r"^(?:(?:[кгсзтдцнхбпмрйв]|дз|ц)?(?:[аиуэоёюя])|си|ти|сё|сю|тё|тю|н(?![аиуэоёюя]))+$")
TURKISH_SURNAMES = {
    "демир",
    "йылдырым",
    "кылыч",
    "четин",
    "озтюрк",
    "бютюн",
    "мемишоглу",
    "шахин",
    "йылмаз",
    "кая",
    "челик",
    "айдын",
    "арслан",
    "доган",
    "коч",
    "курт",
    "озкан",
    "шимшек",
    "полат",
    "эрдоган",
    "гюнеш",
    "акташ",
    "озер",
    "йылдыз",
    "озтурк",
    "кылычдароглу",
    "чавушоглу",
    "коджа",
    "тюркер",
    "эрен",
    "гюль",
    "аксой",
    "караджа",
    "сойлу",
    "ташкын",
    "уйсал",
    "бозкурт",
}
TURKISH_GIVEN = {
    "мехмет",
    "ахмет",
    "айше",
    "фатма",
    "эмине",
    "олгун",
    "кемаль",
    "эрдем",
    "мерве",
    "зейнеп",
    "эрол",
    "хюсейн",
    "бурак",
    "онур",
    "огуз",
    "эмре",
    "гёкхан",
    "джемиль",
    "реджеп",
    "явуз",
    "шюкрю",
    "фахреттин",
    "хулуси",
    "тургай",
    "озгюр",
    "шевки",
    "мевлют",
    "недждет",
    "хакан",
    "бекир",
    "фатих",
    "умит",
    "левент",
    "тайфун",
    "сердар",
    "эрхан",
    "серкан",
    "гекхан",
    "йылдыз",
}
# «Сарылар», «Йылмазлар»: Turkish surnames keep the plural suffix, Central Asian ones do not
TURKISH_SURNAME_SUFFIX = re.compile(r"(?:лар|лер|оглу)$")
INDIAN_SURNAMES = {
    "кумар",
    "сингх",
    "шарма",
    "гупта",
    "менон",
    "рао",
    "редди",
    "патель",
    "наир",
    "айер",
    "синха",
    "верма",
    "мишра",
    "джайн",
    "чаудхари",
    "банерджи",
    "мукерджи",
    "пиллаи",
    "капур",
    "рагхуванши",
    "триведи",
    "агарвал",
    "малхотра",
    "бхатт",
    "ядав",
    "пандей",
    "тивари",
    "чопра",
    "наиду",
    "дживан",
}
INDIAN_GIVEN = {
    "раджив",
    "рахул",
    "санджай",
    "прия",
    "арвинд",
    "винод",
    "вирадж",
    "амит",
    "сунил",
    "анил",
    "викрам",
    "рамеш",
    "суреш",
    "нарендра",
    "манмохан",
    "джайшанкар",
    "ашок",
    "дипак",
    "сандип",
}
GERMAN_SURNAMES = {
    "мюллер",
    "вагнер",
    "шмидт",
    "шнайдер",
    "фишер",
    "вебер",
    "майер",
    "беккер",
    "шульц",
    "хоффман",
    "брандт",
    "кох",
    "рихтер",
    "кляйн",
    "вольф",
    "шрёдер",
    "нойман",
    "шварц",
    "циммерман",
    "краузе",
    "лаутербах",
    "варкен",
    "шпан",
    "кёлер",
    "хартман",
    "ланге",
    "вернер",
    "крюгер",
    "штайнмайер",
}
GERMAN_GIVEN = {
    "штефан",
    "маркус",
    "клаус",
    "юрген",
    "ханс",
    "вольфганг",
    "йенс",
    "уве",
    "франк",
    "дирк",
    "томас",
    "карстен",
    "торстен",
    "кристиан",
    "ульрих",
    "хайке",
    "ангела",
    "сабине",
    "урсула",
    "йорг",
}
TAJIK_SUFFIX = re.compile(r"(?:зода|заде)$")
MONGOLIAN_PATRONYMIC = re.compile(r"^[А-ЯЁ][а-яёөү]+(?:ийн|ын|гийн|ны|ийн)$")
ARAB_PARTICLE = re.compile(r"^(?:аль|ал|ибн|бин|абу|абдель|абдул)(?:-|$)", re.IGNORECASE)


def name_countries(name: str) -> list[str]:
    """Countries a name points to, most specific first (may be empty)."""
    words = [w for w in re.split(r"[\s.]+", name) if w]
    if not words:
        return []
    low = [w.lower().replace("ё", "ё") for w in words]
    out: list[str] = []
    if any(w in TURKISH_SURNAMES or TURKISH_SURNAME_SUFFIX.search(w) for w in low[1:]) or low[0] in TURKISH_GIVEN:
        out.append("TR")
    if any(w in INDIAN_SURNAMES for w in low) or low[0] in INDIAN_GIVEN:
        out.append("IN")
    if any(w in GERMAN_SURNAMES for w in low[1:]) or (low[0] in GERMAN_GIVEN and len(low) == 2):
        out.append("DE")
    if any(w in JAPANESE_SURNAMES for w in low) or (
        len(low) == 2 and all(JAPANESE_WORD.match(w) and len(w) >= 4 for w in low)
    ):
        out.append("JP")
    if any(ARAB_PARTICLE.match(w) for w in low):
        out.append("AE")
    short = all(len(w) <= 5 for w in low)
    if len(low) == 3 and short and low[0] in KOREAN_SURNAMES:
        out.append("KR")
    if (
        2 <= len(low) <= 3
        and low[0] in CHINESE_SURNAMES
        and (len(low) == 2 or CHINESE_SYLLABLE.search(" ".join(low[1:])))
    ):
        out.append("CN")
    if len(low) == 3 and short and low[0] in KOREAN_SURNAMES and "KR" not in out:
        out.append("KR")
    if len(low) >= 2 and MONGOLIAN_PATRONYMIC.match(words[0]) and not words[0].endswith(("ов", "ев")):
        out.append("MN")
    if any(TAJIK_SUFFIX.search(w) for w in low):
        out.append("TJ")
    return out


RUSSIAN_GIVEN = {
    "александр",
    "алексей",
    "андрей",
    "антон",
    "борис",
    "вадим",
    "валентин",
    "валерий",
    "василий",
    "виктор",
    "виталий",
    "владимир",
    "владислав",
    "вячеслав",
    "геннадий",
    "георгий",
    "григорий",
    "дмитрий",
    "евгений",
    "егор",
    "иван",
    "игорь",
    "илья",
    "кирилл",
    "константин",
    "леонид",
    "максим",
    "михаил",
    "никита",
    "николай",
    "олег",
    "павел",
    "петр",
    "пётр",
    "роман",
    "сергей",
    "станислав",
    "степан",
    "юрий",
    "ярослав",
    "анна",
    "алла",
    "валентина",
    "вера",
    "галина",
    "дарья",
    "екатерина",
    "елена",
    "ирина",
    "лариса",
    "людмила",
    "марина",
    "мария",
    "надежда",
    "наталья",
    "наталия",
    "ольга",
    "светлана",
    "софья",
    "татьяна",
    "юлия",
    "вероника",
    "оксана",
    "полина",
    "ксения",
}


def is_slavic(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[0].lower() in RUSSIAN_GIVEN


POST_SOVIET_COUNTRIES = ("RU", "BY", "UA", "KZ", "KG", "UZ", "TJ", "TM", "AZ", "AM", "GE", "MD")
# surnames and patronymics formed the Russian or the Central Asian and Caucasian way: «Токаев»,
# «Жапарова», «Станкевич», «Карыбай уулу», «Абдуллозода», «Мурадян», «Сарджвеладзе»
POST_SOVIET_WORD = re.compile(
    r"(?:ов|ев|ёв|ова|ева|ёва|ский|цкий|ская|цкая|енко|ович|евич|овна|евна|зода|заде|дзе|швили|янц|[^аеиоуя]ян)$"
)
POST_SOVIET_PATRONYMIC = {"уулу", "кызы", "улы", "оглы", "гызы"}


def has_post_soviet_form(name: str) -> bool:
    """A surname or patronymic of the former Soviet states' kind; a Turkish «Шахин», a Chinese
    «Ли Мин» or a Korean «Ким Ён Хо» has none."""
    words = [w.lower() for w in re.split(r"[\s.]+", name) if w]
    if len(words) < 2 and not (words and len(words[0]) > 5):
        return False
    return any(w in POST_SOVIET_PATRONYMIC for w in words) or any(
        len(w) > 4 and POST_SOVIET_WORD.search(w) for w in words[-2:]
    )


def country_by_name_form(name: str, home: str, participants) -> str:
    """The one participant a name's form points to when the side it would get cannot be his:
    a Russian given name goes to the one Slavic side, a post-Soviet surname to the one post-Soviet
    side («президент Касым-Жомарт Токаев» in a Turkish ministry's story is Kazakh). "" when the
    name says nothing new."""
    for family, fits in ((SLAVIC_COUNTRIES, is_slavic), (POST_SOVIET_COUNTRIES, has_post_soviet_form)):
        if home in family or not fits(name):
            continue
        sides = [code for code in participants if code in family]
        if len(sides) == 1:
            return sides[0]
    return ""


SLAVIC_COUNTRIES = ("RU", "BY", "UA")
