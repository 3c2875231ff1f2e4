"""The figure grammar: find and read the numeric figures written in English news prose.

A *figure* is a written quantity together with the hedge the writer put on it: "at least 250",
"roughly 10%", "between 3,922 and 4,294", "several dozen", "more than double the 150". This module
only recognises and reads figures; deciding which of them are claims (rather than years, dates,
ages or times) is the job of the extraction layer, which can see the context.

Rules of the grammar, including the choices made for ambiguous cases:

* Digits use English conventions only: "4,000", "1,234,567", "3.5", "0.75", and the South
  Asian grouping of lakhs and crores in twos ("14,70,197" is 1,470,197). A leading point
  (".5") is not read, and neither are signs ("-5" gives no figure). A number never splits a
  token: there is no figure in "4th", "2015s", "G7", "COVID-19", "10:30" or "1,2,3".
* Number words run from "zero" to the trillions ("twenty-one", "one hundred and fifty",
  "a thousand", "two million", "half a million"). "a dozen", "two dozen" and "half a dozen" are
  read as approximate (12, 24, 6). A number word joined by a hyphen to a following word
  ("one-off", "seven-year-old") is not a figure; digits in the same position are ("a 300-page
  report" gives 300).
* Scales after digits: "thousand", "million", "billion", "trillion", the South Asian "lakh"
  (100,000) and "crore" (10 million), and the abbreviations "k", "m"/"mn"/"mln", "bn"/"bln",
  "tn"/"trn", glued or spaced ("1.2bn", "£3m", "5.4 million", "Rs 8,316 crore").
  An "m" is a million unless it reads as metres (below).
* A hedge phrase before the number ("about", "at least", "more than", "up to", "fewer than", ...)
  is part of the figure's text. Bounds for a value v: exact and approximately give v..v (any
  widening is done elsewhere); at_least and more_than give v..open; at_most and less_than give
  open..v (**"up to 50" has an open lower bound, not 0**).
* Ranges ("between X and Y", "between X to Y", "from X to Y", "X to Y", "X-Y", "X–Y", "X—Y",
  and "X or Y" for word numbers below 100 such as "two or three") have hedge range, even after a
  hedge word. A unit or currency written on one end applies to both ("10-15%", "£2-3m"); a scale
  written on the upper end applies to the lower end when that keeps low <= high ("between 3 and
  4 million" is 3000000..4000000, "between 500 and 2 million" is 500..2000000). Ends that are
  out of order, or in different units, are not a range: they are read as two figures ("2015-16",
  "fell from 6,000 to 4,000"); only "between" is order-free. "10 and 20" and "10 or 20" are
  two figures.
* Fractions are percentages. Terminating ones are exact ("half" 50, "a quarter" 25, "one in
  five" 20, "one in every two" 50, "nine out of ten" 90); others are rounded to three
  significant digits and marked approximately ("a third" 33.3, "two-thirds" 66.7; "more than
  a third" is more than 33.3).
  A four-digit denominator without a thousands separator looks like a year, so "one in 2015"
  is not a fraction.
* Multiples ("twice", "double", "triple", "treble", "quadruple", "N times", and "half" before a
  determiner: "half the 400") multiply the inner figure exactly; the inner figure is reported
  too, and is the outer figure's ``multiple_of``.
* Money: a currency symbol or code before the digits ("£", "$", "US$", "$US", "A$", "RM", "€",
  "¥", "₹", "USD", ...) or a currency word after ("euros", "dollars", "pounds", "pounds
  sterling", "yen"). "pounds" is read as money (sterling); weights in pounds must be written
  "lb"/"lbs".
* Measurement units after the number, spaced or glued, belong to the figure and are normalised
  ("120 kilometres" gives "km", "256GB" "GB", "640bhp" "hp"); counted nouns ("people") do not.
  A bare number has unit "count".
* "m" glued to a number is a million ("37m people"), unless a length word follows: "a 37m
  cliff", "a 50m-high tower", "the 100m sprint" are metres. Set apart ("within 100 m of"),
  it is metres unless what it counts follows ("1.2 m people").
* A share of a scale is a count ("a quarter of a million" is 250,000, "half of a million"
  500,000) and so is a whole and a half before a scale ("one and a half million").
* Ranges written "1000 - 5000", "20~100", "20 through 100", and bounds on both sides ("above
  100 and below 300", "at least 5 and at most 10") are one range. Symbols before the number
  are hedges: "≥ 50", ">= 50" at_least, "> 300" more_than, "≤"/"<=" at_most, "<" less_than,
  "~25" approximately; so are "exceeds", "greater than or equal to", "less than or equal to".
* A factor written "-fold" is a figure in "times" ("a four-fold increase" 4, "a 2.5-fold rise"
  2.5, "tenfold" 10), and so is a verb of multiplying ("doubled" 2, "more than tripled" more
  than 3; not "doubled as" or "doubled down").
* Shorthand money and scales: pence ("164p" is £1.64), a glued "b" after a currency ("$4.2b";
  "Article 2b" is no figure), a glued scale word ("$1million") and "mil" ("2mil"). A fraction
  in digits before "of" is a share ("3/4 of the budget" 75%); alone, "1/2" may be a date.
* A hedge after the number: "2 million-plus" and "10,000+" are more_than, "300 or more" and
  "65 and over" at_least, "50 or fewer" at_most ("1,000 plus 200" is a sum).
* A minus sign ("-5C", "minus 40", or U+2212) before a number, after a space or a bracket,
  makes it negative ("about -3%", "more than -5C", "-5 to -3" too); a hyphen between numbers
  ("10-12", "3-1") is never a sign, and a range signed on one side only is not read.
* Vague amounts have hedge vague and the bounds in ``VAGUE_AMOUNTS`` ("scores" and "a couple"
  only when followed by "of", since they are also a verb and a pair of people). "several" and
  "many" alone are not figures. A hedge before a
  vague amount keeps only the side it asserts: "more than a few" is more_than 2..open.

``VAGUE_AMOUNTS``, the one table of vague-amount bounds:

| phrase                | low             | high            |
|-----------------------|-----------------|-----------------|
| a couple              | 2               | 3               |
| a couple of hundred   | 200             | 300             |
| a couple of thousand  | 2000            | 3000            |
| a couple of million   | 2000000         | 3000000         |
| a few                 | 2               | 9               |
| a handful             | 2               | 9               |
| dozens                | 24              | 99              |
| several dozen         | 24              | 99              |
| a few dozen           | 24              | 99              |
| scores                | 40              | 99              |
| hundreds              | 100             | 999             |
| several hundred       | 200             | 999             |
| a few hundred         | 200             | 999             |
| thousands             | 1000            | 9999            |
| several thousand      | 2000            | 9999            |
| a few thousand        | 2000            | 9999            |
| tens of thousands     | 10000           | 99999           |
| hundreds of thousands | 100000          | 999999          |
| millions              | 1000000         | 9999999         |
| several million       | 2000000         | 9999999         |
| a few million         | 2000000         | 9999999         |
| tens of millions      | 10000000        | 99999999        |
| hundreds of millions  | 100000000       | 999999999       |
| billions              | 1000000000      | 9999999999      |
| several billion       | 2000000000      | 9999999999      |
| tens of billions      | 10000000000     | 99999999999     |
| hundreds of billions  | 100000000000    | 999999999999    |

>>> [(f.text, format_decimal(f.low)) for f in find_figures("Some 1,200 fled; 3m stayed.")]
[('Some 1,200', '1200'), ('3m', '3000000')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, Inexact
from enum import StrEnum
from math import prod
from types import MappingProxyType
from typing import Any

from provenance._figure_words import (
    CURRENCY_PREFIXES,
    FRACTION_DENOMINATORS,
    HEDGE_PHRASES,
    MULTIPLIERS,
    SCALES,
    SMALL_NUMBERS,
    UNIT_WORDS,
    VAGUE_TABLE,
)

__all__ = [
    "VAGUE_AMOUNTS",
    "Figure",
    "FigureError",
    "Hedge",
    "find_figures",
    "format_decimal",
    "parse_figure",
]


class Hedge(StrEnum):
    """How the writer qualified a figure."""

    EXACT = "exact"
    APPROXIMATELY = "approximately"
    RANGE = "range"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    VAGUE = "vague"


class FigureError(ValueError):
    """Text that does not read as exactly one figure; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as written: ``text == source[start:end]``; ``None`` bounds are open."""

    text: str
    start: int
    end: int
    low: Decimal | None
    high: Decimal | None
    hedge: Hedge
    unit: str
    multiple_of: Figure | None = None


VAGUE_AMOUNTS: Mapping[str, tuple[Decimal, Decimal]] = MappingProxyType(
    {phrase: (Decimal(low), Decimal(high)) for phrase, low, high in VAGUE_TABLE}
)

# ---------------------------------------------------------------------------------------------
# Decimal helpers. Every value goes through _EXACT, whose precision never rounds.

_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
_ONE = Decimal(1)


def _canon(value: Decimal) -> Decimal:
    if value == value.to_integral_value():
        return value.quantize(_ONE, context=_EXACT)  # no exponent, no fractional zeros
    return _EXACT.normalize(value)


def format_decimal(value: Decimal) -> str:
    """Canonical plain string for a value: no exponent, no trailing fractional zeros.

    >>> format_decimal(Decimal("4E+3")), format_decimal(Decimal("1.50")), format_decimal(Decimal(0))
    ('4000', '1.5', '0')
    """
    if not value.is_finite():
        raise ValueError(f"cannot format the non-finite value {value}")
    if value.is_zero():
        return "0"
    return format(_canon(value), "f")


# ---------------------------------------------------------------------------------------------
# The grammar, compiled once. Text matched case-insensitively is folded with _key() before any
# table lookup: re's IGNORECASE also lets these four non-ASCII letters match ASCII ones.

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _key(phrase: str) -> str:
    return " ".join(phrase.translate(_FOLD).lower().split())


def _alt(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, any run of whitespace between words."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_CASE_VARIANTS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}  # as re's IGNORECASE


def _trie(phrases: Mapping[str, str]) -> str:
    """Regex for these lower-case phrases in any letter case, each followed by its own regex.

    Factored by common prefix, with a character class per letter, and no re.IGNORECASE: several
    times faster at rejecting a word than an alternation. Spaces match any run of whitespace.
    """
    tree: dict[str, Any] = {}
    for phrase, then in phrases.items():
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = then

    def atom(char: str) -> str:
        if char == " ":
            return r"\s+"
        if not char.isalpha():
            return re.escape(char)
        return f"[{char}{char.upper()}{_CASE_VARIANTS.get(char, '')}]"

    def emit(node: dict[str, Any]) -> str:
        branches = [atom(char) + emit(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append(node[""])
        return f"(?:{'|'.join(branches)})"

    return emit(tree)


_ONES = "one|two|three|four|five|six|seven|eight|nine"
_BELOW_100 = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{_ONES}))?"
    rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_ONES}|zero)"
)
_HUNDREDS = rf"(?:a|{_BELOW_100})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?"
_GROUP = rf"(?:{_HUNDREDS}|{_BELOW_100})"
_SCALE_WORD = "thousand|million|billion|trillion"
# "two million three hundred thousand", "one thousand and one"; never "two million and three
# million" (that is two figures).
_SCALED = (
    rf"\s+(?:{_SCALE_WORD})(?:\s+{_GROUP}\s+(?:{_SCALE_WORD}))*"
    rf"(?:\s+and\s+{_GROUP}|\s+{_HUNDREDS})?(?!\s+(?:hundred|dozen|{_SCALE_WORD})\b)"
)
_WORD_NUMBER = (
    rf"(?:half\s+a\s+(?:dozen|{_SCALE_WORD})"
    rf"|{_GROUP}(?:\s+dozen|{_SCALED})?|a(?:\s+dozen|{_SCALED}))"
)
# Indian grouping first ("14,70,197" is 1,470,197: lakhs and crores grouped in twos), then
# thousands, then bare digits.
_DIGITS = (
    r"(?>[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?)(?![.,:/]?[0-9])"
)
_CURRENCY = rf"(?-i:{_alt(k for k in CURRENCY_PREFIXES if len(k) > 1)}\.?)|[$£€¥₹]"
_SCALE = (
    r"\s?(?:bn|bln|tn|trn|mn|mln|m)|k|\s+(?:thousand|million|billion|trillion|lakhs?|crores?)"
    r"|\s+hundred(?:\s+(?:thousand|million|billion|trillion))?"  # "4 hundred million"
)

# One quantity: a number with its currency, scale and unit. Named groups are for its own
# pattern; the master pattern embeds the same text with the names removed.
_QTY_SOURCE = rf"""
    (?: (?:(?P<cur>{_CURRENCY})\s?)? (?P<digits>{_DIGITS}) (?P<scale>{_SCALE})?
      | (?P<words>{_WORD_NUMBER})(?![\w-]) )
    (?: \s?(?P<unit>{_alt(UNIT_WORDS)}) | (?P<unit_c>(?-i:C|F)) )?
    (?!\w)
