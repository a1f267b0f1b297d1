"""External checks of number reading, on data written by others and read in place from
../shared/data: NVIDIA NeMo's Arabic number cases (all five kinds) and the Wojood NER sample's
number tags. Each test prints its figures and the cases it misses, and asserts the floor
measured in Nov 2026 so that a regression fails (figures also in README)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.corpus import Article
from analysis.numbers import parse_number
from analysis.quantities import extract_quantities

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
NEMO = DATA / "nemo-ar-numbers"
WOJOOD = DATA / "wojood-sample"
KINDS = ("cardinal", "decimal", "fraction", "measure", "money")
SUBUNITS = ("سنت", "سنتات", "سنتا")  # "عشرون سنت" is 20 cents: $0.20


@dataclass(frozen=True)
class NemoCase:
    kind: str
    words: str
    written: str

    @property
    def expected(self) -> float:
        """The value of the written side: "$7.50" -> 7.5, "%6798,9" -> 6798.9 (NeMo's decimal
        comma), "16 17/3" -> 16 + 17/3, "د.ك5" -> 5."""
        fraction = re.search(r"(?:(\d+) )?(\d+)/(\d+)", self.written)
        if fraction:
            whole, top, bottom = fraction.groups()
            return int(whole or 0) + int(top) / int(bottom)
        return float(re.search(r"\d+(?:[.,]\d+)?", self.written).group().replace(",", "."))


def nemo_cases() -> list[NemoCase]:
    """Every case of the five kinds, itn/ and tn/; the side with digits is the written one."""
    cases = []
    for folder in ("itn", "tn"):
        for kind in KINDS:
            for line in (NEMO / folder / f"test_cases_{kind}.txt").read_text(encoding="utf-8").splitlines():
                if "~" not in line:
                    continue
                left, right = (part.strip() for part in line.split("~", 1))
                written, words = (left, right) if re.search(r"\d", left) else (right, left)
                cases.append(NemoCase(kind, words, written))
    return cases


def nemo_reading(case: NemoCase) -> float | None:
    """Numbers alone through parse_number; sums and percentages through extract_quantities
    (one quantity of the right category, covering the whole phrase)."""
    if case.kind in ("cardinal", "decimal", "fraction"):
        return parse_number(case.words)
    spans = extract_quantities(Article(id="nemo", text=case.words))
    if len(spans) != 1 or spans[0].text != case.words:
        return None
    span = spans[0]
    if case.kind == "money" and span.label != "money":
        return None
    if case.kind == "measure" and "%" in case.written and span.label != "percent":
        return None
    value = float(span.data["value"])
    return value / 100 if span.data["noun"] in SUBUNITS else value


# Measured: 229 of 238 (Nov 2026). The misses: "خمس", "سبع", "سبعين" are read as the counts 5, 7
# and 70 (in news they are; NeMo means 1/5, 1/7, 2/7), "ثمن" (1/8) is left alone (it is also "a
# price"), and "واحد درهم إماراتي وعشرون" (1.20 with the fils unsaid) is not read.
NEMO_FLOOR = 229


@pytest.mark.skipif(not NEMO.is_dir(), reason="../shared/data/nemo-ar-numbers is absent")
def test_nemo_pass_rate():
    cases = nemo_cases()
    failures = []
    by_kind: dict[str, list[int]] = {}
    for case in cases:
        got = nemo_reading(case)
        ok = got is not None and got == pytest.approx(case.expected, abs=1e-6)
        by_kind.setdefault(case.kind, [0, 0])[0] += ok
        by_kind[case.kind][1] += 1
        if not ok:
            failures.append((case, got))
    passed = len(cases) - len(failures)
    print(
        f"\nNeMo Arabic numbers: {passed}/{len(cases)} = {passed / len(cases):.1%}  ("
        + ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in by_kind.items())
        + ")"
    )
    for case, got in failures:
        print(f"  {case.kind:8} {case.words!r} ~ {case.written!r}: expected {case.expected:g}, got {got}")
    assert len(cases) == 238
    assert passed >= NEMO_FLOOR


# ---------------------------------------------------------------- Wojood

NUMBER_TAGS = ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
WRONG_TAGS = ("DATE", "TIME", "ORDINAL")  # a quantity here is a mistake


def wojood_sentences() -> list[tuple[str, dict[str, list[tuple[int, int]]]]]:
    """Each sentence of the sample as text (tokens joined by spaces; "10 , 0" rejoined as
    "10,0": the sample's tokeniser split the thousands separator) and its tagged spans by
    type (outer and nested tags alike), as character offsets."""
    sentences = []
    for name in ("train.txt", "val.txt", "test.txt"):
        for block in (WOJOOD / name).read_text(encoding="utf-8").split("\n\n"):
            rows = [line.split() for line in block.splitlines() if line.strip()]
            text, spans, open_spans = "", {}, {}
            for i, (token, *tags) in enumerate(rows):
                glue = (
                    ""
                    if i
                    and token == ","
                    and rows[i - 1][0].isdigit()
                    or i > 1
                    and rows[i - 1][0] == ","
                    and token.isdigit()
                    and rows[i - 2][0].isdigit()
                    else " "
                )
                start = len(text) + (len(glue) if text else 0)
                text = (text + glue if text else "") + token
                for tag in tags:
                    kind, _, label = tag.partition("-")
                    if kind == "B":
                        open_spans[label] = [start, len(text)]
                        spans.setdefault(label, []).append(open_spans[label])
                    elif kind == "I" and label in open_spans:
                        open_spans[label][1] = len(text)
                for label in list(open_spans):
                    if not any(t.endswith("-" + label) for t in tags):
                        del open_spans[label]
            if text:
                sentences.append((text, {k: [tuple(s) for s in v] for k, v in spans.items()}))
    return sentences


# Measured Nov 2026 (printed by the test): 126 number tags; 96 of the 107 CARDINAL tags read by
# parse_number (the rest: "الثلاث" used as an adjective, "ثلثهم", dialect "نص"/"تلات", a qualifier
# inside the tag, digits split by the tokeniser); 96 tags (76%) inside a claim extract_quantities
# finds (Wojood also tags bare counts: "اثنين منهم", list numbers, "إعلان 61"); 3 claims on a
# date/ordinal tag (a footnote number before a name, "الذكرى 58 حرب"). Dec 2026: 98 of 107 read
# (thousands cut short by the tokeniser, "1,250,0"); 4 on a date tag: "منذ بداية يناير / كانون
# الثاني 919 استشارة طبية" is 919 consultations, the tag reaching into the count.
WOJOOD_FLOORS = {"read": 0.91, "found": 0.76, "wrong": 4}  # read 98/107 since thousands cut short ("1,250,0") are read


@pytest.mark.skipif(not WOJOOD.is_dir(), reason="../shared/data/wojood-sample is absent")
def test_wojood_number_tags():
    tagged = cardinals = read = found = claims = on_number = durations = wrong = 0
    money = money_ok = 0
    missed, mistaken = [], []
    for text, spans in wojood_sentences():
        quantities = extract_quantities(Article(id="w", text=text))
        claims += len(quantities)
        for label in NUMBER_TAGS:
            for s, e in spans.get(label, []):
                tagged += 1
                if label == "CARDINAL":
                    cardinals += 1
                    read += parse_number(text[s:e]) is not None
                hits = [q for q in quantities if q.overlaps(s, e)]
                found += bool(hits)
                if label == "MONEY":
                    money += 1
                    money_ok += any(q.label == "money" for q in hits)
                if not hits:
                    missed.append(f"{label}: {text[s:e]!r} in …{text[max(0, s - 30) : e + 30]}…")
        for q in quantities:
            if any(q.overlaps(s, e) for label in NUMBER_TAGS for s, e in spans.get(label, [])):
                on_number += 1
            elif any(q.overlaps(s, e) for label in WRONG_TAGS for s, e in spans.get(label, [])):
                if q.label == "time":  # "ثلاث سنوات": a duration, tagged DATE by Wojood
                    durations += 1
                    continue
                wrong += 1
                mistaken.append(q.text)
    print(
        f"\nWojood sample: {tagged} number tags ({', '.join(NUMBER_TAGS)}); "
        f"CARDINAL read as a number {read}/{cardinals} ({read / cardinals:.0%}); inside a quantity claim {found} ({found / tagged:.0%}); "
        f"MONEY as money {money_ok}/{money}"
    )
    print(
        f"  {claims} claims found: {on_number} on a number tag, {durations} durations Wojood tags as "
        f"DATE/TIME, {wrong} others on a date/time/ordinal tag, {claims - on_number - durations - wrong} "
        "on untagged text"
    )
    print("  claims on a date/time/ordinal tag: " + " | ".join(mistaken))
    print("  first tags missed:\n    " + "\n    ".join(missed[:25]))
    assert tagged == 126
    assert read / cardinals >= WOJOOD_FLOORS["read"]
    assert found / tagged >= WOJOOD_FLOORS["found"]
    assert wrong <= WOJOOD_FLOORS["wrong"]
