"""Countries: a gazetteer of names, adjectives, demonyms, capitals and regions -> ISO alpha-2.

Patterns are lowercase word-start regexes, so inflection («Казахстана», «казахстанско-корейский»,
«монгольских граждан», «Южно-Казахстанской области») is covered by the stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre
from re import _parser

# code: (name stems/adjectives/demonyms, cities and regions, official genitive name)
GAZETTEER: dict[str, tuple[str, str, str]] = {
    "KZ": (
        r"казахстан\w*|казах(?:и|ов|ам|ами|ский|ская|ское|ские|ского|ской|ских|ским|скую)\b",
        r"астан\w*|алмат(?:ы|инск\w*|инц\w*)\b|шымкент\w*|караганд\w*|усть-каменогорск\w*|актюбинск\w*|атырау|"
        r"ю[кз]о|вко|ско|туркестанск\w*|павлодар\w*|костана\w*|тараз\w*|жамбыл\w*|кызылорд\w*|актобе|"
        r"уральск\b|петропавловск\w*|кокшетау|туркестан[аеу]?\b|мангистау\w*|актау|нур-султан\w*",
        "Республики Казахстан",
    ),
    "KG": (
        r"кыргыз\w*|киргиз\w*",
        r"бишкек\w*|чуйск\w*|иссык-кул\w*|ош[аеу]?|ошск\w*|[дж]жалал-абад\w*|жалал-абад\w*|нарын\w*|талас\w*|баткен\w*|"
        r"каракол\w*|токмок\w*",
        "Кыргызской Республики",
    ),
    "UZ": (
        r"узбек\w*|руз\b",
        r"ташкент\w*|самарканд\w*|бухар(?!ест)\w*|ферган\w*|нукус\w*|каракалпак\w*|наманган\w*|андижан\w*|"
        r"хорезм\w*|ургенч\w*|навои|кашкадарь\w*|сурхандарь\w*|джизак\w*|термез\w*|карши\b",
        "Республики Узбекистан",
    ),
    "TJ": (
        r"таджик\w*",
        r"душанбе|худжанд\w*|хатлон\w*|согд\w*|куляб\w*|бохтар\w*|хорог\w*",
        "Республики Таджикистан",
    ),
    "TM": (r"туркмен\w*", r"ашхабад\w*", "Туркменистана"),
    "RU": (
        r"росси(?:я|и|ю|ей)\b|российск\w*|россиян\w*|рф\b|"
        # federal agencies named by the «Рос-» compound: Россотрудничество, Росздравнадзор …
        r"рос(?:сотрудничеств|здравнадзор|потребнадзор|атом|космос|стат\b|технадзор|аккредитаци|гвардии)\w*",
        r"москв\w*|санкт-петербург\w*|казан[ьи]\b|"
        r"новосибирск\w*|екатеринбург\w*|смоленск\w*|брянск\w*|псков\w*|краснодар\w*|"
        r"нижн\w+ новгород\w*|самар[аеуы]\b|ростов\w*-на-дону|владивосток\w*|иркутск\w*|томск\w*|омск\w*|"
        # regions that run their own health cooperation with neighbours (Buryatia with Mongolia...)
        r"бурят\w*|улан-удэ|свердловск\w*|уральск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)\b|красноярск\w*|"
        r"забайкал\w*|хабаровск\w*|приморск\w+\s+кра\w*|якутск\w*|челябинск\w*|оренбург\w*|тюмен\w*|"
        r"астрахан\w*|татарстан\w*|башкортостан\w*|сибирск\w*|сибир[иь]\b",
        "Российской Федерации",
    ),
    "BY": (
        r"беларус\w*|белорус\w*|рб\b",
        r"минск\w*|гомел\w*|гродн\w*|брест\w*|витебск\w*|могилев\w*|могилёв\w*",
        "Республики Беларусь",
    ),
    "MN": (r"монгол\w*", r"улан-батор\w*|улаанбаатар\w*|эрдэнэт\w*|ховд\w*|увс\b", "Монголии"),
    "KR": (
        r"(?:южн\w*\s+)?коре(?:я|и|ю|ей|е)\b|(?:южно)?корейск\w*|корейц\w*|южнокорейск\w*",
        r"сеул\w*|пусан\w*|кенгидо|инчхон\w*|тэгу|кванджу|тэджон\w*",
        "Республики Корея",
    ),
    "CN": (
        r"кита(?:й|я|ю|ем|е)\b|китайск\w*|китайц\w*|кнр\b",
        r"пекин\w*|шанха\w*|внутренн\w+\s+монгол\w*|хух-хото|урумчи|гуанчжоу|синьцзян\w*|шэньчжэн\w*|ухан[ьи]|сиан[ьи]|харбин\w*|чэнду|"
        # provinces, whose governors and delegations travel on their own
        r"цзянсу|гуандун\w*|шаньдун\w*|хэнань|сычуан[ьи]|хубэй|хунань|хэбэй|ганьсу|юньнань|чжэцзян\w*|фуцзян[ьи]|"
        r"шэньси|шаньси|цзянси|аньхо[йя]|гуйчжоу|ляонин\w*|цзилин[ьи]|хэйлунцзян\w*|хайнан[ьи]|цинха[йя]|нинся|гуанси",
        "Китайской Народной Республики",
    ),
    "JP": (
        r"япони\w*|японск\w*|японц\w*",
        r"токио|осак\w*|нагои|нагоя|нагою|киото|саппоро|хиросим\w*|иокогам\w*",
        "Японии",
    ),
    "DE": (
        r"германи\w*|немецк\w*|немц\w*|фрг\b",
        r"берлин\w*|мюнхен\w*|гамбург\w*|франкфурт\w*|гейдельберг\w*|эссен\w*|кельн\w*|"
        r"дюссельдорф\w*|лейпциг\w*|дрезден\w*|штутгарт\w*|ганновер\w*",
        "Федеративной Республики Германия",
    ),
    "TR": (
        r"турци\w*|турецк\w*|турк\w*|туркийе|türkiye",
        r"анкар\w*|стамбул\w*|измир\w*|анталь\w*|анталия\w*|бурс[аеуы]\b",
        "Турецкой Республики",
    ),
    "IN": (
        r"инди(?:я|и|ю|ей)\b|индийск\w*|индийц\w*",
        r"нью-дели|мумба\w*|ченна\w*|бангалор\w*|хайдарабад\w*|калькутт\w*",
        "Республики Индия",
    ),
    "AE": (
        r"оаэ\b|эмират\w*|объединенн\w* арабск\w*",
        r"абу-даби|дуба[йея]\w*",
        "Объединённых Арабских Эмиратов",
    ),
    "IL": (r"израил\w*", r"тель-авив\w*|иерусалим\w*", "Государства Израиль"),
    "US": (
        r"сша\b|американск\w*|соединенн\w* штат\w*",
        r"вашингтон\w*|нью-йорк\w*",
        "Соединённых Штатов Америки",
    ),
    "FR": (r"франци\w*|француз\w*", r"париж\w*", "Французской Республики"),
    "IT": (r"итали\w*|итальян\w*", r"рим\b|милан\w*", "Итальянской Республики"),
    "AZ": (r"азербайджан\w*", r"баку\b", "Азербайджанской Республики"),
    "AM": (r"армени\w*|армян\w*", r"ереван\w*", "Республики Армения"),
    "GE": (r"грузи(?:я|и|ю|ей)\b|грузинск\w*|грузин(?:ы|ов|ам|ами|ах)?\b", r"тбилиси", "Грузии"),
    "UA": (r"украин\w*", r"киев\w*", "Украины"),
    "IR": (r"иран\w*", r"тегеран\w*", "Исламской Республики Иран"),
    "PK": (r"пакистан\w*", r"исламабад\w*", "Исламской Республики Пакистан"),
    "VN": (r"вьетнам\w*", r"ханое?\w*", "Социалистической Республики Вьетнам"),
    "SG": (r"сингапур\w*", r"", "Республики Сингапур"),
    "HU": (r"венгри\w*|венгерск\w*|венгр(?:ы|ов|ам|ами)\b", r"будапешт\w*", "Венгрии"),
    "CZ": (r"чехи[яиюей]\b|чешск\w*|чех(?:и|ов|ам|ами)\b", r"праг[аеиу]\b", "Чешской Республики"),
    "EG": (r"египт\w*|египет", r"каир\w*", "Арабской Республики Египет"),
    "QA": (r"катар(?!акт)\w*", r"доха|дохе", "Государства Катар"),  # not «катаракта»
    "SA": (r"саудовск\w*|саудовц\w*", r"эр-рияд\w*", "Королевства Саудовская Аравия"),
    "KP": (
        r"кндр\b|северн\w*\s+коре\w*|северокорейск\w*",
        r"пхеньян\w*",
        "Корейской Народно-Демократической Республики",
    ),
    # several-word names pycountry's translation gives («Соединённое Королевство»), so not derived
    "GB": (
        r"великобритани\w*|британск\w*|британц\w*|соединенн\w+\s+королевств\w*|соединённ\w+\s+королевств\w*",
        r"лондон\w*",
        "Соединённого Королевства Великобритании и Северной Ирландии",
    ),
    "ZA": (r"юар\b|южно-африканск\w*|южноафриканск\w*", r"претори\w*|йоханнесбург\w*", "Южно-Африканской Республики"),
    "LK": (r"шри-ланк\w*|шриланкийск\w*", r"коломбо", "Демократической Социалистической Республики Шри-Ланка"),
    "NZ": (r"нов\w+\s+зеланди\w*|новозеландск\w*", r"веллингтон\w*", "Новой Зеландии"),
}

# adjectives and capitals of countries the ISO names cover (their names are found by
# ``OTHER_COUNTRY_FORMS``) where the derived adjective is not the one in use («польский» from
# «Польша», «шведский» from «Швеция») or the capital stands for the government («Варшава и Рига
# договорились …»). Only capitals that are no common Russian word («Вена»: «вены»; «София»).
EXTRA_NAMES: dict[str, str] = {
    "PL": r"польск\w*|поляк\w*",
    "LT": r"литовск\w*",
    "EE": r"эстонск\w*",
    "LV": r"латвийск\w*|латышск\w*",
    "TH": r"тайск(?:ий|ая|ое|ие|ого|ой|их|ому|им|ую|ими)\b|таиландск\w*",
    "AF": r"афганск\w*|афганц\w*",
    "NL": r"нидерландск\w*|голландск\w*",
    "FI": r"финск(?:ий|ая|ое|ие|ого|ой|их|ому|им|ую|ими)\b|финляндск\w*",
    "SE": r"шведск\w*",
    "NO": r"норвежск\w*|норвежц\w*",
    "SK": r"словацк\w*",
    "PH": r"филиппинск\w*|филиппинц\w*",
    "DK": r"датск\w*",
    "GR": r"греческ\w*|грек(?:и|ов|ам)\b",
    "MD": r"молдов\w*|молдавск\w*",
    "CH": r"швейцарск\w*",
    "AT": r"австрийск\w*",
    "BG": r"болгарск\w*",
    "RS": r"сербск\w*",
}
EXTRA_PLACES: dict[str, str] = {
    "PL": r"варшав\w*",
    "LV": r"риг[аеиу]\b",
    "LT": r"вильнюс\w*",
    "EE": r"таллин\w*",
    "ES": r"мадрид\w*",
    "CA": r"оттав\w*",
    "TH": r"бангкок\w*",
    "ID": r"джакарт\w*",
    "AF": r"кабул\w*",
    "SY": r"дамаск\w*",
    "CU": r"гаван[аеуы]\b",
    "IQ": r"багдад\w*",
    "MD": r"кишин[её]в\w*",
    "GR": r"афин(?:ы|ах|ам)\b",
    "RS": r"белград\w*",
    "RO": r"бухарест\w*",
    "JO": r"амман\w*",
    "LB": r"бейрут\w*",
    "MY": r"куала-лумпур\w*",
    "PH": r"манил[аеуы]\b",
    "BD": r"дакк[аеуы]\b",
    "NP": r"катманду",
    "KE": r"найроби",
    "ET": r"аддис-абеб\w*",
    "MX": r"мехико",
    "AR": r"буэнос-айрес\w*",
    "AU": r"канберр\w*",
    "KW": r"эль-кувейт\w*",
}

# Capitals and the cities partners name for their side («делегация из Стокгольма», «врачи из Гюмри»),
# one word each, in the nominative; every form comes from pymorphy3's geographical reading, capitalised
# as in running text. Left out: capitals that are common words or names («Вена», «София», «Лима»,
# «Мары», «Сана»), seats of international bodies («Женева», «Брюссель», «Копенгаген» of WHO Europe).
CITIES: dict[str, str] = {
    "NO": "Осло",
    "SE": "Стокгольм",
    "FI": "Хельсинки",
    "IS": "Рейкьявик",
    "NL": "Амстердам Гаага Роттердам",
    "PT": "Лиссабон",
    "IE": "Дублин",
    "CH": "Берн Цюрих Базель",
    "AT": "Зальцбург Инсбрук",
    "SK": "Братислава",
    "SI": "Любляна",
    "HR": "Загреб",
    "BA": "Сараево",
    "ME": "Подгорица",
    "MK": "Скопье",
    "CY": "Никосия",
    "MT": "Валлетта",
    "ES": "Барселона Валенсия",
    "IT": "Неаполь Турин Флоренция Болонья",
    "FR": "Лион Марсель Страсбург",
    "DE": "Бонн Гиссен Аахен",
    "OM": "Маскат",
    "BH": "Манама",
    "MA": "Рабат Касабланка",
    "LY": "Триполи",
    "SD": "Хартум",
    "NG": "Абуджа Лагос",
    "GH": "Аккра",
    "SN": "Дакар",
    "UG": "Кампала",
    "RW": "Кигали",
    "AO": "Луанда",
    "ZW": "Хараре",
    "KH": "Пномпень",
    "LA": "Вьентьян",
    "MM": "Янгон",
    "BT": "Тхимпху",
    "CO": "Богота",
    "VE": "Каракас",
    "EC": "Кито",
    "UY": "Монтевидео",
    "PY": "Асунсьон",
    "IR": "Мешхед Тебриз Исфахан Шираз",
    "PK": "Карачи Лахор",
    "IN": "Дели Агра Гургаон Ченнаи",
    "IL": "Хайфа",
    "AZ": "Гянджа Сумгаит Нахичевань",
    "AM": "Гюмри Ванадзор",
    "GE": "Батуми Кутаиси",
    "TM": "Туркменабат Дашогуз Балканабат",
    "KZ": "Талдыкорган Экибастуз Жезказган",
    "UZ": "Коканд Гулистан",
    "TJ": "Истаравшан Пенджикент Турсунзаде",
    "RU": "Уфа Барнаул Калининград Сочи Воронеж Волгоград Пермь Саратов Махачкала Ставрополь Чита Благовещенск "
    "Кемерово Сургут Тула Курск Белгород Рязань Ярославль Пенза Ижевск Чебоксары Абакан Магадан",
    "CN": "Тяньцзинь Чунцин Нанкин Ханчжоу Циндао",
    "JP": "Фукуока Кобе Сендай",
    "US": "Бостон Хьюстон Филадельфия",
}

NAMES = {
    "KZ": "Казахстан",
    "KG": "Кыргызстан",
    "UZ": "Узбекистан",
    "TJ": "Таджикистан",
    "RU": "Россия",
    "BY": "Беларусь",
    "MN": "Монголия",
    "KR": "Корея",
    "CN": "Китай",
    "JP": "Япония",
    "DE": "Германия",
    "TR": "Турция",
    "IN": "Индия",
    "AE": "ОАЭ",
}

# «РК» and «КР» name different countries in different newsrooms; resolved from context
# «РТ»: Tajikistan, or Tatarstan (Russia) in a Russian regional story
AMBIGUOUS = {"рк": ("KZ", "KR"), "кр": ("KG", "KR"), "рт": ("TJ", "RU")}
NOT_A_COUNTRY = re.compile(r"турецк\w+\s+(?:седл|кофе)|американо", re.IGNORECASE)


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    code: str
    is_place: bool  # a city or region rather than the country itself


def _compile() -> list[tuple[re.Pattern, str, bool]]:
    compiled = []
    extra = {
        code: (EXTRA_NAMES.get(code, ""), EXTRA_PLACES.get(code, ""), "") for code in {*EXTRA_NAMES, *EXTRA_PLACES}
    }
    for code, (names, places, _) in [*GAZETTEER.items(), *sorted(extra.items())]:
        if not names:
            compiled.append((re.compile(rf"(?<![\w])(?:{places})(?![\w])", re.IGNORECASE), code, True))
            continue
        compiled.append(
            (
                re.compile(rf"(?<![\w-])(?:(?:южно|северо|восточно|западно)-?)?(?:{names})", re.IGNORECASE),
                code,
                False,
            )
        )
        if places:
            compiled.append((re.compile(rf"(?<![\w])(?:{places})(?![\w])", re.IGNORECASE), code, True))
    return compiled


PATTERNS = _compile()

# Where a pattern can start. Every gazetteer pattern opens with a lookbehind for a non-word
# character and then a letter, so it can only match at a word start, and only at one whose first
# letter is among the pattern's possible first letters. ``find_mentions`` tries each pattern just
# there (``pattern.match`` still sees the text before the start for the lookbehind), in order,
# resuming after each match like ``finditer`` does: the same matches, without scanning the whole
# text once per pattern.
PLAIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
WORD_START_RE = re.compile(r"(?<!\w)\w")


def _first_letters(items: list) -> tuple[set[str] | None, bool]:
    """(possible first characters, lowercased; None when unknown) and whether ``items`` can match
    the empty string, for a parsed regex sequence."""
    letters: set[str] = set()
    for op, arg in items:
        if op in (sre.ASSERT_NOT, sre.ASSERT, sre.AT):
            continue  # zero-width
        if op is sre.LITERAL:
            return letters | {chr(arg).lower()}, False
        if op is sre.IN:
            for item_op, item_arg in arg:
                if item_op is sre.LITERAL:
                    letters.add(chr(item_arg).lower())
                elif item_op is sre.RANGE and item_arg[1] - item_arg[0] < 64:
                    letters |= {chr(c).lower() for c in range(item_arg[0], item_arg[1] + 1)}
                else:
                    return None, False
            return letters, False
        if op is sre.SUBPATTERN:
            first, empty = _first_letters(list(arg[-1]))
        elif op is sre.BRANCH:
            first, empty = set(), False
            for branch in arg[1]:
                branch_first, branch_empty = _first_letters(list(branch))
                if branch_first is None:
                    return None, False
                first |= branch_first
                empty = empty or branch_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            first, empty = _first_letters(list(arg[2]))
            empty = empty or arg[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        letters |= first
        if not empty:
            return letters, False
    return letters, True


def _starts(pattern: re.Pattern) -> frozenset[str] | None:
    letters, empty = _first_letters(list(_parser.parse(pattern.pattern, pattern.flags)))
    if letters is None or empty or not letters <= PLAIN_LETTERS:
        return None  # tried at every word start
    return frozenset(letters)


STARTS = [_starts(pattern) for pattern, _, _ in PATTERNS]
ABBREV_RE = re.compile(r"(?<![\w])(РК|КР|РТ)(?![\w])")
# a state's initials that name one country only, in capitals: «посол САР» (Syria), «Минздрав ИРИ»
STATE_INITIALS = {"САР": "SY", "ИРИ": "IR", "КСА": "SA", "АРЕ": "EG", "СРВ": "VN"}
STATE_INITIALS_RE = re.compile(rf"(?<![\w-])({'|'.join(STATE_INITIALS)})(?![\w-])")
# hyphenated compounds: «южно-казахстанской» must still be found, so allow a hyphen before
COMPOUND_RE = re.compile(
    r"-(казахстан\w*|корейск\w*|кыргыз\w*|российск\w*|белорусск\w*|монгольск\w*|"
    r"узбекск\w*|таджикск\w*|китайск\w*|японск\w*|турецк\w*|германск\w*|индийск\w*)",
    re.IGNORECASE,
)
COMPOUND_CODES = {
    "казахстан": "KZ",
    "корейск": "KR",
    "кыргыз": "KG",
    "российск": "RU",
    "белорусск": "BY",
    "монгольск": "MN",
    "узбекск": "UZ",
    "таджикск": "TJ",
    "китайск": "CN",
    "японск": "JP",
    "турецк": "TR",
    "германск": "DE",
    "индийск": "IN",
}


def find_mentions(text: str) -> list[CountryMention]:
    found: dict[tuple[int, int], CountryMention] = {}
    by_letter: dict[str | None, list[int]] = {}  # word starts by first letter; None: any other character
    every = []
    for match in WORD_START_RE.finditer(text):
        letter = match.group(0).lower()
        by_letter.setdefault(letter if letter in PLAIN_LETTERS else None, []).append(match.start())
        every.append(match.start())
    others = by_letter.get(None, [])
    for (pattern, code, is_place), letters in zip(PATTERNS, STARTS, strict=True):
        if letters is None:
            positions = every
        else:
            positions = sorted([p for letter in letters for p in by_letter.get(letter, ())] + others)
        resume = 0
        for position in positions:
            if position < resume:
                continue
            match = pattern.match(text, position)
            if match is None:
                continue
            resume = match.end()
            if NOT_A_COUNTRY.match(text, match.start()) or _short_upper_clash(match.group(0)):
                continue
            found.setdefault((match.start(), match.end()), CountryMention(match.start(), match.end(), code, is_place))
    for match in WORD_RE.finditer(text):
        word = match.group(0)
        code, is_place = OTHER_COUNTRY_FORMS.get(word), False
        if not code:
            code, is_place = CITY_FORMS.get(word), True
        if code:
            found.setdefault((match.start(), match.end()), CountryMention(match.start(), match.end(), code, is_place))
    for match in STATE_INITIALS_RE.finditer(text):
        code = STATE_INITIALS[match.group(1)]
        found.setdefault((match.start(), match.end()), CountryMention(match.start(), match.end(), code, False))
    for match in COMPOUND_RE.finditer(text):
        word = match.group(1).lower()
        code = next(c for stem, c in COMPOUND_CODES.items() if word.startswith(stem))
        found.setdefault((match.start(1), match.end(1)), CountryMention(match.start(1), match.end(1), code, False))
    mentions = sorted(found.values(), key=lambda m: (m.start, -m.end))
    mentions = [m for m in _drop_nested(mentions) if not names_a_currency(text, m)]
    resolved = resolve_abbreviations(text, mentions)
    return without_order_of_malta(text, north_korean(text, sorted(mentions + resolved, key=lambda m: m.start)))


# «долларов США», «американских долларов», «японских иен»: the money's country, no party
CURRENCY_WORD_RE = re.compile(
    r"\s+(?:доллар|юан|иен|вон|рубл|тенге|сом|сум|евро|лир|рупи|дирхам|фунт)\w*", re.IGNORECASE
)
DOLLAR_BEFORE_RE = re.compile(r"доллар\w*\s+$", re.IGNORECASE)


def names_a_currency(text: str, mention: CountryMention) -> bool:
    word = text[mention.start : mention.end]
    if word[:1].islower() and CURRENCY_WORD_RE.match(text, mention.end):
        return True
    return bool(DOLLAR_BEFORE_RE.search(text[max(0, mention.start - 12) : mention.start]))


SOUTH_KOREA_RE = re.compile(r"южн\w*\s+коре|южнокорейск|республик\w*\s+коре|сеул", re.IGNORECASE)


def north_korean(text: str, mentions: list[CountryMention]) -> list[CountryMention]:
    """In a story about North Korea that never names the South, «корейские врачи» and «Корея»
    are North Korean."""
    if not any(m.code == "KP" for m in mentions) or SOUTH_KOREA_RE.search(text):
        return mentions
    return [CountryMention(m.start, m.end, "KP", m.is_place) if m.code == "KR" else m for m in mentions]


ORDER_OF_MALTA_RE = re.compile(r"мальтийск\w+\s+орден", re.IGNORECASE)


def without_order_of_malta(text: str, mentions: list[CountryMention]) -> list[CountryMention]:
    """The Sovereign Order of Malta is a partner like an international organisation, not Malta: in a
    story that names it, «Мальтийского ордена» and a headline's «посол Мальты» are no country."""
    if not ORDER_OF_MALTA_RE.search(text):
        return mentions
    return [m for m in mentions if m.code != "MT"]