"""
_FLAGS = re.IGNORECASE | re.VERBOSE
_Q = re.sub(r"\?P<\w+>", "?:", _QTY_SOURCE)

_DET = r"(?:the|that|this|those|these)"
_DASH = r"(?:[-—]|\s?–\s?)"
_FRACTION = (
    rf"(?:a|{_ONES})(?:\s+|-)(?:{_alt(FRACTION_DENOMINATORS)})"
    rf"|half(?!\s+a\s+(?:dozen|{_SCALE_WORD})\b)"
)
_ONLY_BEFORE_OF = frozenset({"scores", "a couple"})  # "scores of", "a couple of"
_VAGUE = "|".join(
    _alt([phrase]) + (r"(?=\s+of\b)" if phrase in _ONLY_BEFORE_OF else "")
    for phrase in sorted(VAGUE_AMOUNTS, key=len, reverse=True)
)

_FIGURE_BODY = rf"""
    (?:(?P<hedge>{_alt(HEDGE_PHRASES)})\s++)?
    (?:
        (?P<mul>{_alt(MULTIPLIERS)}|half(?=(?:\s+of)?\s+{_DET}\s)
               |(?P<times>{_BELOW_100}|[0-9]+(?:\.[0-9]+)?)\s+times)
        (?:\s+of|\s+as\s+(?:many|much)\s+as)? (?:\s+{_DET})? \s+(?P<inner>{_Q})
      | (?P<vague>{_VAGUE})(?![\w-])
      | (?P<fnum>{_BELOW_100}(?![\w-])|[0-9]{{1,2}}) \s+(?:in(?:\s+every)?|out\s+of(?:\s+every)?)\s+
        (?P<fden>{_WORD_NUMBER}(?![\w-])|[0-9]{{1,3}}(?:,[0-9]{{3}})*(?![0-9]|[.,][0-9]|\w))
      | (?P<frac>{_FRACTION})(?![\w-])
      | (?:(?P<between>between|from)\s+)?
        (?P<lo>{_Q}) (?:(?P<sep>{_DASH}|\s+(?:to|or|and)\s+)(?P<hi>{_Q}))?
        (?(between)(?(hi)|(?!)))            # "between" and "from" need both ends
    )
    (?![-–—]?[0-9])                         # never end inside a token
