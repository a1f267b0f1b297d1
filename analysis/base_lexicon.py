"""The base lexicon of countries and territories, generated from CLDR (through babel).

Every territory CLDR names in Arabic becomes a place row with its ISO code in the id's
source: "RU" -> russia, روسيا, nisba روسي. CLDR has no nisba (adjective), so it is derived
from the name by rule where the name is regular ("روسيا" -> "روسي", "مصر" -> "مصري",
"كوريا الشمالية" -> "كوري شمالي") and taken from data/territory_overrides.csv where it is not
(أفغانستان -> أفغاني, النمسا -> نمساوي), which also adds the names Arabic news uses besides
CLDR's (السعودية، الإمارات، فلسطين) and drops names that are ordinary words (مالي، بنين).

    python -m analysis.base_lexicon        # writes data/base_entities.csv

The output is reproducible: the same babel version and overrides give the same file
(tests/test_base_lexicon.py checks the committed file against a fresh run).
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from pathlib import Path

from .corpus import DATA_DIR

BASE_FILE = DATA_DIR / "base_entities.csv"
OVERRIDES_FILE = DATA_DIR / "territory_overrides.csv"
COLUMNS = ["id", "type", "name_ar", "name_en", "wikidata", "aliases", "short_forms", "nisba", "iso"]
# CLDR codes that are no place a news story names: the world, pseudo-locales, unknown region.
NOT_PLACES = {"001", "XA", "XB", "ZZ", "QO", "EZ"}
_DIRECTIONS = ("الشمالية", "الجنوبية", "الشرقية", "الغربية", "الاستوائية")
_PARENS = re.compile(r"\s*\(([^)]*)\)")
_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")


def slug(english: str) -> str:
    """ "Côte d’Ivoire" -> "cote_d_ivoire"; "St. Kitts & Nevis" -> "st_kitts_nevis"."""
    ascii_name = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def derive_nisba(name: str) -> str:
    """The masculine singular adjective of a regular one-word (or "X الـ...ية") country name,
    or "" where no rule holds: "روسيا" -> "روسي", "فرنسا" -> "فرنسي", "العراق" -> "عراقي",
    "باكستان" -> "باكستاني", "كوريا الشمالية" -> "كوري شمالي"; "جنوب أفريقيا" -> ""."""
    words = _DIACRITICS.sub("", name).split()
    if not words or len(words) > 2:
        return ""
    first = _nisba_of_word(words[0])
    if not first:
        return ""
    if len(words) == 1:
        return first
    if words[1] in _DIRECTIONS:  # كوريا الشمالية -> كوري شمالي
        return f"{first} {words[1][2:-1]}"
    return ""  # "غويانا الفرنسية" is French, not a nisba of its own


def _nisba_of_word(word: str) -> str:
    stem = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if stem.endswith("يا"):
        return stem[:-1]  # روسيا -> روسي
    if stem.endswith("ا"):
        return stem[:-1] + "ي"  # فرنسا -> فرنسي
    if stem.endswith(("ة", "و", "-")):
        return ""
    if stem.endswith("ي"):
        return stem  # جيبوتي
    return stem + "ي"  # مصر -> مصري، لبنان -> لبناني


def read_overrides(path: Path = OVERRIDES_FILE) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["iso"]: row for row in csv.DictReader(f)}


def territory_rows(overrides: dict[str, dict] | None = None) -> list[dict]:
    """One row per CLDR territory (NOT_PLACES aside), id from its English name."""
    import babel  # only the generator needs it

    overrides = read_overrides() if overrides is None else overrides
    arabic, english = babel.Locale("ar").territories, babel.Locale("en").territories
    rows = []
    for code in sorted(arabic):
        if code in NOT_PLACES:
            continue
        extra = overrides.get(code, {})
        if extra.get("skip") == "yes":
            continue
        name = arabic[code]
        names = [_PARENS.sub("", name).strip(), *_PARENS.findall(name)]  # "ميانمار (بورما)"
        names = [n.replace(" - ", " ") for n in names]  # "الكونغو - كينشاسا"
        if extra.get("drop_cldr_names") == "yes":
            names = []
        aliases = _unique(names + _split(extra.get("aliases")))
        nisba = extra.get("nisba") or ("" if not code.isalpha() else derive_nisba(names[0] if names else name))
        if nisba == "-":
            nisba = ""
        rows.append(
            {
                "id": extra.get("id") or slug(english[code]),
                "type": extra.get("type") or "place",
                "name_ar": extra.get("name_ar") or (aliases[0] if aliases else name),
                "name_en": english[code],
                "wikidata": extra.get("wikidata", ""),
                "aliases": "|".join(aliases),
                "short_forms": extra.get("short_forms", ""),
                "nisba": nisba,
                "iso": code,
            }
        )
    return rows


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split("|") if p.strip()]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def render(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else BASE_FILE
    rows = territory_rows()
    target.write_text(render(rows), encoding="utf-8")
    print(f"{len(rows)} territories -> {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