# «Ранее аналогичная программа была реализована с Германией», «Напомним, …», «подобные проекты в
# Перу»: a sentence that recalls other cooperation names countries that are not this story's sides
BACKGROUND_RE = re.compile(r"^\W*(?:ранее|напомним|кроме\s+того,?\s+ранее)\b|\b(?:аналогичн|подобн)\w*", re.IGNORECASE)


def background_codes(text: str, mentions: list[CountryMention], sentences) -> set[str]:
    """Countries named only in sentences that recall other cooperation (``sentences.around(pos)``
    gives the sentence's (start, end))."""
    inside: dict[str, bool] = {}
    for mention in mentions:
        start, end = sentences.around(mention.start)
        recalled = bool(BACKGROUND_RE.search(text[start:end]))
        inside[mention.code] = inside.get(mention.code, True) and recalled
    return {code for code, only in inside.items() if only}


# «Соглашение между Таджикистаном и Германией»: both are parties wherever the clause stands
BETWEEN_RE = re.compile(r"\bмежду\s+", re.IGNORECASE)
BETWEEN_SPAN = 60


def paired_countries(text: str, mentions: list[CountryMention]) -> list[str]:
    """Countries named together after «между» in one sentence («между Таджикистаном и Германией»)."""
    codes: list[str] = []
    for match in BETWEEN_RE.finditer(text):
        stop = text.find(".", match.end())
        end = min(match.end() + BETWEEN_SPAN, stop if stop >= 0 else len(text))
        named = [m.code for m in mentions if match.end() <= m.start < end and not m.is_place]
        if len(set(named)) >= 2:
            codes += [code for code in named if code not in codes]
    return codes


