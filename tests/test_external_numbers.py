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
    print(f"\nNeMo Arabic numbers: {passed}/{len(cases)} = {passed / len(cases):.1%}  ("
          + ", ".join(f"{k} {ok}/{n}" for k, (ok, n) in by_kind.items()) + ")")
    for case, got in failures:
        print(f"  {case.kind:8} {case.words!r} ~ {case.written!r}: expected {case.expected:g}, got {got}")
    assert len(cases) == 238
    assert passed >= NEMO_FLOOR
