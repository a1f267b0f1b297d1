"""Arabic number phrases to values: digits, number words, scale words, halves.

"5 ملايين" -> 5_000_000, "خمسة وعشرون" -> 25, "بمليون" -> 1_000_000, "٢٫٥" -> 2.5,
"مليون ونصف" -> 1_500_000, "عام ونصف" -> 1.5, "عشرات الآلاف" -> 10_000 (an order of
magnitude). Everything is matched on camel-tools-normalised text (analysis.text.normalize),
so hamza, alef maksura and teh marbuta spellings all meet: "مائة" = "مئة", "إحدى" = "احدي".

No PyPI library parses Arabic number words with digits and scale words (pyarabic's
text2number reads words only and is GPL), hence this small table-driven parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import normalize

# ---------------------------------------------------------------- word tables (normalised)

UNITS: dict[str, int] = {
    "صفر": 0,
    "واحد": 1,
    "واحده": 1,
    "احد": 1,
    "احدي": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "اثنا": 2,
    "اثني": 2,
    "اثنتا": 2,
    "اثنتي": 2,
    "ثنتان": 2,
    "ثنتين": 2,
    "ثلاث": 3,
    "ثلاثه": 3,
    "اربع": 4,
    "اربعه": 4,
    "خمس": 5,
    "خمسه": 5,
    "ست": 6,
    "سته": 6,
    "سبع": 7,
    "سبعه": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانيه": 8,
    "تسع": 9,
    "تسعه": 9,
    "عشر": 10,
    "عشره": 10,  # alone 10; after a unit it makes a teen: "ثلاثة عشر" -> 13
}
TENS: dict[str, int] = {}
for _stem, _value in (
    ("عشر", 20),
    ("ثلاث", 30),
    ("اربع", 40),
    ("خمس", 50),
    ("ست", 60),
    ("سبع", 70),
    ("ثمان", 80),
    ("تسع", 90),
):
    TENS[_stem + "ون"] = TENS[_stem + "ين"] = _value

HUNDRED_WORDS = ("مئه", "مائه")  # "ثلاث مئة": multiplies a unit before it (not colloquial "ميه": "كمية")
HUNDREDS: dict[str, int] = {
    "مئتان": 200,
    "مئتين": 200,
    "مئتا": 200,
    "مئتي": 200,
    "مائتان": 200,
    "مائتين": 200,
    "مائتا": 200,
    "مائتي": 200,
}
for _stem, _value in (
    ("ثلاث", 3),
    ("ثلث", 3),
    ("اربع", 4),
    ("خمس", 5),
    ("ست", 6),
    ("سبع", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("تسع", 9),
):
    for _hundred in ("مئه", "مائه"):
        HUNDREDS[_stem + _hundred] = _value * 100  # written as one word: "ثلاثمائة"

# Scale words: value, and whether the form is singular, dual or plural.
SCALES: dict[str, tuple[int, str]] = {}
_SCALE_FORMS = (
    # singular, dual, plural
    (("الف",), ("الفان", "الفين", "الفي"), ("الاف", "الوف"), 1_000),
    (("مليون",), ("مليونان", "مليونين", "مليوني"), ("ملايين",), 1_000_000),
    (("مليار", "بليون"), ("ملياران", "مليارين", "ملياري"), ("مليارات", "بلايين"), 1_000_000_000),
    (("تريليون", "ترليون"), ("تريليونان", "تريليونين"), ("تريليونات",), 1_000_000_000_000),
)
for _singular, _dual, _plural, _value in _SCALE_FORMS:
    for _word in _singular:
        SCALES[_word] = (_value, "singular")
        SCALES[_word + "ا"] = (_value, "singular")  # accusative: "عشرون ألفاً" -> "الفا"
    for _word in _dual:
        SCALES[_word] = (_value, "dual")
    for _word in _plural:
        SCALES[_word] = (_value, "plural")

FRACTIONS: dict[str, float] = {
    "نصف": 0.5,
    "ربع": 0.25,
    "ثلث": 1 / 3,
    "ثلثان": 2 / 3,
    "ثلثين": 2 / 3,
    "ثلثي": 2 / 3,
    "سدس": 1 / 6,  # not "خمس", "سبع", "عشر" (five, seven, ten) nor "ثمن" (a price)
}
# Plural denominators multiply the count before them: "ثلاثة أرباع" -> 0.75, "تسعة أعشار" -> 0.9.
FRACTION_PLURALS: dict[str, float] = {
    "اثلاث": 1 / 3,
    "ارباع": 1 / 4,
    "اخماس": 1 / 5,
    "اسداس": 1 / 6,
    "اسباع": 1 / 7,
    "اثمان": 1 / 8,
    "اتساع": 1 / 9,
    "اعشار": 1 / 10,
}
FRACTIONS.update(FRACTION_PLURALS)
# Vague counts: "عشرات" (tens of), "مئات" (hundreds of); "آلاف"/"ملايين" alone are in SCALES.
VAGUE: dict[str, int] = {"عشرات": 10, "مئات": 100}

NUMBER_WORDS: dict[str, float] = {
    **UNITS,
    **TENS,
    **HUNDREDS,
    **{w: 100 for w in HUNDRED_WORDS},
    **{w: v for w, (v, _) in SCALES.items()},
    **FRACTIONS,
    **VAGUE,
}

# ---------------------------------------------------------------- tokens

# "7ر5" is 5.7 and "000ر22" is 22,000: news agencies type the parts of a number around "ر"
# (a stand-in for the decimal point) in reverse, so a decimal reads fraction first.
DIGITS = r"\d+(?:[.,]\d+)*(?:ر\d+)?"
_TOKEN = re.compile(rf"{DIGITS}|[^\W\d_]+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ZERO_THOUSANDS = re.compile(r"\d{1,3}(?:\.000)+")  # "20.000 عبوة": no decimal is written with three zeros
_DOTTED_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3}){2,}")  # "1.250.000 طن": no decimal has two points
_LOOSE_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{1,3}){2,}")  # groups cut short by a tokeniser: "1,250,0"
PROCLITIC = "[وف]?[بلك]?"
_PROCLITIC = re.compile(PROCLITIC)


def parse_digits(written: str) -> float | None:
    """ "5,000" / "5٬000" -> 5000, "2.5" / "٢٫٥" -> 2.5 (input already normalised or not)."""
    if written.isascii() and written.isdigit():
        return float(written)  # the common case, without a normalising pass
    text = normalize(written).strip()
    if "ر" in text:
        return _reversed_decimal(text)
    if (
        _THOUSANDS.fullmatch(text)
        or _ZERO_THOUSANDS.fullmatch(text)
        or _LOOSE_THOUSANDS.fullmatch(text)
        or _DOTTED_THOUSANDS.fullmatch(text)
    ):
        text = text.replace(",", "").replace(".", "")  # "5,000"; "20.000" (a dot, then zeros); "764,556,63"
    elif text.count(",") == 1 and "." not in text:  # a decimal comma: "2,5"
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


_DOT_THOUSAND = re.compile(r"[1-9]\d{0,2}\.\d{3}")


def dot_thousands(digits: str) -> float | None:
    """ "1.200" read with its dot parting thousands (1200), as much Arabic news writes counts;
    None for any other writing. parse_digits reads "1.200" as 1.2: only the counted thing says
    which is meant (quantities.py)."""
    return float(digits.replace(".", "")) if _DOT_THOUSAND.fullmatch(digits) else None


def _reversed_decimal(text: str) -> float | None:
    """ "7ر5" -> 5.7, "935ر6" -> 6.935, "000ر22" -> 22000 (a fraction of zeros is a thousands group)."""
    fraction, _, whole = text.partition("ر")
    if not (fraction.isdigit() and whole.isdigit()):
        return None
    if fraction == "000":
        return float(whole + fraction)
    return float(f"{whole}.{fraction}")


# Words that look like clitic + number word but are something else: "لست" (I am not).
NOT_NUMBERS = frozenset({"لست", "ولست", "فلست", "لستم"})


@lru_cache(maxsize=16384)  # a pure lookup, asked again for every noun after a number
def word_value(word: str, first: bool = True) -> tuple[str, float] | None:
    """The number word inside a (normalised) token, without its clitics, and its value.

    "بمليون" -> ("مليون", 1e6), "وعشرون" -> ("عشرون", 20); the definite article is
    accepted on vague words only ("العشرات", "الآلاف"): "السبعين" is an ordinal use.
    """
    if word in NOT_NUMBERS:
        return None
    if first:
        cuts = range(0, _PROCLITIC.match(word).end() + 1)
    else:
        cuts = (0, 1) if word.startswith("و") else (0,)
    for cut in cuts:
        rest = word[cut:]
        if rest in NUMBER_WORDS:
            return rest, NUMBER_WORDS[rest]
        bare = rest[2:]
        if rest.startswith("ال") and (bare in VAGUE or SCALES.get(bare, (0, ""))[1] == "plural"):
            return rest, NUMBER_WORDS[bare]
    return None


def _is_dual_noun(word: str) -> bool:
    """ "ساعتين", "عامين" (two hours, two years): a noun in the dual."""
    return len(word) >= 4 and word.endswith(("ين", "ان")) and word not in NUMBER_WORDS


@lru_cache(maxsize=16384)  # numbers repeat across a corpus: "10", "2019", "ملايين"
def parse_number(phrase: str, normalized: bool = False) -> float | None:
    """The value of an Arabic number phrase, or None when it is not one.

    "5 ملايين" -> 5e6, "خمسة وعشرون" -> 25, "ثلاث مئة" -> 300, "ألفين" -> 2000,
    "بمليون" -> 1e6, "مليون ونصف" -> 1.5e6, "عام ونصف" -> 1.5, "عشرات" -> 10.
    `normalized`: the phrase comes from analysis.text.normalize already (saves a pass).
    """
    norm = phrase if normalized else normalize(phrase)
    tokens = _TOKEN.findall(norm)
    if len(tokens) > 1 and tokens[1][0].isdigit() and _PROCLITIC.fullmatch(tokens[0]):
        tokens = tokens[1:]  # "بـ5 ملايين": a preposition written before digits
    if not tokens:
        return None
    if "من" in tokens or "علي" in tokens:
        return _parse_ratio(tokens)
    # "عام ونصف", "ساعتين ونصف": a counted noun and a half
    if (
        len(tokens) in (2, 3)
        and tokens[-1] in ("ونصف", "نصف")
        and (len(tokens) == 2) == (tokens[-1] == "ونصف")
        and (len(tokens) == 2 or tokens[1] == "و")
        and word_value(tokens[0]) is None
        and not tokens[0][0].isdigit()
    ):
        return 2.5 if _is_dual_noun(tokens[0]) else 1.5

    return _parse_tokens(tokens)


def _rank(word: str) -> str:
    if word in SCALES:
        return "scale"
    if word in HUNDREDS or word in HUNDRED_WORDS:
        return "hundred"
    if word in TENS:
        return "tens"
    if word in UNITS:
        return "unit"
    return "other"  # fractions, vague words


# Which component may follow which after "و": bigger first, except a unit before its tens
# ("خمسة وعشرون"); "ستة وثمانية" and "مئتان وسبعة ومئتان" are two numbers, not one.
_FOLLOWS = {
    "unit": {"tens", "other"},
    "tens": {"other"},
    "hundred": {"unit", "tens", "other"},
}


def _may_follow(previous: str, rank: str) -> bool:
    return previous not in _FOLLOWS or rank in _FOLLOWS[previous]


def _parse_tokens(tokens: list[str]) -> float | None:
    """The value of tokens that make one number (no "من"/"على" ratio)."""
    total = 0.0  # finished groups (multiplied by a scale)
    current = 0.0  # the group being read
    last_scale = 0
    previous = ""  # kind of the previous token
    last_added = 0.0  # the last unit or digits added to `current`
    joined = False  # the previous token was a bare "و"
    last_rank = ""  # rank of the last word component: unit, tens, hundred, scale
    for index, token in enumerate(tokens):
        if token == "و":
            joined = True
            continue
        if token[0].isdigit():
            value = parse_digits(token)
            if value is None or previous in ("digits", "unit"):
                return None
            current += value
            last_added = value
            previous, joined = "digits", False
            continue
        if not joined and index > 0 and token.startswith("و") and token not in NUMBER_WORDS:
            joined = True
        found = word_value(token, first=index == 0)
        if found is None:
            return None
        word, value = found
        bare = word[2:] if word.startswith("ال") and word not in NUMBER_WORDS else word
        rank = _rank(bare)
        numerator = index + 1 < len(tokens) and tokens[index + 1] in FRACTION_PLURALS  # "و تسعة أعشار"
        if joined and not numerator and not _may_follow(last_rank, rank):
            return None  # "ستة وثمانية", "أربعون وتسعة": not one number (a decimal's two parts)
        last_rank = rank
        if bare in SCALES:
            scale, number = SCALES[bare]
            if number == "dual":
                current = current or 2
            elif current == 0:
                current = 1  # "ألف" one thousand; "آلاف" alone: thousands (vague)
            total += current * scale
            current, last_scale = 0.0, scale
            previous = "scale"
        elif bare in VAGUE:
            current = current * value if current else value
            previous = "vague"
        elif bare in HUNDRED_WORDS:
            if 0 < current < 10 and not joined:
                current *= 100  # "ثلاث مئة"
            else:
                current += 100
            previous = "hundred"
        elif bare in FRACTIONS:
            if joined and previous == "scale":
                total += value * last_scale  # "مليون ونصف"
            elif not joined and previous in ("unit", "digits") and bare in FRACTION_PLURALS:
                current += last_added * (value - 1)  # "ثلاثون وتسعة أعشار" -> 30 + 0.9
            else:
                current += value  # "خمسة ونصف", "نصف" (then "نصف مليون")
            previous = "fraction"
        else:
            current += value
            last_added = last_added + value if previous == "unit" and not joined else value  # "ثلاثة عشر"
            previous = "unit"
        joined = False
    return round(total + current, 6)  # "4.1 مليون" -> 4100000, not 4099999.9999999995


_POWERS_OF_TEN = {10, 100, 1000, 10_000, 100_000, 1_000_000}


def _parse_ratio(tokens: list[str]) -> float | None:
    """ "ستة وثمانية وثمانون من مئة" -> 6.88 (a decimal read out), "ستة عشر و سبعة عشر على
    ثلاثة" -> 16 + 17/3; the whole part is the longest that leaves a valid numerator."""
    at = max(i for i, t in enumerate(tokens) if t in ("من", "علي"))
    decimal = tokens[at] == "من"
    denominator = _parse_tokens(tokens[at + 1 :]) if at + 1 < len(tokens) else None
    left = tokens[:at]
    if not denominator or not left or (decimal and denominator not in _POWERS_OF_TEN):
        return None
    for cut in range(len(left) - 1, 0, -1):  # shortest numerator first
        token = left[cut]
        if token == "و":
            numerator_tokens, whole_tokens = left[cut + 1 :], left[:cut]
        elif token.startswith("و") and token not in NUMBER_WORDS:
            numerator_tokens, whole_tokens = [token[1:], *left[cut + 1 :]], left[:cut]
        else:
            continue
        numerator = _parse_tokens(numerator_tokens) if numerator_tokens else None
        whole = _parse_tokens(whole_tokens)
        if numerator is None or whole is None or not float(numerator).is_integer():
            continue
        if decimal and numerator >= denominator:
            continue
        return round(whole + numerator / denominator, 6)
    if decimal:
        return None  # "ثمانية من عشرة": eight out of ten, not 0.8
    numerator = _parse_tokens(left)
    return None if numerator is None else round(numerator / denominator, 6)