def _other_country_forms() -> dict[str, str]:
    """Every inflected form of the one-word Russian name of each ISO 3166 country that the gazetteer
    above does not cover (Сирия, Сирии, Сирию…; Куба, Кубы…), capitalised as in running text, and of
    its adjective and demonym (сирийский, сирийско-, сирийцы; кубинская, кубинец) in either case.

    The names are pycountry's Russian translations and the forms pymorphy3's, from its geographical
    reading (``Geox``) only, so a name that is also a common word brings no common-word forms; and a
    form whose likeliest reading is not a noun is left out: «Того» (Togo) opens many a sentence as the
    pronoun, and a capital letter does not tell them apart there. Capitals are not covered: the
    gazetteer lists them for the region's usual partners."""
    import pycountry

    from medcorridor.core.reference import translator

    from .morph import analyzer

    morph = analyzer()
    russian = translator("iso3166-1", "ru")
    forms: dict[str, str] = {}
    derived: dict[str, set[str]] = {}
    for country in pycountry.countries:
        name = russian.gettext(getattr(country, "common_name", None) or country.name)
        if country.alpha_2 in GAZETTEER or not name.isalpha():
            continue  # covered by hand, or several words (left to the gazetteer)
        for parse in morph.parse(name):
            if "Geox" not in parse.tag:
                continue
            for form in parse.lexeme:
                if morph.parse(form.word)[0].tag.POS == "NOUN":
                    forms[form.word.capitalize()] = country.alpha_2
        for word in _adjective_and_demonym_forms(morph, name):
            derived.setdefault(word, set()).add(country.alpha_2)
    for word, codes in derived.items():
        if len(codes) == 1:  # «нигерийский» would be Niger's and Nigeria's: neither
            code = next(iter(codes))
            forms.setdefault(word, code)
            forms.setdefault(word.capitalize(), code)
    return forms