"""
_WORD_TOKEN = re.compile(r"[a-z]+")
_UNIT_OF = {_key(word): unit for word, unit in UNIT_WORDS.items()}
_HEDGE_OF = {_key(phrase): Hedge(hedge) for phrase, hedge in HEDGE_PHRASES.items()}
_NOT_AFTER = r"\w.,:/\-\u2212"  # a figure never starts right after one of these characters

# Speed: the candidate pattern finds the places worth trying the figure pattern at, ten times
# faster than searching with the figure pattern. Its first character (the one before the
# figure) lets re skip letters without entering the matcher, and its lookahead is a necessary
# condition: a figure opens with an optional hedge and "between"/"from", then a digit, a
# currency, or a word that can start a number, a multiple, a vague amount or a fraction ("a"
# only before a word that makes it one).
_OPENING_WORDS = (
    set(SMALL_NUMBERS) | set(MULTIPLIERS) | {"half"} | {p.split()[0] for p in VAGUE_AMOUNTS}
) - {"a"}
_AFTER_A = {p.split()[1] for p in VAGUE_AMOUNTS if p.startswith("a ")} | set(FRACTION_DENOMINATORS)
_AFTER_A |= {"dozen", "hundred"} | set(_SCALE_WORD.split("|"))
_WORD_END, _SPACE = r"(?!\w)", r"\s+"
_NUMBER_START = _trie(
    dict.fromkeys(_OPENING_WORDS, _WORD_END)
    | {f"a{gap}{w}": _WORD_END for w in _AFTER_A for gap in (" ", "-")}  # "a half", "a-half"
)
_CANDIDATE_SOURCE = rf"""[^{_NOT_AFTER}]
    (?={_trie(dict.fromkeys(HEDGE_PHRASES, _SPACE))}?
       {_trie(dict.fromkeys(["between", "from"], _SPACE))}?
       (?:[0-9$£€¥₹]|{_CURRENCY}|{_NUMBER_START}))
    """


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """One quantity, one figure, and a candidate place for a figure: compiled on first use, as
    commands that read no text should not wait for it, and kept on disk between runs."""
    from provenance.diskcache import compile_patterns

    quantity, figure, candidate = compile_patterns(
        "figure-grammar",
        [
            (_QTY_SOURCE, int(_FLAGS)),
            (rf"(?<![{_NOT_AFTER}]){_FIGURE_BODY}", int(_FLAGS)),
            (_CANDIDATE_SOURCE, int(re.VERBOSE)),
        ],
    )
    return quantity, figure, candidate


# ---------------------------------------------------------------------------------------------
# Reading what the patterns matched.


@dataclass(frozen=True, slots=True)
class _Qty:
    start: int
    end: int
    value: Decimal
    unit: str
    scale: Decimal | None  # the scale written last ("million" in "3.5 million"), if any
    words: bool
    approx: bool


def _word_value(phrase: str) -> tuple[Decimal, Decimal | None, bool]:
    """Value, trailing scale and approximate flag of a number written in words."""
    total = current = 0
    half = approx = False
    scale: int | None = None
    for token in _WORD_TOKEN.findall(_key(phrase)):
        scale = None
        if token == "half":
            half = True
        elif token == "a":
            current = 1
        elif token in SMALL_NUMBERS:
            current += SMALL_NUMBERS[token]
        elif token in ("hundred", "dozen"):
            current = max(current, 1) * (100 if token == "hundred" else 12)
            approx = approx or token == "dozen"
        elif token in SCALES:
            scale = SCALES[token]
            total, current = total + max(current, 1) * scale, 0
    value = Decimal(total + current)
    if half:
        value = _EXACT.multiply(value, Decimal("0.5"))
    return value, None if scale is None else Decimal(scale), approx


def _read_qty(text: str, start: int, end: int) -> _Qty:
    q = _patterns()[0].fullmatch(text, start, end)
    assert q is not None, "the master pattern embeds the quantity pattern"
    scale: Decimal | None = None
    if q["digits"] is not None:
        value = Decimal(q["digits"].replace(",", ""))
        if q["scale"] is not None:
            scale = Decimal(prod(SCALES.get(word, 100) for word in _key(q["scale"]).split()))
            value = _EXACT.multiply(value, scale)
        approx = False
    else:
        value, scale, approx = _word_value(q["words"])
    unit = "count"
    if q["cur"] is not None:
        unit = CURRENCY_PREFIXES[q["cur"].rstrip(".")]
    elif q["unit"] is not None:
        unit = _UNIT_OF[_key(q["unit"])]
    elif q["unit_c"] is not None:
        unit = "degC" if q["unit_c"] == "C" else "degF"
    return _Qty(start, end, _canon(value), unit, scale, q["digits"] is None, approx)


def _figure(
    text: str,
    span: tuple[int, int],
    value: Decimal,
    hedge: Hedge | None,
    approx: bool,
    unit: str,
    multiple_of: Figure | None = None,
) -> Figure:
    """A single-valued figure: the hedge decides which bounds are open."""
    value = _canon(value)
    low: Decimal | None = value
    high: Decimal | None = value
    if hedge in (Hedge.AT_LEAST, Hedge.MORE_THAN):
        high = None
    elif hedge in (Hedge.AT_MOST, Hedge.LESS_THAN):
        low = None
    elif hedge is None:
        hedge = Hedge.APPROXIMATELY if approx else Hedge.EXACT
    start, end = span
    return Figure(text[start:end], start, end, low, high, hedge, unit, multiple_of)


def _percent(numerator: Decimal, denominator: Decimal) -> tuple[Decimal, bool]:
    """numerator/denominator as a percentage, and whether it had to be rounded."""
    hundredfold = _EXACT.multiply(numerator, Decimal(100))
    context = Context(prec=28, Emin=MIN_EMIN, Emax=MAX_EMAX)
    value = context.divide(hundredfold, denominator)
    if context.flags[Inexact]:
        return Context(prec=3, Emin=MIN_EMIN, Emax=MAX_EMAX).divide(hundredfold, denominator), True
    return value, False


def _read_range(
    text: str, m: re.Match[str], lo: _Qty, hi: _Qty, hedge: Hedge | None, out: list[Figure]
) -> None:
    """Append the range lo..hi, or the two quantities as separate figures if it is not one."""
    low, high = lo.value, hi.value
    low_unit = hi.unit if lo.unit == "count" else lo.unit
    # A currency written once carries to the other end ("£2-3m"); a per cent sign written on
    # the low end only does not: "rose 2% to 670" is a change and a level, not a range.
    high_unit = lo.unit if hi.unit == "count" and lo.unit != "percent" else hi.unit
    if lo.scale is None and hi.scale is not None:
        scaled = _EXACT.multiply(low, hi.scale)
        low = scaled if scaled <= high else low
    between = m["between"] is not None and _key(m["between"]) == "between"
    if between and low > high:
        low, high = high, low
    if low_unit == high_unit and low <= high:
        start, end = m.span()
        figure = Figure(m[0], start, end, _canon(low), _canon(high), Hedge.RANGE, low_unit)
        out.append(figure)
        return
    _read_apart(text, m, lo, hi, hedge, out)


def _read_apart(
    text: str, m: re.Match[str], first: _Qty, second: _Qty, hedge: Hedge | None, out: list[Figure]
) -> None:
    """Append two quantities that looked like one figure as two; a hedge goes to the first."""
    if m["between"] is not None:
        hedge = None  # the hedge was on the range that was not
    start = first.start if hedge is None else m.start()
    out.append(_figure(text, (start, first.end), first.value, hedge, first.approx, first.unit))
    span = (second.start, second.end)
    out.append(_figure(text, span, second.value, None, second.approx, second.unit))


def _read_match(text: str, m: re.Match[str], out: list[Figure]) -> int:
    """Append the figures of one match; return where scanning resumes."""
    hedge = _HEDGE_OF[_key(m["hedge"])] if m["hedge"] is not None else None

    def qty(group: str) -> _Qty:
        return _read_qty(text, *m.span(group))

    if m["mul"] is not None:
        inner = qty("inner")
        inner_figure = _figure(text, m.span("inner"), inner.value, None, inner.approx, inner.unit)
        if m["times"] is not None:
            factor = qty("times").value
        else:
            word = _key(m["mul"])
            factor = Decimal("0.5") if word == "half" else MULTIPLIERS[word]
        value = _EXACT.multiply(factor, inner.value)
        out.append(_figure(text, m.span(), value, hedge, inner.approx, inner.unit, inner_figure))
        out.append(inner_figure)
    elif m["vague"] is not None:
        low, high = VAGUE_AMOUNTS[_key(m["vague"])]
        if hedge in (Hedge.AT_LEAST, Hedge.MORE_THAN):
            out.append(_figure(text, m.span(), low, hedge, False, "count"))
        elif hedge in (Hedge.AT_MOST, Hedge.LESS_THAN):
            out.append(_figure(text, m.span(), high, hedge, False, "count"))
        else:
            out.append(Figure(m[0], m.start(), m.end(), low, high, Hedge.VAGUE, "count"))
    elif m["fnum"] is not None:
        numerator, denominator = qty("fnum"), qty("fden")
        if 1 <= numerator.value <= denominator.value:
            value, approx = _percent(numerator.value, denominator.value)
            out.append(_figure(text, m.span(), value, hedge, approx, "percent"))
        else:
            _read_apart(text, m, numerator, denominator, hedge, out)
    elif m["frac"] is not None:
        *words, denominator = _WORD_TOKEN.findall(_key(m["frac"]))
        count = SMALL_NUMBERS.get(words[0], 1) if words else 1
        value, approx = _percent(Decimal(count), Decimal(FRACTION_DENOMINATORS[denominator]))
        out.append(_figure(text, m.span(), value, hedge, approx, "percent"))
    else:
        lo = qty("lo")
        if m["hi"] is not None:
            hi = qty("hi")
            joiner = _key(m["sep"])
            small_words = joiner == "or" and lo.words and hi.words and lo.value < 100
            # "10 and 20" and "10 or 20" are two figures; "two or three" is a range.
            if m["between"] is not None or joiner not in ("and", "or") or small_words:
                _read_range(text, m, lo, hi, hedge, out)
                return m.end()
        out.append(_figure(text, (m.start(), lo.end), lo.value, hedge, lo.approx, lo.unit))
        return lo.end
    return m.end()


# ---------------------------------------------------------------------------------------------
# Public entry points.


_WRITTEN = re.compile(
    r"(?P<digits>[0-9][0-9,]*)(?:\.(?P<decimals>[0-9]+))?(?P<scale>\s?(?:bn|bln|tn|trn|mn|mln|m|k)"
    r"(?![a-z])|\s+(?:thousand|million|billion|trillion|lakhs?|crores?))?",
    re.I,
)
_ONE = Decimal(1)
_SCALES = {
    "k": 3, "thousand": 3, "m": 6, "mn": 6, "mln": 6, "million": 6, "bn": 9, "bln": 9,
    "billion": 9, "tn": 12, "trn": 12, "trillion": 12, "lakh": 5, "lakhs": 5, "crore": 7,
    "crores": 7,
}  # fmt: skip


@functools.lru_cache(maxsize=65_536)
def written_step(text: str, unit: str | None = None) -> Decimal | None:
    """The unit of the last digit a figure is written to: what it was rounded to. "5.3 million"
    is written to the hundred thousand, "43%" to the unit, "36.87" to the hundredth; a figure in
    words, or with no digits, says nothing (``None``). A comparison takes a figure written to
    a step as standing for less than half a step either side: "5.3 million" and "5,343,358"
    agree.

    >>> written_step("5.3 million"), written_step("43%"), written_step("36.87 per cent")
    (Decimal('1E+5'), Decimal('1'), Decimal('0.01'))
    >>> written_step("$1.2bn"), written_step("5,343,358"), written_step("two") is None
    (Decimal('1E+8'), Decimal('1'), True)
    >>> written_step("37m", "m")  # metres, not a million
    Decimal('1')
    """
    if text.replace(",", "").isdigit():  # "5,343,358": most figures, read without a search
        return _ONE
    found = _WRITTEN.search(text)
    if found is None:
        return None
    written = (found["scale"] or "").strip().lower()
    scale = 0 if written == "m" and unit == "m" else _SCALES.get(written, 0)
    return Decimal(1).scaleb(scale - len(found["decimals"] or ""))


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, sorted by start (an outer multiple before its inner figure).

    >>> found = find_figures("Police held 150 people; more than double the 150 were freed.")
    >>> for f in found:
    ...     print(f.start, f.text, f.low, f.high, f.hedge.value)
    12 150 150 150 exact
    24 more than double the 150 300 None more_than
    45 150 150 150 exact
    >>> found[1].multiple_of is found[2]
    True
    >>> [f.text for f in find_figures("In the 4th week, G7 leaders met 2 or 3 times")]
    ['2', '3']
    """
    signs = {m.end(): m.start() for m in _SIGN.finditer(text)} if _MAY_SIGN.search(text) else {}
    if signs:  # read "-5C" as "5C" at the same place, then give it back its sign
        marks = {start for start in signs.values() if text[start] in "-\u2212"}
        text_read = "".join(" " if i in marks else c for i, c in enumerate(text))
        read = _find(text_read)
        signed = {id(f): _signed(f, text, signs) for f in read}
        found = [  # an outer multiple points at its inner figure as signed ("double -5")
            f if f.multiple_of is None else replace(f, multiple_of=signed[id(f.multiple_of)])
            for f in (signed[id(f)] for f in read)
            if f is not None
        ]
    else:
        found = _find(text)
    found = _shares_and_factors(text, _shorthand(text, _folds(text, _joined(found, text))))
    found = _magnitudes(text, _ratios(text, _scientific(text, found)))
    return _relinked([_metres(_hedged_after(_symbol(f, text), text), text) for f in found])


