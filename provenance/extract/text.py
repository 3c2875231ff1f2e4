"""Article text: decoding, metadata, paragraphs, sentences and quotations, with offsets.

Offsets everywhere index the *decoded text*: the file's bytes decoded (UTF-8 by default, a BOM
dropped) with line ends normalised to ``\\n`` (see :mod:`provenance.reading`). Metadata lines stay
in that text, so an offset means the same thing whether or not a document has a header.

Metadata comes in two forms, both optional:

* an inline date at the very start: ``date 2016-03-25 Experts say ...``;
* a front-matter block of ``key: value`` lines (``title``, ``outlet``, ``author``, ``url``,
  ``date``) ending at a line ``---`` or a blank line.

>>> header = "title: Returns\\noutlet: The Example\\ndate: 2017-09-17\\n---\\n"
>>> doc = read_text(header + "About 40 came back.")
>>> doc.meta["outlet"], doc.body_start, doc.text[doc.body_start:]
('The Example', 56, 'About 40 came back.')
>>> [s.text for s in split_sentences("Dr. Ames said 3.5 million left. Most stayed.\\n\\nNone did.")]
['Dr. Ames said 3.5 million left.', 'Most stayed.', 'None did.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

META_KEYS = ("title", "outlet", "author", "url", "date")


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    body_start: int
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


_INLINE_DATE = re.compile(r"\A\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_META_LINE = re.compile(r"([A-Za-z]+)[ \t]*:[ \t]*(.*)")


class HeaderError(ValueError):
    """A metadata header that cannot be read as its writer meant (the message says why)."""


def read_text(text: str) -> SourceText:
    """Split decoded text into metadata and body (the body's offset is kept).

    A header opened with a ``---`` line is strict: every line up to the closing ``---`` (or a
    blank line) must be a known ``key: value``. Any header is refused when it gives a key no
    value, or one key two different values.

    >>> read_text("---\\ntitel: Returns\\n---\\nAbout 40 came back.")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
      ...
    provenance.extract.text.HeaderError: header line 2: unknown key 'titel' (expected title, ...)
    """
    lines = text.splitlines(keepends=True)
    meta: dict[str, str] = {}
    position = 0
    fenced = bool(lines) and lines[0].strip() == "---"
    if fenced:
        position, lines = len(lines[0]), lines[1:]
    for number, line in enumerate(lines, start=2 if fenced else 1):
        match = _META_LINE.fullmatch(line.strip())
        if match and match[1].lower() in META_KEYS:
            key, value = match[1].lower(), match[2].strip()
            if not value:
                raise HeaderError(f"header line {number}: {key} has no value")
            if meta.get(key, value) != value:
                raise HeaderError(
                    f"header line {number}: {key} given twice ({meta[key]!r}, {value!r})"
                )
            meta[key] = value
            position += len(line)
            continue
        if (meta or fenced) and line.strip() in ("---", ""):
            position += len(line)
        elif fenced and match:
            expected = ", ".join(META_KEYS)
            raise HeaderError(
                f"header line {number}: unknown key {match[1]!r} (expected {expected})"
            )
        elif fenced:
            raise HeaderError(
                f"header line {number}: not a 'key: value' line; is the closing --- missing?"
            )
        break
    if meta or fenced:
        return SourceText(text, position, meta)
    inline = _INLINE_DATE.match(text)
    if inline:
        return SourceText(text, inline.end(), {"date": inline[1]})
    return SourceText(text, 0, {})


# Sentence ends: . ! ? (and closing quotes/brackets after them), then space and a capital,
# a digit or an opening quote. Abbreviations and initials do not end sentences.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st no nos vs etc e.g i.e gen sen rep gov lt col capt sgt cmdr inc
    ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec fig approx u.s u.k u.n rev hon
    est dept govt mt ft""".split()  # noqa: SIM905 - a word list reads best as words
)
_LEADER = re.compile(r"(?<=\s)(?:\.{2,}|…+)[ \t]+\d")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]*[\"“A-Z0-9-])")


def _ends_with_abbreviation(text: str) -> bool:
    word = text.rsplit(None, 1)[-1] if text.strip() else ""
    word = word.rstrip(".").lstrip("(\"'“‘").lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with offsets into ``text``; paragraphs are numbered."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    paragraph_starts = [start] + [m.end() for m in _PARAGRAPH.finditer(text, start, end)]
    for number, (p_start, p_end) in enumerate(
        zip(paragraph_starts, [*paragraph_starts[1:], end], strict=True)
    ):
        cursor = p_start
        for match in _END.finditer(text, p_start, p_end):
            if match.group().startswith(".") and _ends_with_abbreviation(
                text[cursor : match.start()]
            ):
                continue
            if _LEADER.match(text, match.start()):  # "Nairobi .......... 32": dots to a figure
                continue
            _add(sentences, text, cursor, match.end(), number)
            cursor = match.end()
        _add(sentences, text, cursor, p_end, number)
    return sentences


# No sentence of prose runs this long: a longer run with no full stop (a table flattened into
# one line, a list of thousands of numbers) is cut at the last clause break or space before
# each limit, so that the work and memory of any "sentence" stay bounded and a quote stays a
# quote. Real sentences, even a long legal one, are well under it.
LONGEST_SENTENCE = 3_000


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > LONGEST_SENTENCE:
        limit = start + LONGEST_SENTENCE
        window = text[limit - LONGEST_SENTENCE // 3 : limit]
        clause = max(window.rfind("; "), window.rfind(", "))
        cut = clause + 1 if clause >= 0 else window.rfind(" ")
        piece_end = limit - len(window) + cut if cut > 0 else limit
        _add(out, text, start, piece_end, paragraph)
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end, text[start:end], paragraph))


_QUOTE = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")


# A paragraph that opens a quotation: its first mark, after any indent.
_OPENS = re.compile(r"[ \t]*([“\"])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def quotation_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of direct quotations (curly or straight double quotes), possibly over sentences,
    and over paragraphs as British and American papers run a long quotation: each paragraph
    opens the quotation again and only the last one closes it.

    >>> quotation_spans('“One. Two,” she said.')
    [(0, 11)]
    >>> quotation_spans('"We have 4,200.\\n\\n"We placed 310," said Jo.')
    [(0, 33)]
    """
    end = len(text) if end is None else end
    spans = [
        (m.start(), m.end()) for m in _QUOTE.finditer(text, start, end) if m.end() - m.start() > 2
    ]
    for first, last in _running_quotations(text, start, end):
        spans = [(s, e) for s, e in spans if not (first <= s and e <= last)] + [(first, last)]
    return sorted(spans)


def _running_quotations(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Quotations that run over paragraphs: from a paragraph that opens a quotation and does
    not close it, through the paragraphs that open it again, to the mark that closes it."""
    bounds = [start, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, end))]
    paragraphs = [(at, min(nxt, end)) for at, nxt in zip(bounds, [*bounds[1:], end], strict=True)]
    i = 0
    while i < len(paragraphs):
        first, j = None, i
        while j < len(paragraphs):
            at, stop = paragraphs[j]
            opened = _OPENS.match(text, at, stop)
            if opened is None:
                break
            mark = opened[1]
            inside = text[opened.end() : stop]
            closing = inside.find("”") if mark == "“" else inside.find('"')
            if first is None:
                first = opened.start(1)
            if closing >= 0:  # closed here: a run when it began in an earlier paragraph
                if j > i:
                    yield first, opened.end() + closing + 1
                break
            j += 1
        i = max(j, i + 1)