# a country's adjective from its name: Сирия -> сирийский, Куба -> кубинский, Ирак -> иракский,
# Бразилия -> бразильский; the first suffix that makes a word pymorphy3 knows as an adjective
NAME_ENDINGS = ("ия", "а", "я", "и", "у", "о", "е")
ADJECTIVE_SUFFIXES = ("ийский", "инский", "ский", "анский", "ьский")


def _adjective_and_demonym_forms(morph, name: str) -> list[str]:
    low = name.lower()
    stem = next((low[: -len(end)] for end in NAME_ENDINGS if low.endswith(end)), low)
    adjective = next((stem + suffix for suffix in ADJECTIVE_SUFFIXES if _is_adjective(morph, stem + suffix)), "")
    if not adjective:
        return []
    words = [form.word for form in morph.parse(adjective)[0].lexeme] + [adjective[:-2] + "о"]  # «сирийско-»
    # the demonym drops «ский» (кубинский -> кубинец) or «йский» after «и» (сирийский -> сириец)
    base = adjective[:-5] if adjective.endswith("ийский") else adjective[:-4]
    demonym = next((p for p in morph.parse(base + "ец") if p.tag.POS == "NOUN" and "anim" in p.tag), None)
    if demonym is not None and morph.word_is_known(base + "ец"):
        words += [form.word for form in demonym.lexeme]
    return words