def _relinked(found: list[Figure]) -> list[Figure]:
    """Each outer multiple pointing at its inner figure as finally read: the steps after the
    scan may read the inner one again ("double 0 times": its "0" became "0 times")."""
    kept = {id(f) for f in found}
    if all(f.multiple_of is None or id(f.multiple_of) in kept for f in found):
        return found
    by_start = {f.start: f for f in found if f.multiple_of is None}
    return [
        f
        if f.multiple_of is None or id(f.multiple_of) in kept
        else replace(f, multiple_of=by_start.get(f.multiple_of.start))
        for f in found
    ]


# An earthquake's size: "the 8.8-magnitude earthquake", "a magnitude 7.5 quake", "6.8 on the
# Richter scale" is a magnitude, not a count of 8.8 of anything.
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude[-\s]+(?:of\s+)?$", re.I)
_MAGNITUDE_AFTER = re.compile(
    r"[-\s]+(?:magnitude\b|on the (?:Richter|moment magnitude) scale)", re.I
)


def _magnitudes(text: str, found: list[Figure]) -> list[Figure]:
    """Counts written as an earthquake's magnitude are figures in "magnitude".

    >>> [(f.text, f.unit) for f in find_figures("The 8.8-magnitude quake; a magnitude 7.5 shock.")]
    [('8.8', 'magnitude'), ('7.5', 'magnitude')]
    """
    if "agnitude" not in text and "Richter" not in text:
        return found
    return [
        replace(f, unit="magnitude")
        if f.unit == "count"
        and (
            _MAGNITUDE_BEFORE.search(text, max(0, f.start - 15), f.start)
            or _MAGNITUDE_AFTER.match(text, f.end)
        )
        else f
        for f in found
    ]


# "N times" with no figure after it, comparing: "four to five times the official count", "three
# times as fast", "five times higher". Not "flooded three times" or "three times in a year",
# which count occasions.
_TIMES_AFTER = re.compile(
    r"\s+times(?=\s+(?:the|as|more|less|fewer|higher|lower|larger|greater|bigger|smaller|"
    r"faster|slower|that|what|its|their|his|her|our|this|those|these)\b)",
    re.I,
)


def _ratios(text: str, found: list[Figure]) -> list[Figure]:
    """A count followed by "times" and a comparison is a ratio, a figure in "times".

    >>> [(f.text, f.unit) for f in find_figures("It is four to five times the official count.")]
    [('four to five times', 'times')]
    >>> [(f.text, f.unit) for f in find_figures("The river flooded three times in May.")]
    [('three', 'count')]
    """
    if "times" not in text.lower():
        return found
    kept = []
    for figure in found:
        after = _TIMES_AFTER.match(text, figure.end) if figure.unit == "count" else None
        if after is not None:
            figure = replace(figure, text=text[figure.start : after.end()], end=after.end(),
                             unit="times")  # fmt: skip
        kept.append(figure)
    return kept


# A factor written as "-fold": "a four-fold increase", "a 2.5-fold rise", "tenfold".
_FACTOR = re.compile(
    r"(?<![\w.,-])(?P<n>[0-9]+(?:\.[0-9]+)?|"
    + "|".join(sorted((w for w in SMALL_NUMBERS if SMALL_NUMBERS[w] > 1), key=len, reverse=True))
    + r")[-\s]?fold\b",
    re.I,
)