def _is_adjective(morph, word: str) -> bool:
    return morph.word_is_known(word) and any(p.tag.POS == "ADJF" and p.normal_form == word for p in morph.parse(word))


OTHER_COUNTRY_FORMS = _other_country_forms()


def _city_forms() -> dict[str, str]:
    """Every form of each city in ``CITIES`` by pymorphy3's geographical reading (Стокгольм,
    Стокгольма, Стокгольме…; «Осло» stays «Осло»), capitalised; a form whose likeliest reading is
    not the place («Тирана» is first the genitive of «тиран») is left out."""
    from .morph import analyzer

    morph = analyzer()
    forms: dict[str, str] = {}
    for code, cities in CITIES.items():
        for city in cities.split():
            readings = [parse for parse in morph.parse(city) if "Geox" in parse.tag]
            words = [form.word.capitalize() for parse in readings for form in parse.lexeme]
            words = [word for word in words if "Geox" in morph.parse(word)[0].tag] or _regular_forms(city)
            for word in words:
                forms.setdefault(word, code)
    return forms


def _regular_forms(city: str) -> list[str]:
    """A city the dictionary does not know (Любляна, Хартум) declined like a regular noun."""
    if city.endswith("а"):
        return [city] + [city[:-1] + ending for ending in ("ы", "е", "у", "ой")]
    if city[-1] in "бвгджзклмнпрстфхцчшщ":
        return [city] + [city + ending for ending in ("а", "у", "е", "ом")]
    return [city]