def _folds(text: str, found: list[Figure]) -> list[Figure]:
    """Factors written "-fold" ("a four-fold increase" is 4 times), which the grammar leaves."""
    if "fold" not in text.lower():
        return found
    kept, added = list(found), []
    for match in _FACTOR.finditer(text):
        inside = [f for f in kept if match.start() <= f.start and f.end <= match.end()]
        if any(f.start < match.end() and match.start() < f.end for f in kept if f not in inside):
            continue  # part of a longer figure
        kept = [f for f in kept if f not in inside]  # "2.5" of "2.5-fold" is the factor
        word = match["n"].lower()
        value = Decimal(SMALL_NUMBERS[word]) if word in SMALL_NUMBERS else Decimal(match["n"])
        added.append(_figure(text, match.span(), value, None, False, "times"))
    return sorted([*kept, *added], key=lambda f: (f.start, -f.end))


# Scientific notation, which the grammar reads as separate numbers: "1.5 x 10^6" (or with the
# times sign), "3.2 x 10⁻⁴", "10^9", "2.5e6" (a mantissa with a decimal point, or an exponent
# of two digits: "4e5" may be a model name).
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻\u2212", "0123456789--")
_SCIENTIFIC = re.compile(
    r"(?<![\w.,])(?:"
    r"(?:(?P<m>[0-9]+(?:\.[0-9]+)?)\s?[x\u00d7*]\s?)?10"
    r"(?:\s?(?:\^|\*\*)\s?(?P<e>[-\u2212]?[0-9]{1,2})|(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))"
    r"|(?P<em>[0-9]+\.[0-9]+|[0-9]+(?=[eE][-+]?[0-9]{2}))[eE](?P<ee>[-+]?[0-9]{1,2})"
    r")(?![\w.]?[0-9])"
)

_MAY_BE_SCIENTIFIC = re.compile(r"10\s?(?:\^|\*\*)|10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]|[0-9][eE][-+]?[0-9]")


def _scientific(text: str, found: list[Figure]) -> list[Figure]:
    """Figures in scientific notation (see :data:`_SCIENTIFIC`) in place of the numbers the
    grammar read in them; a hedge before the mantissa and a unit after the exponent are
    theirs ("about 1.5 x 10^6 dollars")."""
    if _MAY_BE_SCIENTIFIC.search(text) is None:
        return found
    kept = list(found)
    for match in _SCIENTIFIC.finditer(text):
        if match["sup"] is None and match["e"] is None and match["ee"] is None:
            continue
        mantissa = match["m"] or match["em"] or "1"
        exponent = (match["e"] or match["sup"] or match["ee"]).translate(_SUPERSCRIPTS)
        start, end = match.span()
        inside = [f for f in kept if f.start < end and start < f.end]
        if any(f.start < start and f.hedge is Hedge.RANGE for f in inside):
            continue  # the end of a range
        hedge: Hedge | None = None
        unit = "count"
        hedged = _SHORTHAND_HEDGE.search(text, max(0, start - 30), start)
        if hedged is not None and not any(f.start < start for f in inside):
            start, hedge = hedged.start(), _HEDGE_OF[_key(hedged["hedge"])]
        for figure in inside:
            if figure.start < start:
                start, hedge = figure.start, figure.hedge
            if figure.end > end:
                end, unit = figure.end, figure.unit
        value = Decimal(mantissa).scaleb(int(exponent))
        kept = [f for f in kept if f not in inside]
        kept.append(_figure(text, (start, end), value, hedge, False, unit))
    return sorted(kept, key=lambda f: (f.start, -f.end))


# Money and scales written in shorthand the grammar leaves: "$4.2b", "$1million", "2mil",
# "164p" (pence). A glued "b" is read as billions only after a currency ("Article 2b" is not).
_SHORTHAND = re.compile(
    rf"(?<![\w.,])(?:(?P<cur>{_CURRENCY})\s?)?(?P<n>[0-9]{{1,3}}(?:,[0-9]{{3}})*(?:\.[0-9]+)?"
    r"|[0-9]+(?:\.[0-9]+)?)(?P<scale>b|mil|mill|thousand|million|billion|trillion|p)(?!\w)",
    re.I,
)
_SHORT_SCALES = {"b": 10**9, "mil": 10**6, "mill": 10**6} | SCALES
_SHORTHAND_HEDGE = re.compile(rf"(?<!\w)(?P<hedge>{_alt(HEDGE_PHRASES)})\s+$", re.I)


def _shorthand(text: str, found: list[Figure]) -> list[Figure]:
    """Money and counts in the shorthand of headlines and markets (see :data:`_SHORTHAND`)."""
    kept, added = list(found), []
    for match in _SHORTHAND.finditer(text):
        scale, currency = match["scale"].lower(), match["cur"]
        if (scale == "b" and currency is None) or (scale == "p" and currency is not None):
            continue
        if any(f.start < match.end() and match.start() < f.end for f in kept):
            continue  # the grammar read it, or it is part of a longer figure
        value = Decimal(match["n"].replace(",", ""))
        hedged = _SHORTHAND_HEDGE.search(text, max(0, match.start() - 30), match.start())
        span = (hedged.start() if hedged else match.start(), match.end())
        hedge = _HEDGE_OF[_key(hedged["hedge"])] if hedged else None
        if scale == "p":  # pence: hundredths of a pound
            value, unit = _EXACT.divide(value, Decimal(100)), "GBP"
        else:
            unit = CURRENCY_PREFIXES[currency.rstrip(".")] if currency else "count"
            value = _EXACT.multiply(value, Decimal(_SHORT_SCALES[scale]))
        added.append(_figure(text, span, value, hedge, False, unit))
    return sorted([*kept, *added], key=lambda f: (f.start, -f.end)) if added else found


# A fraction in digits before "of" ("1/2 of voters", "3/4 of the budget") is a share; a
# verb of multiplying ("doubled", "more than tripled") a factor. Neither has a number the
# grammar reads: "1/2" alone may be a date or a score, and "doubled" has no digits.
_DIGIT_FRACTION = re.compile(r"(?<![\w./])(?P<n>[1-9])/(?P<d>[2-9]|10)(?=\s+of\b)")
_MULTIPLIED = re.compile(
    r"(?<![\w-])(?:(?P<hedge>more than|nearly|almost|roughly|about|over)\s+)?"
    r"(?P<verb>doubled|tripled|trebled|quadrupled)(?!\s+(?:as|down|up|back|over)\b)(?![\w-])",
    re.I,
)
_MULTIPLIED_BY = {"doubled": 2, "tripled": 3, "trebled": 3, "quadrupled": 4}