CITY_FORMS = _city_forms()
# a whole word or a part of a hyphenated one («сирийско-иракский») looked up in the forms
WORD_RE = re.compile(r"(?<!\w)[А-ЯЁа-яё]+")


def _short_upper_clash(word: str) -> bool:
    """«СКО», «ВКО», «Ош» are places only when capitalised; «ско» inside prose is not."""
    return len(word) <= 3 and not word[:1].isupper()


def _drop_nested(mentions: list[CountryMention]) -> list[CountryMention]:
    kept: list[CountryMention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def resolve_abbreviations(text: str, mentions: list[CountryMention]) -> list[CountryMention]:
    """«РК»: Kazakhstan when the article is Kazakh (its own name for itself), Korea otherwise.
    «КР»: Kyrgyzstan when Kyrgyz context is present, Korea otherwise."""
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.code] = counts.get(mention.code, 0) + 1
    resolved = []
    for match in ABBREV_RE.finditer(text):
        first, second = AMBIGUOUS[match.group(1).lower()]
        code = first if counts.get(first) or not counts.get(second) else second
        located_in = codes_in(text[match.end() : match.end() + 30]) if LOCATED_RE.match(text, match.end()) else []
        if located_in and located_in[0] == code:
            code = second if code == first else first  # «Посольство РК в Казахстане»: РК is not Kazakhstan
        resolved.append(CountryMention(match.start(), match.end(), code, False))
    return resolved