def _shares_and_factors(text: str, found: list[Figure]) -> list[Figure]:
    """Digit fractions as shares and multiplying verbs as factors (see :data:`_MULTIPLIED`)."""
    if "/" not in text and "led" not in text.lower():
        return found
    added = []
    for match in _DIGIT_FRACTION.finditer(text):
        if not any(f.start < match.end() and match.start() < f.end for f in found):
            value, rounded = _percent(Decimal(match["n"]), Decimal(match["d"]))
            hedged = _SHORTHAND_HEDGE.search(text, max(0, match.start() - 30), match.start())
            hedge = _HEDGE_OF[_key(hedged["hedge"])] if hedged else None
            span = (hedged.start() if hedged else match.start(), match.end())
            added.append(_figure(text, span, value, hedge, rounded, "percent"))
    for match in _MULTIPLIED.finditer(text):
        hedge = _HEDGE_OF[_key(match["hedge"])] if match["hedge"] else None
        value = Decimal(_MULTIPLIED_BY[match["verb"].lower()])
        added.append(_figure(text, match.span(), value, hedge, False, "times"))
    return sorted([*found, *added], key=lambda f: (f.start, -f.end)) if added else found


# A comparison written as a symbol before the number: "≥ 50", ">300", "~25".
_SYMBOL_BEFORE = re.compile(r"(?P<symbol>≥|≤|>=|<=|>|<|~|≈)\s?$")
_SYMBOL_HEDGE = {
    "≥": Hedge.AT_LEAST, ">=": Hedge.AT_LEAST, ">": Hedge.MORE_THAN,
    "≤": Hedge.AT_MOST, "<=": Hedge.AT_MOST, "<": Hedge.LESS_THAN,
    "~": Hedge.APPROXIMATELY, "≈": Hedge.APPROXIMATELY,
}  # fmt: skip


def _symbol(figure: Figure, text: str) -> Figure:
    """``figure`` with a comparison symbol written just before it, as its hedge; a range
    after "~" is the range, as after "about" ("~25–40 min")."""
    ranged = figure.hedge is Hedge.RANGE
    if not ranged and (
        figure.hedge is not Hedge.EXACT or figure.low is None or figure.low != figure.high
    ):
        return figure
    found = _SYMBOL_BEFORE.search(text, max(0, figure.start - 3), figure.start)
    if found is None:
        return figure
    hedge = _SYMBOL_HEDGE[found["symbol"]]
    start = found.start()
    if ranged:
        if hedge is not Hedge.APPROXIMATELY:
            return figure
        return replace(figure, text=text[start : figure.end], start=start)
    low = None if hedge in (Hedge.AT_MOST, Hedge.LESS_THAN) else figure.low
    high = None if hedge in (Hedge.AT_LEAST, Hedge.MORE_THAN) else figure.high
    return replace(figure, text=text[start : figure.end], start=start, low=low, high=high,
                   hedge=hedge)  # fmt: skip


# "m" glued to a number is a million, unless what follows measures a length: "a 37m-high
# cliff", "a 50m tower", "the 100m sprint" are metres ("a 37m drop" may be either: millions).
_LENGTH_AFTER = re.compile(
    r"(?:-|\s)(?:high|tall|long|deep|wide|wave|waves|tower|cliff|sprint|race|freestyle|"
    r"hurdles|below|away|underground|beneath|across|above sea level)\b",
    re.I,
)


# "m" set apart from its number is metres ("within 100 m of", "a depth of 10.5 m"): news
# writes a million glued ("3m people", "£1.5m"), and a spaced one only before what it counts.
_SPACED_M = re.compile(r"\d\s+m$")
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|[a-z]{2,}s)\b")


def _metres(figure: Figure, text: str) -> Figure:
    """A figure read as millions from an "m" that means metres, read as metres: a glued "m" a
    length word follows, or an "m" set apart with no currency and nothing counted after it."""
    if figure.unit != "count" or figure.low is None:
        return figure
    if re.search(r"\dm$", figure.text):
        if not _LENGTH_AFTER.match(text, figure.end):
            return figure
    elif not _SPACED_M.search(figure.text) or _COUNTED_AFTER.match(text, figure.end):
        return figure
    million = Decimal(10**6)

    def metres(value: Decimal | None) -> Decimal | None:
        return None if value is None else _canon(_EXACT.divide(value, million))

    return replace(figure, low=metres(figure.low), high=metres(figure.high), unit="m")


# "a quarter of a million", "three quarters of a million": a share of a scale is a count;
# "one and a half million": a whole and a half of a scale.
_OF = re.compile(r"\s+of\s+", re.I)
_AND = re.compile(r"\s+and\s+$", re.I)
_SCALE_AFTER = re.compile(r"\s+(?P<scale>thousand|million|billion|trillion)\b", re.I)


def _joined(found: list[Figure], text: str) -> list[Figure]:
    """Figures the grammar reads apart that a reader reads as one: a fraction of a scale ("a
    quarter of a million": 250,000), a whole and a half before a scale ("one and a half
    million"), a range written with a spaced dash, a tilde or "through" ("1000 - 5000",
    "20~100"), and two one-sided bounds ("above 100 and below 300": 100 to 300)."""
    if len(found) < 2:
        return found
    kept: list[Figure] = []
    index = 0
    while index < len(found):
        figure = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        merged = _merge(figure, following, text) if following is not None else None
        if merged is not None:
            kept.append(merged)
            index += 2
            continue
        kept.append(figure)
        index += 1
    return kept


# Between two figures that make one interval: "1000 - 5000", "20~100", "20 through 100";
# and "above 100 and below 300", one bound on each side.
_RANGE_BETWEEN = re.compile(r"\s+[-–]\s+|\s?~\s?|\s+(?:through|thru)\s+", re.I)
_BOTH_SIDES = re.compile(r"\s+(?:and|but)\s+", re.I)


def _merge(first: Figure, second: Figure, text: str) -> Figure | None:
    between = text[first.end : second.start]
    if (
        first.hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST)
        and second.hedge in (Hedge.LESS_THAN, Hedge.AT_MOST)
        and first.unit == second.unit
        and first.low is not None
        and second.high is not None
        and first.low < second.high
        and _BOTH_SIDES.fullmatch(between)
    ):  # "above 100 and below 300": one interval
        span = (first.start, second.end)
        return Figure(text[span[0] : span[1]], *span, first.low, second.high, Hedge.RANGE,
                      first.unit)  # fmt: skip
    if first.low is None or first.low != first.high or first.hedge is not Hedge.EXACT:
        return None
    if (
        second.hedge is Hedge.EXACT
        and second.low is not None
        and second.low == second.high
        and first.low < second.low
        and first.unit == second.unit
        and _RANGE_BETWEEN.fullmatch(between)
    ):  # "1000 - 5000", "20 through 100"
        span = (first.start, second.end)
        return Figure(text[span[0] : span[1]], *span, first.low, second.low, Hedge.RANGE,
                      first.unit)  # fmt: skip
    if second.low is None or second.low != second.high:
        return None
    if first.unit == "percent" and second.unit == "count" and _OF.fullmatch(between):
        words = second.text.lower().split()
        if len(words) == 2 and words[0] in ("a", "one") and words[1] in SCALES:
            value = _EXACT.divide(_EXACT.multiply(first.low, second.low), Decimal(100))
            return _figure(text, (first.start, second.end), value, None, False, "count")
    if (
        first.unit == "count"
        and second.unit == "percent"
        and second.low == 50
        and second.text.lower().endswith("half")
        and _AND.fullmatch(between)
    ):
        scale = _SCALE_AFTER.match(text, second.end)
        if scale is not None:
            value = _EXACT.multiply(
                first.low + Decimal("0.5"), Decimal(SCALES[scale["scale"].lower()])
            )
            return _figure(text, (first.start, scale.end()), value, None, False, "count")
    return None


# A hedge written after its number: "2 million-plus", "10,000+", "300 or more", "50 or fewer"
# ("1,000 plus 200" is a sum, not a hedge).
_HEDGE_AFTER = re.compile(
    r"(?:(?P<more>-?plus\b|\+)"
    r"|\s+(?:or|and)\s+(?:(?P<least>more|above|over|greater|higher)"
    r"|(?P<most>fewer|less|below|under|lower))\b)"
    r"(?!\s*(?:than\b|\d))",  # "2014 and more than 150", "and over 300": the next figure's
    re.I,
)


def _hedged_after(figure: Figure, text: str) -> Figure:
    """``figure`` with a hedge its number is followed by, when it is a single value."""
    if figure.hedge not in (Hedge.EXACT, Hedge.APPROXIMATELY) or figure.low != figure.high:
        return figure
    after = _HEDGE_AFTER.match(text, figure.end)
    if after is None:
        return figure
    end, value = after.end(), figure.low
    span = text[figure.start : end]
    if after["more"]:
        return replace(figure, text=span, end=end, high=None, hedge=Hedge.MORE_THAN)
    if after["least"]:
        return replace(figure, text=span, end=end, high=None, hedge=Hedge.AT_LEAST)
    return replace(figure, text=span, end=end, low=None, high=value, hedge=Hedge.AT_MOST)


# A minus sign (hyphen-minus or U+2212) that starts a number: after a space, an opening bracket
# or the start, never between two numbers ("10-12", "3-1").
_SIGN = re.compile(r"(?:^|(?<=[\s(\[]))(?:[-\u2212]|minus\s+)(?=\d)", re.I)
_MAY_SIGN = re.compile(r"[-\u2212]\d|minus\s+\d", re.I)
_ONE_SIDED = frozenset({Hedge.AT_LEAST, Hedge.MORE_THAN, Hedge.AT_MOST, Hedge.LESS_THAN})


def _signed(figure: Figure, text: str, signs: dict[int, int]) -> Figure | None:
    """A figure read with its minus signs blanked, given back its own text and, when a sign
    starts its number, its sign: "-5C" is -5 degrees, "about -3%" about -3%, "more than -5"
    above -5, "-5 to -3" from -5 to -3. A range signed on one side only ("between -5 and 3")
    is not read (``None``) rather than read wrong."""
    own = replace(figure, text=text[figure.start : figure.end])
    inside = [signs[at] for at in sorted(signs) if figure.start <= at < figure.end]
    if not inside:
        return own
    if own.hedge is Hedge.RANGE:  # "-5 to -3" both signed; "between -5 and 3" not read
        if len(inside) < 2 or own.low is None or own.high is None:
            return None
        start = min(inside[0], own.start)
        return replace(own, text=text[start : own.end], start=start, low=-own.high, high=-own.low)
    sign = inside[0]
    start = min(sign, figure.start)
    if own.hedge in (Hedge.EXACT, Hedge.APPROXIMATELY) and own.low is not None:
        high = own.high if own.high is not None else own.low
        return replace(own, text=text[start : own.end], start=start, low=-high, high=-own.low)
    if own.hedge in _ONE_SIDED:
        return replace(
            own,
            low=None if own.low is None else -own.low,
            high=None if own.high is None else -own.high,
        )
    return own


def _find(text: str) -> list[Figure]:
    found: list[Figure] = []
    _, figure, candidates = _patterns()
    m = figure.match(text)
    search_from = _read_match(text, m, found) - 1 if m is not None else 0
    while (candidate := candidates.search(text, search_from)) is not None:
        m = figure.match(text, candidate.end())
        search_from = candidate.end() if m is None else _read_match(text, m, found) - 1
    found.sort(key=lambda f: (f.start, -f.end))
    return found


def _quote(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_figure(text: str) -> Figure:
    """The one outermost figure in ``text``; words around it (its noun, a determiner) are fine.

    >>> f = parse_figure("Between 4,000 to 6,000 people")
    >>> f.text, format_decimal(f.low), format_decimal(f.high), f.hedge.value, f.unit
    ('Between 4,000 to 6,000', '4000', '6000', 'range', 'count')
    >>> f = parse_figure("£2.3bn")
    >>> format_decimal(f.low), f.unit
    ('2300000000', 'GBP')
    >>> parse_figure("lots")
    Traceback (most recent call last):
    ...
    provenance.figures.FigureError: cannot read a figure in 'lots'
    >>> parse_figure("10 and 20 people")
    Traceback (most recent call last):
    ...
    provenance.figures.FigureError: found 2 separate figures in '10 and 20 people'; expected one
    """
    found = find_figures(text)
    inner = {id(f.multiple_of) for f in found if f.multiple_of is not None}
    outer = [f for f in found if id(f) not in inner]
    if not outer:
        raise FigureError(f"cannot read a figure in {_quote(text)}")
    if len(outer) > 1:
        raise FigureError(f"found {len(outer)} separate figures in {_quote(text)}; expected one")
    return outer[0]