LOCATED_RE = re.compile(r"\s+(?:в|во)\s+[А-ЯЁ]")


def genitive_name(code: str) -> str:
    if code in GAZETTEER:
        return GAZETTEER[code][2]
    return _official_genitive(code) or code


@lru_cache(maxsize=256)
def _official_genitive(code: str) -> str:
    """The official name in the genitive, for a country outside the gazetteer: words up to the
    first noun inflect, a name in apposition does not («Республика Куба» -> «Республики Куба»,
    «Сирийская Арабская Республика» -> «Сирийской Арабской Республики», «Канада» -> «Канады»)."""
    import pycountry

    from medcorridor.core.reference import translator

    from .morph import analyzer

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return ""
    words = translator("iso3166-1", "ru").gettext(getattr(country, "official_name", None) or country.name).split()
    morph = analyzer()
    result = []
    for index, word in enumerate(words):
        parse = next((p for p in morph.parse(word) if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF")), None)
        inflected = parse.inflect({"gent"}) if parse is not None else None
        if inflected is None:
            return " ".join(result + words[index:]) if result else ""
        result.append(word[0] + inflected.word[1:] if word[0].isupper() else inflected.word)
        if parse.tag.POS == "NOUN":
            return " ".join(result + words[index + 1 :])
    return " ".join(result)


def codes_in(text: str, places: bool = True) -> list[str]:
    """Country codes mentioned in a short stretch of text, in order of first mention."""
    return list(_codes_in(text, places))


@lru_cache(maxsize=8192)
def _codes_in(text: str, places: bool) -> tuple[str, ...]:
    seen: list[str] = []
    for mention in find_mentions(text):
        if (places or not mention.is_place) and mention.code not in seen:
            seen.append(mention.code)
    return tuple(seen)


# Medical tourism: the countries patients come from or travel to are sides of the flow («Около 90
# процентов медицинских туристов приезжают из Кыргызстана, России …», «едут лечиться в Сингапур,
# Корею, Израиль»). A sentence speaks of such a flow when it or the one before names patients,
# tourists or treatment; its countries count when they are listed together or come after «из».
# Not a flow the story replaces or sets aside: «Раньше … направляли на лечение в Корею, Турцию и
# Индию», «долгое время отправляли …», «помимо Германии популярными направлениями остаются …».
FLOW_RE = re.compile(
    r"пациент|клиент|турист|туризм|медтуризм|лечени|лечить|лечат|медобслуживан|медицинск\w+\s+(?:услуг|помощ)",
    re.IGNORECASE,
)
# Only a story that speaks of such flows (medical tourism, foreign patients, treatment abroad)
# lists them as its sides: in a story about a donation or a joint centre, the patients who
# «выезжали на лечение в Казахстан и Россию» are background.
FLOW_TOPIC_RE = re.compile(
    r"туризм|медтуризм|(?:иностранн|зарубежн)\w+\s+(?:пациент|граждан|клиент)|лечени\w*\s+за\s+рубеж", re.IGNORECASE
)
FORMER_FLOW_RE = re.compile(
    r"(?<!\w)(?:раньше|ранее|прежде|до\s+недавнего\s+времени|долгое\s+время|помимо)(?!\w)", re.IGNORECASE
)
LIST_GAP_RE = re.compile(r"^[\s,;—–-]*(?:(?:и|или|а\s+также|также|подключил\w*)[\s,]+)?$", re.IGNORECASE)
FROM_BEFORE_RE = re.compile(r"(?<!\w)из\s+(?:[А-ЯЁ]\w+\s+)?$", re.IGNORECASE)


def flow_countries(text: str, mentions: list[CountryMention], sentences) -> list[str]:
    """Countries of a medical-tourism flow (``sentences`` as in :func:`background_codes`)."""
    codes: list[str] = []
    if not FLOW_TOPIC_RE.search(text):
        return codes
    bounds = list(sentences)
    for index, (start, end) in enumerate(bounds):
        window = text[bounds[index - 1][0] if index else start : end]
        if not FLOW_RE.search(window) or FORMER_FLOW_RE.search(text[start:end]):
            continue
        inside = [m for m in mentions if start <= m.start < end and not m.is_place]
        for position, mention in enumerate(inside):
            if _listed(text, inside, position) or FROM_BEFORE_RE.search(
                text[max(start, mention.start - 30) : mention.start]
            ):
                codes.append(mention.code)
    return list(dict.fromkeys(codes))


def _listed(text: str, inside: list[CountryMention], position: int) -> bool:
    """Whether the mention is joined to a neighbouring, other country by a comma or a conjunction only."""
    mention = inside[position]
    pairs = [(inside[position - 1], mention)] if position else []
    pairs += [(mention, inside[position + 1])] if position + 1 < len(inside) else []
    return any(left.code != right.code and LIST_GAP_RE.match(text[left.end : right.start]) for left, right in pairs)


# Sides named once in the body, by what the sentence says of them (the rounds' README conventions:
# a national agency co-funding a programme, the country where a placement happens and the partners
# of an act «двух стран» are sides):
# «между министерствами здравоохранения двух стран»: the two countries the sentence names
TWO_COUNTRIES_RE = re.compile(r"(?<!\w)(?:двух|обеих|обоих)\s+(?:стран|государств)(?!\w)", re.IGNORECASE)
# «Японское агентство международного сотрудничества», «турецкая компания «…»», «Немецкий банк развития»
ACTOR_AFTER_RE = re.compile(
    r"\s+(?:агентств|банк|фонд|компани|корпораци|концерн|фирм|холдинг|обществ\w*\s+по\s+международн)\w*(?!\w)",
    re.IGNORECASE,
)
# «стажировку в клиниках Сеула», «практику в одной из больниц Стамбула», «обучение в Анкаре»
PLACEMENT_BEFORE_RE = re.compile(
    r"(?:стажировк|практик|обучени|учеб|повышени\w*\s+квалификаци)\w*\s+(?:[\w-]+\s+){0,2}?(?:в|во)\s+"
    r"(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)
# «совместно с медицинским центром Asan в Корее», «при поддержке России»
PARTNER_BEFORE_RE = re.compile(
    r"(?:(?:совместно|вместе|в\s+сотрудничестве|в\s+партн[её]рстве)\s+с\s+(?:[\w«»\"-]+\s+){0,5}?(?:в|во)\s+|"
    r"(?:совместно|вместе)\s+с\s+|при\s+(?:поддержке|участии|содействии|финансировании)\s+)$",
    re.IGNORECASE,
)
BEFORE_CHARS = 80
# «вакцины американской компании …», «оборудование японской фирмы …»: a maker of goods, no side
PRODUCT_BEFORE_RE = re.compile(
    r"(?:вакцин|препарат|лекарств|оборудовани|продукци|аппарат|техник|томограф|тест)\w*\s+(?:производств\w+\s+)?$",
    re.IGNORECASE,
)
ADJECTIVE_ENDINGS = ("ий", "ый", "ая", "ое", "ие", "ые", "ой", "ого", "ую", "их", "ых", "ым", "им", "ом", "ей")


def side_countries(text: str, mentions: list[CountryMention], sentences) -> list[str]:
    """Countries a sentence makes sides of the story wherever it stands (``sentences`` as in
    :func:`background_codes`; a sentence recalling other cooperation is filtered out after)."""
    codes: list[str] = []
    for start, end in sentences:
        inside = [m for m in mentions if start <= m.start < end]
        for match in TWO_COUNTRIES_RE.finditer(text, start, end):
            codes += _two_named(text, inside, match.start())
        codes += [m.code for m in inside if _names_a_side(text, m, start)]
    return list(dict.fromkeys(codes))


def _names_a_side(text: str, mention: CountryMention, sentence_start: int) -> bool:
    """A national actor («японское агентство»), a placement's country or a named partner's."""
    before = text[max(sentence_start, mention.start - BEFORE_CHARS) : mention.start]
    if PLACEMENT_BEFORE_RE.search(before) or PARTNER_BEFORE_RE.search(before):
        return True
    word = text[mention.start : mention.end].lower()
    if mention.is_place or not word.endswith(ADJECTIVE_ENDINGS) or PRODUCT_BEFORE_RE.search(before):
        return False
    return bool(ACTOR_AFTER_RE.match(text, mention.end))


def _two_named(text: str, inside: list[CountryMention], position: int) -> list[str]:
    """The two countries «двух стран» at ``position`` refers to: exactly two named between the full
    stops around it (a page that glues sentences, «стороны.Данный проект», is still split there)."""
    left = max(text.rfind(stop, 0, position) for stop in ".!?")
    right = min((found for stop in ".!?" if (found := text.find(stop, position)) >= 0), default=len(text))
    named = list(dict.fromkeys(m.code for m in inside if left < m.start < right))
    return named if len(named) == 2 else []
