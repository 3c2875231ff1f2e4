"""Who stated a figure: rules over the sentences of one document, read in order.

The rules, in the order they are tried for a figure:

1. **Quotation**: a figure inside a direct quotation belongs to whoever the quotation is
   attributed to, even when it runs over several sentences and the speaker comes at the end
   (``"... One. Two," said Maher.``).
2. **A verb of saying or believing in the sentence** (said, says, told, estimates, warned,
   cautioned, believe, suggests, shows ...), the one nearest the figure, with its subject
   before it ("Goulet estimates") or after it ("says Dr. Shiraz Maher"); or "according to X".
   Verbs inside relative clauses ("officials who believe") do not attribute.
3. **Carried over**: a sentence with no verb of its own continues a source met in the sentence
   just before. An organisation or report carries over ("According to a report by the ICCT ...
   A majority of these, around 2,833, ..."); a group or person carries over only to a passive
   belief ("are thought to") after a sentence of belief with no figure of its own.
4. Otherwise the figure is **unattributed**: the outlet's own statement. Passive cues
   ("are said to", "are believed to") are kept as the cue.

Names are resolved within the document: a surname or "he"/"she" to the last person met with
that name or at all; an abbreviation taught by "Full Name (ABBR)" to the full name. Roles come
from titles before a name ("French Senator Nathalie Goulet") and appositions after it
("Dr. Shiraz Maher, a lecturer at King's College London").
"""

from __future__ import annotations

import bisect
import calendar
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from provenance.extract.text import Sentence, quotation_spans


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    kind: str  # person, organisation, report, vague_group
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: Speaker | None  # None: unattributed (the outlet's own statement)
    cue: str | None = None
    channel: str | None = None
    primary_source: str | None = None


UNATTRIBUTED = Attribution(None)


class _Cue:
    """A verb of saying or source phrase in a sentence. Its speaker is read at most once, and
    only when a figure (or the next sentence) needs it: most cues are never parsed."""

    __slots__ = ("_read", "_value", "kind", "offset")

    def __init__(
        self,
        offset: int,
        kind: str,
        read: Callable[[], Attribution | None] | None = None,
        value: Attribution | None = None,
    ) -> None:
        self.offset, self.kind = offset, kind
        self._read, self._value = read, value

    def attribution(self) -> Attribution | None:
        if self._read is not None:
            self._value, self._read = self._read(), None
        return self._value


_SAY = (
    "said|says|say|told|tells|tell|added|adds|explained|explains|stated|noted|notes|"
    "claimed|claims|argued|argues|insisted|insists|warned|warns|cautioned|cautions|emphasised|"
    "emphasized|emphasises|emphasizes|estimated|estimates|estimate|believe|believes|think|"
    "thinks|suspect|suspects|fear|fears|reported|reports|announced|announces|revealed|reveals|"
    "confirmed|confirms|predicted|predicts|predict|expects|expect|projected|projects|wrote|"
    "hope|hopes|argue|"
    # promises and boasts are statements too: "vowed to create 700,000 jobs"
    "vowed|vows|promised|promises|proposed|proposes|boasted|boasts|tweeted|tweets|asserted|"
    "asserts|testified|"
    "writes|admitted|admits|acknowledged|acknowledges|calculated|calculates|counted|"
    "recorded|records|hinted|hints|conceded|concedes|shows|showed|show|suggests|suggested|"
    "suggest|found|finds|find|indicates|indicated|indicate|puts|concluded|concludes|"
    r"registered(?!\s+(?:voters?|Democrats?|Republicans?|independents?|members?|users?))|"
    r"registers|"
    # "the CGT put the turnout at 2.8 million", "the union gave much higher figures"
    r"put(?=\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,2}(?:figures?|numbers?|turnout|toll|"
    r"total|count|estimates?|tally|crowd|attendance)\b|\s+(?:the|its|their)\s+(?:[\w-]+\s+){1,3}at\b)|"
    r"gave(?=\s+(?:[\w-]+\s+){0,3}(?:figures?|numbers?|estimates?|counts?|tally)\b)"
)
_BELIEF = {"believe", "believes", "think", "thinks", "suspect", "suspects", "fear", "fears"}
_REPORT_VERBS = {"shows", "showed", "show", "suggests", "suggested", "suggest", "found", "finds",
                 "find", "indicates", "indicated", "indicate", "puts", "put", "concluded",
                 "concludes",
                 "estimates", "estimated", "registered", "records", "recorded"}  # fmt: skip
_CUE = re.compile(rf"\b(?P<cue>{_SAY})\b")
_SOURCE_CUES = (
    r"according to|figures from|data from|estimates from|research by|a report by|a study by|"
    r"a survey by"
)
_LEADING_CONJUNCTIONS = frozenset(  # and sentence adverbs: "Later the ministry said"
    """and but while whereas as although though when where after before since so yet later earlier
    meanwhile separately however yesterday today then also""".split()  # noqa: SIM905
)
_ACCORDING = re.compile(  # its rest runs to the next such cue: "1.28 million according to the
    # ministry, 3.5 million according to the CGT" names two sources
    rf"\b(?P<cue>{_SOURCE_CUES})\s+(?P<rest>.*?)(?=\b(?:{_SOURCE_CUES})\b|$)",
    re.I | re.S,
)
# A figure given as someone's: "the government's official figure is 316,000", "the
# ministry's toll stood at 1,127", "Istat's estimate of 20,000".
_POSSESSIVE_FIGURE = re.compile(
    r"(?P<who>\b(?:[Tt]he\s+)?(?:[A-Za-z][\w&.-]*\s+){0,3}[A-Za-z][\w&.-]*)['’]s?\s+"
    r"(?:(?:own|official|latest|final|provisional|new|revised|updated|initial|first|last)\s+)*"
    r"(?P<noun>figure|figures|toll|death toll|estimate|count|tally|number|total)\b"
    r"(?=\s+(?:is|was|stands|stood|of|at|put|puts|rose|had|has|reached|came)\b)"
)
_PASSIVE = re.compile(
    # "are said to", "is believed", "were alleged to"; but "was reported to police" is a plain
    # verb: reported, expected and known hedge only before "to be", "to have" or "that".
    r"\b(?:(?:are|is|were|was|been|be)\s+(?:(?:said|believed|thought|alleged|understood|"
    r"estimated|feared|suspected)\b(?:\s+(?:to|that)\b)?|(?:reported|expected|known)\s+"
    r"(?:to\s+(?:be|have)|that)\b)|reportedly|allegedly|"
    r"it is (?:estimated|believed|thought|understood))\b",
    re.I,
)
_PASSIVE_LOWER = re.compile(_PASSIVE.pattern)
_RELATIVE_BEFORE = re.compile(r"\b(?:who|which|that)\s+$", re.I)
_NOT_A_STATEMENT = re.compile(r"\b(?:to|will|would|not)\s+$")
_CHANNEL = re.compile(r"\s+((?:[A-Z][\w’'&.-]*\s?){1,4})")
_WINDOW = 140  # characters of a sentence looked at before a verb of saying
# A poll, survey or study a sentence opens with is the source of its figures.
_IN_A_POLL = re.compile(
    r"\s*(?:In|From)\s+(?P<source>(?:an?|the|its|their|this|that|last\s+\w+['’]s)\s+"
    r"(?:[^\s,;]+\s+){0,6}?(?:poll|survey|study|report|analysis|census|audit|review|"
    r"investigation|count|tally)\b[^,;]{0,60}),"
)
# "said that ...", "estimated about 100,000": what is said follows the verb
_CONTENT_AFTER = re.compile(
    r"\S+\s+(?:that|:|(?:(?:about|around|roughly|some|nearly|almost|up to|at least|more than|"
    r"over|only|just)\s+)?[£$€]?\d)"
)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s")
# A verb of saying whose "that" clause holds the figure: "said that 100,000 would be accepted"
_SAID_THAT = re.compile(r"\w+\s+(?:[\w.’'-]+\s+){0,4}?that\s")
# The words between a figure and the verb of saying after it, when the figure is in that
# verb's subject: "75 percent of Democrats said", "55% of all voters say", "two in three
# voters told pollsters".
_IN_THE_SUBJECT = re.compile(
    r"^\s*(?:%|per\s*cent|percent)?\s*(?:of|in)\s+[^,;:.\"“”()]{1,50}$", re.I
)
# A capitalised name of two or more words, with an apposition after it when there is one:
# "Councillor Maria Esposito", "Malcolm Nance, executive director of the project,".
_INTRODUCED = re.compile(
    r"(?P<name>(?:[A-Z][\w’'.-]*\s+)(?:(?:[A-Z][\w’'.-]*|de|van|von|der|al|bin|la|le|du|da|di)\s+)*"
    r"[A-Z][\w’'-]*[a-z])(?:,\s+(?P<apposition>(?:a|an|the)\s+[a-z][^,.;]{2,80}|[a-z][a-z ]{2,40}"
    r"\s(?:of|at|for)\s[A-Z][^,.;]{2,60})(?=,|\.|;))?"
)
_ADVERBS = {"also", "likewise", "recently", "now", "further", "previously", "earlier",
            "similarly", "again", "still", "already", "separately", "today", "yesterday",
            "last", "week", "month", "year", "then", "however", "meanwhile", "has", "have",
            "had", "privately", "publicly", "repeatedly", "once", "later", "subsequently",
            "initially", "originally", "eventually", "finally", "officially",
            "immediately"}  # fmt: skip
_REPORT_WORDS = ("research", "report", "study", "survey", "data", "figures", "analysis",
                 "estimates", "statistics", "review", "census", "poll", "index",
                 "audit", "filing", "filings", "documents", "papers", "accounts",
                 "minutes")  # fmt: skip
# Common nouns that describe whoever is named right after them.
_DESCRIPTORS = {
    "economist", "historian", "chipmaker", "carmaker", "retailer", "lender", "insurer",
    "broker", "airline", "carrier", "manufacturer", "developer", "builder", "operator",
    "regulator", "watchdog", "charity", "firm", "giant", "broadcaster", "publisher",
    "researcher", "scientist", "analyst", "lawyer", "doctor", "nurse", "surgeon", "teacher",
    "campaigner", "activist", "author", "novelist", "journalist", "sociologist", "biologist",
    "epidemiologist", "statistician", "criminologist", "cardiologist", "psychologist",
    "pollster", "supermarket", "bank", "startup", "automaker", "drugmaker", "miner", "grocer",
}  # fmt: skip
_REPORT_WORDS_SET = set(_REPORT_WORDS) | {"outlook", "barometer", "tracker", "monitor"}
_GROUP_HEADS = {
    "sources", "officials", "analysts", "experts", "agencies", "authorities", "diplomats",
    "police", "investigators", "researchers", "scientists", "campaigners", "activists",
    "observers", "insiders", "aides", "officers", "ministers", "economists", "critics",
    "residents", "witnesses", "doctors", "figures", "services", "advisers",
    "advisors", "commanders", "lawmakers", "politicians", "leaders", "groups", "organisers",
    "organizers", "volunteers", "workers", "staff", "people", "monitors", "prosecutors",
    "estimates", "governments", "nations", "forces", "militaries", "planners", "unions",
    "operators", "companies", "hospitals", "medics", "paramedics", "rescuers", "teams",
    "opponents", "supporters", "rivals", "allies", "protesters", "demonstrators", "members",
}  # fmt: skip
# What "the agency" or "the group" may stand for: any organisation named just before. Other
# words stand for one whose name holds them ("the ministry" after "the Health Ministry").
_ANY_BODY = frozenset({"agency", "organisation", "organization", "body", "group", "charity"})
_ORG_WORDS = {
    "centre", "center", "council", "ministry", "agency", "office", "institute", "university",
    "commission", "department", "police", "service", "services", "bureau", "organisation",
    "organization", "union", "committee", "foundation", "association", "group", "bank",
    "fund", "board", "authority", "court", "parliament", "government", "trust", "society",
    "network", "federation", "programme", "program", "party", "corporation", "company",
    "inc", "ltd", "plc", "news", "times", "post", "herald", "guardian", "observatory",
    "unit", "forum", "alliance", "college", "school", "hospital", "nhs", "europol",
    "interpol", "nato", "unicef", "unhcr", "who", "imf", "oecd", "icct", "army", "navy",
    "front", "coalition", "movement", "confederation", "league", "congress", "campaign",
    "cross", "crescent", "charity", "administration", "directorate", "secretariat",
    "brigade", "laboratory", "tribunal",
}  # fmt: skip
# Words that end an organisation's name, though not a ministry's or a person's title: "Amnesty
# International", "Human Rights Watch", "Mercy Corps", "Islamic Relief" (but "International
# Development Secretary Penny Mordaunt" is a person).
_ORG_ENDINGS = frozenset({"international", "watch", "corps", "relief", "rescue", "aid"})
# A capitalised name ending in one of those words: an organisation the text names, learnt so
# that "the front said" later is the "Civil Human Rights Front" met before.
_ORG_NAME = re.compile(
    r"\b(?:[A-Z][\w’'-]*\s+){1,5}(?:"
    + "|".join(sorted(w.capitalize() for w in _ORG_WORDS if len(w) > 3))
    + r")\b"
)
# A name whose capitalised words are joined by "the", "of" or "for" is an organisation's:
# "Save the Children", "Friends of the Earth", "Doctors for Life".
_CONNECTED_NAME = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:the|of|for|of\s+the))+\s+[A-Z][\w’'-]*.*")
_ROLE_WORDS = {
    "senator", "minister", "secretary", "coordinator", "commissioner", "president",
    "chancellor", "director", "chief", "officer", "spokesman", "spokeswoman", "spokesperson",
    "mayor", "governor", "chairman", "chairwoman", "chair", "professor", "prof", "general",
    "colonel", "captain", "inspector", "superintendent", "commander", "ambassador", "judge",
    "mp", "mep", "representative", "lord", "baroness", "ceo", "head", "leader", "adviser",
    "advisor", "analyst", "economist", "researcher", "lecturer", "envoy", "deputy", "premier",
    "prosecutor", "editor", "founder", "manager", "consultant", "expert", "fellow", "dean",
    "sheriff", "counsel", "attorney", "official", "king", "queen", "prince",
    "councillor", "councilor", "alderman", "congressman", "congresswoman", "assemblyman",
    "detective", "sergeant", "constable", "marshal", "rabbi", "imam", "bishop", "cardinal",
    "treasurer", "registrar", "ombudsman", "auditor", "surveyor", "coroner",
}  # fmt: skip
# A second source with its verb left out, just before the figure: "..., and the CGT 140,000".
_GAPPED = re.compile(
    r"(?:\band|\bwhile|\bwhereas|\bbut|,)\s+(?P<who>(?:the\s+)?(?:[A-Z][\w’'&-]*\s+){0,3}"
    r"(?:[A-Z][\w’'&-]*|unions?|police|organi[sz]ers))\s+"
    r"(?:(?:about|some|around|nearly|almost|more than|at least|just over|over)\s+)?$"
)
_DESCRIBING = {"using", "with", "from", "in", "at", "of", "on", "across", "for", "including",
               "working", "based", "monitoring", "counting", "studying"}  # fmt: skip
_DAY_WORDS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    "may|june|july|august|september|october|november|december"
)
_TIME_BEFORE = re.compile(
    rf"\s+(?:(?:this|last|next|on|early|late|earlier|later|on\s+\w+)\s+(?:week|month|year|night|"
    rf"morning|afternoon|evening|weekend|{_DAY_WORDS})|yesterday|today|tonight|overnight|"
    rf"on\s+(?:{_DAY_WORDS})|in\s+(?:{_DAY_WORDS}))\s*$",
    re.I,
)
# Words that name a time, never a speaker: "On Monday said ..." has none. A month alone may be
# a name ("May said"), so a month is a time only after a preposition ("In May said").
_WEEKDAYS = frozenset(_DAY_WORDS.split("|")[:7]) | {"today", "yesterday", "tonight"}
_MONTHS = frozenset(_DAY_WORDS.split("|")[7:])
_PLACE_PREPOSITIONS = {"in", "at", "from", "across", "on", "near", "outside", "inside"}
_TITLES = {"dr", "mr", "mrs", "ms", "miss", "sir", "dame", "prof", "professor", "rev"}
_CALENDAR = frozenset([*calendar.month_name[1:], *calendar.day_name])
_PARTICLES = {"de", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le", "du",
              "da", "di", "dos", "del", "ter"}  # fmt: skip
_ORG_JOINERS = {"of", "for", "on", "and", "the", "&"}
_STOP = {"the", "a", "an", "that", "which", "who", "of", "in", "and", "to", "many", "some",
         "most", "all", "by", "for", "on", "at", "with", "from", "as", "is", "are", "was",
         "were", "has", "have", "had", "it", "its", "their", "his", "her", "this",
         "these"}  # fmt: skip
# Capitalised adjectives that keep their capital when they open a group ("British officials").
_PROPER_ADJECTIVES = {
    "american", "belgian", "british", "chinese", "dutch", "eu", "european", "french", "german",
    "iraqi", "italian", "kurdish", "russian", "spanish", "syrian", "turkish", "uk", "un", "us",
    "israeli", "palestinian", "iranian", "afghan", "indian", "scottish", "irish",
}  # fmt: skip
# Two or three capitalised words that may be a person's full name; the word before it may be
# an occupation ("cardiologist Kamala Reyes") and the word after it a verb ("Lisa Tran runs").
_FULL_NAME = re.compile(
    r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+(?:(?:de|van|von|al|da|di|le|la)\s+)?"
    r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b(?!\s+[A-Z])"
)
_OCCUPATION_BEFORE = re.compile(
    r"(?:\b[A-Z][a-z]+\s+)?\b[A-Za-z]*(?:ist|ian|er|or|ant|ent|eer|ger)\s+$"
)
_VERB_AFTER = re.compile(r"\s+[a-z]+s\b")
_NOT_FIRST_NAMES = {"The", "A", "An", "In", "On", "At", "By", "For", "From", "Under", "But",
                    "And", "As", "If", "When", "While", "According", "Last", "This", "That",
                    "Its", "Their", "Some", "Most", "Many", "Mr", "Mrs", "Ms", "Dr",
                    "Between", "Since", "After", "Before", "During", "Over", "About", "With",
                    "New", "North", "South", "East", "West", "Central", "Greater"}  # fmt: skip
_NOT_NAME_WORDS = _ORG_WORDS | _PROPER_ADJECTIVES | _REPORT_WORDS_SET | {
    "street", "road", "square", "park", "river", "state", "states", "kingdom", "republic",
    "city", "county", "province", "region", "island", "islands", "sea", "ocean", "valley",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "christmas", "easter", "spending", "outlook", "market",
}  # fmt: skip
_PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "thing"}
_LIST_ITEM = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s+")
# A lower-case role, then the name: "said agency director Ana Ribeiro", "said spokesman Jo Smith"
_ROLE_THEN_NAME = re.compile(
    r"\s*(?P<role>(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)\s+(?P<name>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})"
)
# "..., said" with the rest of the clause a speaker alone ("said spokesman Jo Smith.", "says
# Ana Ribeiro, the agency's director."): no figure, no "that", a few words to its end.
_INVERTED = re.compile(r"[,”\"]\s*$")
_SPEAKER_ONLY = re.compile(r"\s+(?!that\b)[^\d.;:!?]{2,80}?(?:[.;:!?](?:\s|$)|$)")
# A fronted phrase with no verb of its own, before the subject of the sentence: what it counts
# is the scene, not the speaker's words ("Speaking to cheers from some 4,000 supporters, the
# senator promised ...").
_FRONTED = re.compile(
    r"\s*(?:Speaking|Addressing|Talking|Standing|Flanked|Surrounded|Cheered|Watched|Greeted|"
    r"Amid|Amidst|In front of)\b(?:[^,;:“”\"]|(?<=\d),(?=\d))*,"
    r"(?=\s+(?:the\s+|a\s+|an\s+)?[A-Za-z])"
)
# A sentence that says who gave the figures before it, and nothing more: "That was the
# estimate of the health minister, Ana Lopes", "The figures came from the coastguard".
_GIVEN_BY = re.compile(
    r"\s*(?:That|This|Those|These|The|Both)\s+(?:(?:figures?|numbers?|estimates?|counts?|tall(?:y|ies)|"
    r"totals?|tolls?)\s+)?(?:was|were|is|are|came|come|comes)\s+"
    r"(?P<cue>(?:the\s+)?(?:estimate|figure|count|tally|total|toll|number)s?\s+(?:of|from|given\s+by)|"
    r"from|according\s+to|given\s+by|provided\s+by|supplied\s+by)\s+"
    r"(?P<who>[^\d;:!?]{2,80}?)\s*[.!]?\s*$"
)
_ROLE_COMMA_NAME = re.compile(
    r"(?:the\s+)?(?P<role>[a-z][\w'’ -]{2,50}?),\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
)
# A word that ends a sentence: "director.", not "Dr." or an initial ("J.").
_SENTENCE_END = re.compile(
    r"^(?![A-Z]\.$)(?!(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Sgt|Rep|Sen|Gov|St|Jr|Sr)\.$).*[a-z]{2}\.$"
)
_FIRST_PERSON = frozenset(("i", "we", "us", "you", "me", "our"))  # the quoted, never a speaker
_QUESTION_WORDS = frozenset(("who", "what", "which", "whoever", "let"))
_OWN = _FIRST_PERSON | {"my"}  # "my staff said that 90 ...", in a quotation: the quoted's
_WORD = re.compile(r"[A-Za-z][\w’'.&-]*|\(|\)|,|“|”|\"")
_AGE_APPOSITION = re.compile(r",\s*\d{1,3}\s*,\s*$")  # "Taylor, 31, said"
_CAPITALISED = re.compile(r"^(?:[A-Z][\w’'.&-]*|[A-Z]{2,}s?)$")
_ABBREVIATION_DEF = re.compile(
    r"((?:[A-Z][\w’'-]*\s+)(?:(?:[A-Z][\w’'-]*|of|for|on|and|the)\s+)*[A-Z][\w’'-]*)\s*\(([A-Z][A-Za-z&]{1,9})\)"
)
_SOURCE_DESCRIPTION = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:[a-z][a-z-]*\s+){0,3}?(?:report|study|survey|research|analysis|"
    r"data|figures|estimates|poll|review|census|statistics)\s+(?:(?:compiled|complied|published|"
    r"produced|released|carried\s+out|conducted|commissioned|prepared)\s+)?(?:by|from|of)\s+",
    re.I,
)
_SOURCE_NAME = re.compile(
    r"^(?:the\s+)?(?:(?!(?:at|of|from|in|for|with|on|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|several|many|some|most|all)\b)[a-z][a-z-]*\s+){0,3}(?P<name>(?:[A-Z][\w’'.-]*)(?:\s+(?:[A-Z][\w’'.-]*|of|for|on|and|the|&|de|van|von))*)"
)
_LOWER_WORDS = re.compile(r"(?:\s+[a-z][a-z-]*){1,3}")
_SOURCE_GROUP = re.compile(
    r"^(?:[a-z][a-z-]*\s+){0,3}(?:" + "|".join(sorted(_GROUP_HEADS)) + r")\b"
)
_REPORT_ONLY = re.compile(
    r"^(?:the|a|an)\s+(?:[a-z]+\s+)?(?:report|study|survey|research|data|figures|census)\b"
)
_TITLE_AFTER = re.compile(
    r",?\s+(?:entitled|titled|called)\s+[“\"‘']?(?:the\s+)?(?P<title>[A-Z][^,.;“”\"]{3,120}?)[”\"’']?(?=[,.;]|\s+(?:which|that|shows|says|found|puts)\b|$)"
)


def _by_distance(cues: list[_Cue], offsets: list[int], at: int) -> Iterator[_Cue]:
    """The cues (in order of offset) nearest ``at`` first, the earlier one first on a tie:
    two pointers from where ``at`` falls, so a sentence of many figures and cues stays
    linear, not quadratic, to attribute."""
    right = bisect.bisect_left(offsets, at)
    left = right - 1
    while left >= 0 or right < len(cues):
        if right >= len(cues) or (left >= 0 and at - offsets[left] <= offsets[right] - at):
            yield cues[left]
            left -= 1
        else:
            yield cues[right]
            right += 1


def _nearest_figure(
    found: list[tuple[int, re.Match[str]]], spans: list[tuple[int, int]]
) -> dict[int, re.Match[str]]:
    """Give each passive cue ("are believed to") to the figure nearest it."""
    nearest: dict[int, re.Match[str]] = {}
    for offset, match in found:
        if spans:
            distances = [min(abs(offset - s), abs(offset - e)) for s, e in spans]
            nearest.setdefault(distances.index(min(distances)), match)
    return nearest


def _clean_name(words: list[str]) -> str:
    return " ".join(words).strip(" ,.'’“”\"")


def _is_capitalised(word: str) -> bool:
    return bool(_CAPITALISED.match(word))


@dataclass
class _Memory:
    """What the document has taught so far."""

    people: list[Speaker] = field(default_factory=list)
    abbreviations: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, Speaker] = field(default_factory=dict)
    previous_cues: list[_Cue] = field(default_factory=list)  # the sentence before's cues
    previous_had_figures: bool = False
    titles: dict[str, str] = field(default_factory=dict)  # organisation -> report title
    last_organisation: Speaker | None = None
    sentences: int = 0  # sentences read so far
    organisation_at: int = -2  # the sentence the last organisation was met in
    full_names: dict[str, str] = field(default_factory=dict)  # surname -> full name met

    def person(self, name: str, role: str | None) -> Speaker:
        for index, known in enumerate(self.people):
            if known.name == name or known.name.endswith(" " + name):
                updated = Speaker(known.name, "person", known.role or role, known.aliases)
                self.people.append(self.people.pop(index))
                self.people[-1] = updated
                return updated
        speaker = Speaker(name, "person", role)
        self.people.append(speaker)
        return speaker

    def surname(self, word: str) -> Speaker | None:
        for known in reversed(self.people):
            if known.name.split()[-1] == word:
                self.people.remove(known)
                self.people.append(known)
                return known
        return None

    def last_person(self) -> Speaker | None:
        return self.people[-1] if self.people else None

    def know(self, name: str) -> None:
        """An organisation the text names, not (yet) as the source of anything."""
        if name not in self.organisations:
            self.organisations[name] = Speaker(name, "organisation")

    def named_organisation(self) -> Speaker | None:
        """The organisation last named by its name ("the IOM", "Oxfam"), which "the agency" or
        "its report" may mean; not a role met alone ("the senator said")."""
        last = self.last_organisation
        if last is None or last.kind != "organisation" or not last.name[:1].isupper():
            return None
        return last

    def organisation(self, name: str, kind: str = "organisation") -> Speaker:
        full = self.abbreviations.get(name, name)
        if full not in self.organisations and " " not in full and full.islower():
            # "the ministry", after "the interior ministry": the one met before
            met = [o for o in self.organisations if o.lower().endswith(" " + full)]
            if len(met) == 1:
                full = met[0]
            elif full in _ANY_BODY and (named := self.named_organisation()) is not None:
                # "The International Organization for Migration ... The agency said": the IOM
                return named
        abbreviations = tuple(a for a, f in self.abbreviations.items() if f == full)
        speaker = self.organisations.get(full) or Speaker(full, kind, None, abbreviations)
        self.organisations[full] = speaker
        self.last_organisation, self.organisation_at = speaker, self.sentences
        return speaker


class Attributor:
    """Attribute the figures of one document; call :meth:`sentence` in reading order."""

    def __init__(self) -> None:
        self.memory = _Memory()
        self.block = ""
        self.offset = 0
        self.quotes: list[tuple[int, int]] = []  # the block's quotations, in order
        self._quote_starts: list[int] = []
        self._quotes_apart = True
        self._list_item = False
        self._quote_speakers: dict[tuple[int, int], Attribution] = {}
        # the sentence's verbs of saying inside a quotation: "Kerry said that 100,000 would
        # be accepted", quoted from a report, is Kerry's figure, reported by the report
        self._inner: list[tuple[_Cue, tuple[int, int]]] = []

    def feed(self, block: str, offset: int) -> None:
        """Start on the next block of the document (whole paragraphs; ``offset`` is where the
        block starts in the document). What was learnt about names is kept."""
        self.block, self.offset = block, offset
        self.quotes = [(s + offset, e + offset) for s, e in quotation_spans(block)]
        self._quote_starts = [s for s, _ in self.quotes]
        self._quotes_apart = all(a[1] <= b[0] for a, b in itertools.pairwise(self.quotes))
        self._quote_speakers = {}

    def _quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation holding ``start``..``end``: found by bisection, as the quotations of
        a long block (a report of thousands of paragraphs) are many and every cue asks."""
        if not self._quotes_apart:  # nested or overlapping: the first that holds it
            return next((q for q in self.quotes if q[0] <= start and end <= q[1]), None)
        i = bisect.bisect_right(self._quote_starts, start) - 1
        if i >= 0 and end <= self.quotes[i][1]:
            return self.quotes[i]
        return None

    def _slice(self, start: int, end: int) -> str:
        """Document offsets -> text of the current block."""
        return self.block[max(0, start - self.offset) : max(0, end - self.offset)]

    # -- the public step ----------------------------------------------------------------------

    def sentence(
        self, sentence: Sentence, figure_spans: list[tuple[int, int]]
    ) -> list[Attribution]:
        """The attribution of each figure (given by its offsets) in this sentence."""
        self.memory.sentences += 1
        self._learn(sentence.text)
        last = self.memory.last_organisation
        if last is not None:  # named again ("The ICCT findings"): met in this sentence
            names = (last.name, *last.aliases)
            names += tuple(a for a, full in self.memory.abbreviations.items() if full == last.name)
            if any(name and name in sentence.text for name in names):
                self.memory.organisation_at = self.memory.sentences
        # a list item ("- Rainfall reached 300mm") is the outlet's own summary: it takes no
        # speaker from the prose before it
        self._list_item = _LIST_ITEM.match(sentence.text) is not None
        cues = self._cues(sentence)
        results = []
        if figure_spans:
            lowered = sentence.text.lower()
            if len(lowered) == len(sentence.text):  # lower() kept every offset (nearly always)
                passive_matches = _PASSIVE_LOWER.finditer(lowered)
            else:
                passive_matches = _PASSIVE.finditer(sentence.text)
            offsets = [cue.offset for cue in cues]  # in order: nearest cues by bisection
            passives = _nearest_figure(
                [(sentence.start + m.start(), m) for m in passive_matches], figure_spans
            )
            fronted = _FRONTED.match(sentence.text)
            for index, (start, end) in enumerate(figure_spans):
                if fronted and start - sentence.start < fronted.end():
                    # "Speaking to cheers from some 4,000 supporters, the senator promised":
                    # the scene the outlet sets, outside what anyone stated
                    results.append(UNATTRIBUTED)
                    continue
                results.append(self._for_figure(start, end, cues, passives.get(index), offsets))
        self.memory.previous_cues = cues
        self.memory.previous_had_figures = bool(figure_spans)
        return results

    # -- learning names -----------------------------------------------------------------------

    def source_of_before(self, sentence: str) -> Attribution | None:
        """Who the sentence says gave the figures of the sentence before, when that is all it
        says: "That was the estimate of the health minister, Ana Lopes." (read before the
        sentence itself, so that what it names is known when its own figures are read)."""
        found = _GIVEN_BY.match(sentence)
        if found is None:
            return None
        who = found["who"].strip().rstrip(".")
        named = _ROLE_COMMA_NAME.fullmatch(who)  # "the health minister, Ana Lopes"
        if named is not None:
            speaker: Speaker | None = self.memory.person(named["name"], named["role"])
        else:  # whatever it names is the source: "the coastguard", "Oxfam"
            speaker = self._subject_after(" " + who) or self._classify(_WORD.findall(who))
            bare = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I)
            if speaker is None and bare and len(bare.split()) <= 5:
                speaker = self.memory.organisation(bare)
        return Attribution(speaker, found["cue"].strip().lower()) if speaker else None

    def _learn(self, text: str) -> None:
        for match in _FULL_NAME.finditer(text):
            words = match[0].split()
            lowered = {w.lower() for w in words}
            if words[0] in _NOT_FIRST_NAMES or lowered & (_NOT_NAME_WORDS | _DESCRIPTORS):
                continue
            self.memory.full_names[words[-1]] = match[0]
            role = _OCCUPATION_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if role or _VERB_AFTER.match(text, match.end()):
                self.memory.person(match[0], role[0].strip() if role else None)
        for match in _INTRODUCED.finditer(text):
            words = _WORD.findall(match["name"])
            lowered = {w.lower().strip(".") for w in words}
            if lowered & (_ROLE_WORDS | _TITLES) or match["apposition"]:
                speaker = self._classify(words)
                if speaker is not None and speaker.kind == "person" and match["apposition"]:
                    self._with_role(speaker, match["apposition"].strip())
        for match in _ORG_NAME.finditer(text):
            words = match[0].split()
            while words and words[0] in _NOT_FIRST_NAMES:
                words.pop(0)  # "The Civil Human Rights Front"
            if len(words) >= 2:
                self.memory.know(" ".join(words))
        if "(" not in text:
            return
        for match in _ABBREVIATION_DEF.finditer(text):
            full = re.sub(r"^(?:The|the|A|a|An|an|By|by|Of|of)\s+", "", match[1].strip())
            self.memory.abbreviations[match[2]] = full
            self.memory.organisation(full)

    # -- cues in a sentence -------------------------------------------------------------------

    def _cues(self, sentence: Sentence) -> list[_Cue]:
        """Every attributing cue in the sentence, in order; speakers are read lazily."""
        text = sentence.text
        found: list[_Cue] = []
        sources: list[int] = []
        self._inner = []
        opening = _IN_A_POLL.match(text)  # "In an NBC News/WSJ poll released Monday, 50% ..."
        if opening is not None:
            speaker, title = self._source_phrase(opening["source"])
            if speaker is not None:
                offset = sentence.start + opening.start()
                sources.append(offset)
                attribution = self._with_title(Attribution(speaker, "in", None, title))
                found.append(_Cue(offset, "source", value=attribution))
        for match in _ACCORDING.finditer(text):  # read now: they teach titles and names
            speaker, title = self._source_phrase(match["rest"].rstrip(" .;:!?"))
            if speaker is not None:
                attribution = self._with_title(
                    Attribution(speaker, match["cue"].lower(), None, title)
                )
                offset = sentence.start + match.start()
                sources.append(offset)
                found.append(_Cue(offset, "source", value=attribution))
        possessive = "'" in text or "’" in text  # the pattern costs a scan of every word
        for match in _POSSESSIVE_FIGURE.finditer(text) if possessive else ():
            # "The government's official figure is 316,000"
            words = _WORD.findall(match["who"])
            speaker = self._name_at_end(words) if words else None
            if speaker is not None:
                offset = sentence.start + match.start()
                sources.append(offset)
                attribution = self._with_title(Attribution(speaker, match["noun"].lower()))
                found.append(_Cue(offset, "source", value=attribution))
        for match in _CUE.finditer(text):
            word = match["cue"]
            offset = sentence.start + match.start()
            around = self._quote_around(offset, offset)
            if around is not None and around[0] < offset < around[1]:
                # '"We expect 40 more," said X': a verb inside the quotation is X's, unless it
                # names another who stated the figure (read by _nested)
                before = text[max(0, match.start() - _WINDOW) : match.start()]
                read = functools.partial(self._read_cue, text, match, before)
                self._inner.append((_Cue(offset, "say", read), around))
                continue
            if sources and word in _REPORT_VERBS and offset > min(sources):
                continue  # "A report by X ... puts the estimate at": the report verb is X's
            before = text[max(0, match.start() - _WINDOW) : match.start()]
            if _RELATIVE_BEFORE.search(before[-24:]) or _NOT_A_STATEMENT.search(before[-24:]):
                continue
            kind = "belief" if word in _BELIEF else "say"
            found.append(_Cue(offset, kind, functools.partial(self._read_cue, text, match, before)))
        found.sort(key=lambda cue: cue.offset)
        return found

    def _read_cue(self, text: str, match: re.Match[str], before: str) -> Attribution | None:
        """The speaker of one verb of saying: its subject before it, or the name after it."""
        word = match["cue"]
        speaker = None
        if _INVERTED.search(before) and _SPEAKER_ONLY.match(text, match.end()):
            # "Inflation will reach 4% by June, said spokesman Jo Smith.": the words before
            # the comma are what was said, the speaker follows the verb
            speaker = self._subject_after(text[match.end() :])
        speaker = speaker or self._subject_before(before)
        if speaker is None and word not in ("told", "tells", "tell"):
            speaker = self._subject_after(text[match.end() :])
        if speaker is None:
            return None
        channel = None
        if word in ("told", "tells", "tell"):
            told = _CHANNEL.match(text, match.end())
            channel = f"told {told[1].strip()}" if told else None
        return self._with_title(Attribution(speaker, word, channel))

    def _with_title(self, attribution: Attribution) -> Attribution:
        """An organisation's report, once named, is the primary source of its later figures."""
        speaker = attribution.speaker
        if speaker is None or speaker.kind not in ("organisation", "report"):
            return attribution
        if speaker.kind == "organisation":
            self.memory.last_organisation = speaker
            self.memory.organisation_at = self.memory.sentences
        if attribution.primary_source:
            self.memory.titles[speaker.name] = attribution.primary_source
            return attribution
        title = self.memory.titles.get(speaker.name)
        return Attribution(speaker, attribution.cue, attribution.channel, title)

    def _for_figure(
        self,
        start: int,
        end: int,
        cues: list[_Cue],
        passive: re.Match[str] | None,
        offsets: list[int] | None = None,
    ) -> Attribution:
        nested = self._nested(start)
        if nested is not None:
            return nested
        quoted = self._quoted(start, end)
        if quoted is not None:
            return quoted
        offsets = offsets if offsets is not None else [cue.offset for cue in cues]
        gapped = _GAPPED.search(self._slice(start - 70, start))
        before = bisect.bisect_left(offsets, start)
        verb = (
            next((c for c in reversed(cues[:before]) if c.kind != "source"), None)
            if gapped
            else None
        )
        if gapped and verb is not None and verb.attribution() is not None:
            # "police counted 26,000 marchers and the CGT 140,000": the verb is left out
            from provenance.places import find_places

            who = gapped["who"]
            speaker = None if find_places(who) else self._classify(_WORD.findall(who))
            said = verb.attribution()
            if speaker is not None and said is not None:
                return self._with_title(Attribution(speaker, said.cue))
        placed = self._source_over_place(start, cues)
        if placed is not None:
            return placed
        speaking = False  # the figure stands in the subject of a verb of saying
        for cue in _by_distance(cues, offsets, start):
            if (
                cue.kind != "source"
                and cue.offset > start
                and _IN_THE_SUBJECT.match(self._slice(end, cue.offset))
            ):
                # "75 percent of Democrats said yes": the figure is who spoke, not what they
                # said; the outlet reports it, and no earlier speaker carries over to it
                speaking = True
                continue
            nearest = cue.attribution()
            if nearest is None:
                continue
            between = self._slice(min(cue.offset, start), max(cue.offset, start))
            if (
                cue.offset > start
                and _CLAUSE_BREAK.search(between)
                and _CONTENT_AFTER.match(self._slice(cue.offset, cue.offset + 40))
            ):
                continue  # "a vote by 500 workers, and the board has said that ...": its
                # content follows it; the figure is in another clause
            if not (passive and _CLAUSE_BREAK.search(between)):
                return nearest
            # "Insiders say a handful are ready, and as many as a dozen are said to waver":
            # the passive in the figure's own clause wins over a verb in another clause.
            break
        else:
            previous = None if self._list_item or speaking else self._previous_attribution()
            if previous is not None and previous[0].speaker is not None:
                attribution, kind = previous
                speaker = previous[0].speaker
                if speaker.kind in ("organisation", "report") and not passive:
                    return attribution
                if passive and kind == "belief" and not self.memory.previous_had_figures:
                    return Attribution(speaker, passive.group().strip(), attribution.channel)
        return Attribution(None, passive.group().strip()) if passive else UNATTRIBUTED

    def _source_over_place(self, start: int, cues: list[_Cue]) -> Attribution | None:
        """The source named after a figure ("according to the French interior ministry"),
        when the verb before it has a place for its subject: "Mayotte recorded 22 dead,
        according to the French interior ministry" is the ministry's count of Mayotte's dead."""
        from provenance.places import find_places

        source = next((c for c in cues if c.kind == "source" and c.offset > start), None)
        verb = next((c for c in reversed(cues) if c.kind != "source" and c.offset < start), None)
        if source is None or verb is None or source.offset - start > 120:
            return None
        if _CLAUSE_BREAK.search(self._slice(start, source.offset)):
            return None
        said, given = verb.attribution(), source.attribution()
        if said is None or given is None or said.speaker is None or given.speaker is None:
            return None
        name = said.speaker.name
        found = find_places(name)
        if len(found) != 1 or found[0].start > 0 or found[0].end < len(name):
            return None
        return given

    def _nested(self, start: int) -> Attribution | None:
        """The speaker a quotation names for a figure in it: the subject of its verb of saying
        nearest before the figure, in the same quotation, with nothing but the stated clause
        between ("... Then, in 2017, Kerry said that 100,000 would be accepted."); never the
        quoted themselves ("we expect", "I said")."""
        for cue, around in reversed(self._inner):
            if not cue.offset < start <= around[1]:
                continue
            between = self._slice(cue.offset, start)
            if _CLAUSE_BREAK.search(between) or not _SAID_THAT.match(between):
                return None
            said = cue.attribution()
            if said is None or said.speaker is None:
                return None
            words = said.speaker.name.split()
            if words[0].lower() in _OWN or (len(words) == 1 and said.speaker.role):
                return None  # "my staff said that", "the ambassador said that": the quoted's
            return said
        return None

    def _previous_attribution(self) -> tuple[Attribution, str] | None:
        """The last attributing cue of the sentence before, read now if it was not yet."""
        for cue in reversed(self.memory.previous_cues):
            attribution = cue.attribution()
            if attribution is not None:
                return attribution, cue.kind
        return None

    # -- quotations ---------------------------------------------------------------------------

    def _quoted(self, start: int, end: int) -> Attribution | None:
        span = self._quote_around(start, end)
        if span is None:
            return None
        if span not in self._quote_speakers:
            self._quote_speakers[span] = self._quote_attribution(span)
        found = self._quote_speakers[span]
        return found if found.speaker is not None else None

    def _quote_attribution(self, span: tuple[int, int]) -> Attribution:
        after = self._slice(span[1], span[1] + 160).split("\n", 1)[0]
        match = re.match(
            rf"\s*,?\s*(?:(?P<cue1>{_SAY})\s+(?P<after>.*)|(?P<before>.*?)\s+(?P<cue2>{_SAY})\b)",
            after,
        )
        if match and match["cue1"]:
            speaker = self._subject_after(" " + match["after"])
            if speaker:
                return Attribution(speaker, match["cue1"])
        if match and match["cue2"]:
            speaker = self._subject_before(match["before"] + " ")
            if speaker:
                return Attribution(speaker, match["cue2"])
        lead = self._slice(span[0] - 160, span[0]).rsplit("\n", 1)[-1]
        intro = re.search(rf"(?P<before>.*?)\s*(?P<cue>{_SAY})\s*[:,]?\s*$", lead)
        if intro:
            speaker = self._subject_before(intro["before"] + " ")
            if speaker:
                return Attribution(speaker, intro["cue"])
        return UNATTRIBUTED

    # -- noun phrases -------------------------------------------------------------------------

    def _subject_before(self, before: str) -> Speaker | None:
        """The speaker whose phrase ends just before a verb of saying; time phrases between
        them are skipped ("the IMF this week said", "police last night said")."""
        while (time_phrase := _TIME_BEFORE.search(before)) is not None:
            before = before[: time_phrase.start()]
        words = _WORD.findall(before)
        while words and words[-1].lower() in _ADVERBS:
            words.pop()
        if len(words) >= 3 and words[-1] == ")" and words[-3] == "(":
            words = words[:-3]  # "The Federation of Independent Retailers (FIR) said"
        if words and words[-1] == ",":  # "Goulet, the French senator, agreed"
            appositive_end = len(words) - 1
            cut = [i for i, w in enumerate(words[:appositive_end]) if w == ","]
            if cut:
                role = _clean_name(words[cut[-1] + 1 : appositive_end])
                named = self._name_at_end(words[: cut[-1]])
                aged = not role and _AGE_APPOSITION.search(before)
                if aged and named is not None and named.kind == "organisation":
                    # "Taylor, 31, said": an age; the one it is told of is a person
                    return self.memory.surname(named.name) or self.memory.person(named.name, None)
                if named is not None:
                    return self._with_role(named, role)
            words = words[:appositive_end]
        if not words:
            return None
        if words[-1].lower() in ("and", "but") and len(words) >= 4 and words[-2] == ",":
            # "The senator spoke to cheers from 4,000 supporters, and said": the subject the
            # sentence opens with, when a verb follows it
            lead: list[str] = []
            for word in words:
                heads = ("the", "a", "an", *_ROLE_WORDS, *_GROUP_HEADS, *_ORG_WORDS)
                if (word.islower() and word not in heads and lead) or word == ",":
                    break
                lead.append(word)
            if 1 <= len(lead) <= 5 and len(lead) < len(words) - 2:
                opened = self._name_at_end(lead)
                if opened is not None:
                    return opened
        last = words[-1].lower()
        if last in _FIRST_PERSON:
            return None  # "we said", "I estimate": the quoted speaking, named elsewhere
        if len(words) == 1 and last in _QUESTION_WORDS:
            return None  # "Who said that 90 percent ...?": a question, no speaker
        if last in _PRONOUNS and _PRONOUNS[last] == "person":
            return self.memory.last_person()
        if last in ("it", "they") and (len(words) == 1 or words[-2] in (",", "and", "but")):
            return self.memory.last_organisation
        named = self._name_at_end(words)
        if named is None:
            # "independent researchers using crowd-counting methods estimated": the group
            # before a participle or preposition that describes it
            for index in range(len(words) - 2, max(-1, len(words) - 9), -1):
                if words[index] in (",", "(", ")") or words[index].lower() in _LEADING_CONJUNCTIONS:
                    break
                if words[index].lower() in _GROUP_HEADS and words[index + 1].lower() in _DESCRIBING:
                    return self._name_at_end(words[: index + 1])
        return named

    def _subject_after(self, after: str) -> Speaker | None:
        """The speaker named just after a verb of saying ("said Maher", "says Dr. X, a ...",
        "said agency director Ana Ribeiro")."""
        words = _WORD.findall(after)
        if not words:
            return None
        clause = re.split(r"(?<=[a-z]{2})[.;:,!?](?:\s|$)", after, maxsplit=1)[0]
        titled = _ROLE_THEN_NAME.fullmatch(clause.rstrip())
        if titled and titled["role"].split()[-1].lower() in _ROLE_WORDS:
            name = _WORD.findall(titled["name"])
            if name and not (set(map(str.lower, name)) & _NOT_NAME_WORDS):
                return self.memory.person(_clean_name(name), titled["role"].strip())
        if words[0].lower() in ("he", "she"):
            return self.memory.last_person()
        taken: list[str] = []
        for word in words:
            if word in (",", "(", ")", "“", "”", '"'):
                break
            if not taken and word.lower() in ("one", "a", "an", "the"):
                taken.append(word)
                continue
            if (
                _is_capitalised(word)
                or word.lower() in _PARTICLES
                or (
                    taken
                    and taken[0].lower() in ("one", "a", "an", "the")
                    and word.islower()
                    and word.lower() not in _ADVERBS
                    and len(taken) < 5
                )
            ):
                taken.append(word)
                if _SENTENCE_END.search(word):
                    taken[-1] = word[:-1]
                    break  # "said the director. The hospital has ...": the next sentence
                continue
            break
        if (
            taken
            and taken[0].lower() in ("one", "a", "an", "the")
            and not _is_capitalised(taken[-1])
        ):
            heads = _GROUP_HEADS | _ROLE_WORDS | _ORG_WORDS
            while taken and taken[-1].lower() not in heads:
                taken.pop()  # "said the plants would create ...": no speaker there
            if len(taken) < 2:
                return None
        if not taken:
            return None
        if taken[-1].endswith(".") and taken[-1].lower().strip(".") not in _TITLES:
            taken[-1] = taken[-1].rstrip(".")  # "said Maher." ends the sentence
        speaker = self._classify(taken)
        if speaker is not None and speaker.kind == "person":
            rest = after[after.find(taken[-1]) + len(taken[-1]) :]
            role = re.match(r"\s*,\s*((?:a|an|the)\s+[^,]+?|[A-Z][^,]+?)(?:,|\s+and\s+|$)", rest)
            if role and not _CUE.match(role[1]):
                return self._with_role(speaker, role[1].strip().rstrip(".;:"))
        return speaker

    def _name_at_end(self, words: list[str]) -> Speaker | None:
        """Classify the noun phrase at the end of ``words``."""
        taken: list[str] = []
        if words and words[-1].lower() in _REPORT_WORDS:
            taken.append(words[-1])
            words = words[:-1]
            if words and words[-1].lower() in ("new", "latest", "annual", "recent", "own"):
                words = words[:-1]
        for index in range(len(words) - 1, -1, -1):
            word = words[index]
            if word in (",", "(", ")", "“", "”", '"'):
                break
            if word in _CALENDAR and taken and taken[0].lower() in ("the", "a", "an"):
                break  # "On August 5 the government put the toll at 222": the government
            lowered = word.lower()
            if (
                taken
                and taken[-1].lower() in _GROUP_HEADS
                and word.islower()
                and index > 0
                and words[index - 1].lower() in ("a", "an")
            ):
                break  # "a continent officials say": the article belongs to another noun
            if (
                _is_capitalised(word)
                or lowered in _PARTICLES
                or (taken and lowered in _ORG_JOINERS)
            ):
                taken.insert(0, word)
                continue
            heads = _ORG_WORDS | _ROLE_WORDS  # "the harbour authority", "the regional governor"
            if (not taken and word.islower() and lowered in heads) or (
                taken
                and taken[-1].islower()
                and taken[-1].lower() in heads
                and re.fullmatch(r"[a-z][a-z-]*", word)
                and lowered not in _STOP | _LEADING_CONJUNCTIONS
                # a determiner opens the phrase: "missing while the agency said" is the agency
                and taken[0].lower() not in ("the", "a", "an")
            ):
                taken.insert(0, word)
                continue
            if lowered in _GROUP_HEADS or (
                taken
                and taken[-1].lower() in _GROUP_HEADS
                and re.fullmatch(r"[a-z][a-z-]*", word)
                and lowered not in _STOP | _LEADING_CONJUNCTIONS
            ):
                taken.insert(0, word)
                continue
            if lowered == "and" and taken and taken[-1].lower() in _GROUP_HEADS:
                taken.insert(0, word)
                continue
            break
        while taken and (
            taken[0].lower() in _ORG_JOINERS | _LEADING_CONJUNCTIONS
            or (taken[0] in _NOT_FIRST_NAMES and len(taken) > 1)
        ):
            taken.pop(0)  # "while the CGT union said": the union; "In Marseille police"
        rest = words[: len(words) - len(taken)]
        if taken and rest and rest[-1].lower() in _PLACE_PREPOSITIONS:
            # "Organisers of Sunday's protest in Hong Kong say": the place is not the speaker
            for index in range(len(rest) - 2, max(-1, len(rest) - 10), -1):
                if rest[index] in (",", "(", ")"):
                    break
                if rest[index].lower() in _GROUP_HEADS | _ORG_WORDS | _ROLE_WORDS:
                    return self._name_at_end(rest[: index + 1])
        at_start = len(taken) == len([w for w in words if w not in _ADVERBS])
        return self._classify(taken, at_start) if taken else None

    def _classify(self, words: list[str], at_start: bool = False) -> Speaker | None:
        words = [re.sub(r"['’]s$", "", w) for w in words]  # "Salgado's research"
        lowered_words = [w.lower() for w in words]
        if lowered_words and (
            all(w in _WEEKDAYS | _ORG_JOINERS for w in lowered_words)
            or (
                lowered_words[0] in ("in", "on", "last", "this", "since", "by")
                and all(w in _MONTHS | _WEEKDAYS for w in lowered_words[1:])
            )
        ):
            return None  # "On Monday said", "In May said": a time, not an agent
        if len(words) >= 2 and words[0].lower() in _DESCRIPTORS:
            words = words[1:]  # "Chipmaker Arvion", "Economist Beatriz Salgado"
        lowered = [w.lower().strip(".,") for w in words]
        indefinite = bool(lowered) and lowered[0] in ("a", "an", "one")  # "a new poll"
        if lowered and lowered[0] in ("the", "a", "an", "one"):
            words, lowered = words[1:], lowered[1:]
        if not words:
            return None
        if (
            len(words) >= 2
            and lowered[-1] in _REPORT_WORDS_SET
            and _is_capitalised(words[0])
            and all(_is_capitalised(w) or w.lower() in _ORG_JOINERS for w in words)
        ):  # "Household Spending Survey", "Office for National Statistics"
            report_speaker = Speaker(" ".join(words), "report")  # "Household Spending Survey"
            self.memory.last_organisation = report_speaker
            self.memory.organisation_at = self.memory.sentences
            return report_speaker
        report = None
        while lowered and lowered[-1] in _REPORT_WORDS:
            report = words[-1].lower()
            words, lowered = words[:-1], lowered[:-1]
        if report and (not words or lowered in (["its"], ["their"])):
            # "the research", "its report": the organisation whose work the text is reporting;
            # "a new poll" is one of its own
            # (met in this sentence or the one before: "According to the filing" three
            # paragraphs after the IMF spoke is not the IMF's)
            named = self.memory.named_organisation()
            recent = self.memory.sentences - self.memory.organisation_at <= 1
            if not indefinite and named is not None and (recent or lowered):
                return named
            return Speaker(f"the {report}", "report")
        if not words:
            return None
        if lowered in (["its"], ["their"]):
            return self.memory.last_organisation
        if lowered[-1] in _ORG_WORDS and words[-1].islower():
            return self.memory.organisation(" ".join(words))  # "the harbour authority"
        if lowered[-1] in _GROUP_HEADS and (words[-1].islower() or (at_start and len(words) == 1)):
            if len(words) > 1 and lowered[0] in ("his", "her", "their", "its", "our"):
                words, lowered = words[1:], lowered[1:]  # "Her opponents said": opponents
            name = " ".join(words)
            if at_start and not words[0].isupper() and lowered[0] not in _PROPER_ADJECTIVES:
                name = name[0].lower() + name[1:]  # "Security sources" opening a sentence
            return Speaker(name, "vague_group")
        if len(words) == 1 and words[0] in self.memory.abbreviations:
            return self.memory.organisation(words[0])
        if len(words) == 1 and _is_capitalised(words[0]) and words[0] not in _TITLES:
            known = self.memory.surname(words[0])
            if known is not None:
                return known
            if words[0] in self.memory.full_names:
                return self.memory.person(self.memory.full_names[words[0]], None)
            if at_start and lowered[0].endswith("s") and not words[0].isupper():
                return Speaker(lowered[0], "vague_group")  # "Builders warned"
            return self.memory.organisation(words[0])  # "Volterra said"
        untitled = not any(w in _ROLE_WORDS or w.strip(".") in _TITLES for w in lowered)
        if (
            any(w in _ORG_WORDS for w in lowered)
            or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)
            or (untitled and lowered[-1] in _ORG_ENDINGS)
            or (untitled and _CONNECTED_NAME.fullmatch(" ".join(words)))
        ):
            return self.memory.organisation(_clean_name(words))
        titles = [w for w in words if w.lower().strip(".") in _TITLES]
        words = [w for w in words if w.lower().strip(".") not in _TITLES]
        role_end = max((i for i, w in enumerate(words) if w.lower() in _ROLE_WORDS), default=-1)
        if 0 <= role_end < len(words) - 2 and words[role_end + 1] == "of":
            # "Secretary of State Mike Pompeo", "Chancellor of the Exchequer Philip Hammond":
            # the office runs on, leaving the name its last two words (one, when that is all)
            after = role_end + (3 if words[role_end + 2] == "the" else 2)
            rest = words[after:]
            if rest and all(_is_capitalised(w) for w in rest):
                role_end = after - 1 + len(rest) - (2 if len(rest) >= 3 else 1)
        role = _clean_name(words[: role_end + 1]) or None
        name_words = words[role_end + 1 :]
        if not name_words:
            if role and role[:1].islower():  # "the director said": a person, named by role
                return self.memory.person(role, None)
            return self.memory.organisation(role) if role else None  # "the Consumer Ombudsman"
        if len(name_words) == 1:
            known = self.memory.surname(name_words[0])
            if known is not None:
                return self._with_role(known, role) if role else known
            if not titles and not role:
                return None
        return self.memory.person(_clean_name(name_words), role)

    def _with_role(self, speaker: Speaker, role: str | None) -> Speaker:
        if not role or speaker.kind != "person" or speaker.role:
            return speaker
        return self.memory.person(speaker.name, role)

    def _source_phrase(self, rest: str) -> tuple[Speaker | None, str | None]:
        """The source after "according to" or "a report by": "a detailed report compiled by
        the Institute (IRH), entitled X", "officials", "Dr Ames"."""
        title_match = _TITLE_AFTER.search(rest)
        title = title_match["title"].strip() if title_match else None
        rest = _SOURCE_DESCRIPTION.sub("", rest, count=1)
        named = _SOURCE_NAME.match(rest)
        if named:
            # "the French interior ministry": a name, then the body it qualifies
            heads = _ORG_WORDS | _ROLE_WORDS
            after = _LOWER_WORDS.match(rest, named.end())
            extra = after.group().split() if after else []
            while extra and extra[-1].lower() not in heads:
                extra.pop()
            if extra:
                body = self._name_at_end([*_WORD.findall(rest[: named.end()]), *extra])
                if body is not None:
                    return body, title
            words = _WORD.findall(named["name"])
            while words and words[-1].lower() in _ORG_JOINERS:
                words.pop()
            speaker = self._classify(words) if words else None
            if speaker is not None:
                return speaker, title
        group = _SOURCE_GROUP.match(rest)
        if group:
            return self._classify(group[0].split()), title
        report = _REPORT_ONLY.match(rest)
        if report:
            return self._classify(report[0].split()), title
        head = re.split(r"[,;]|\s(?:there|that|which|shows?|suggests?|finds?)\s", rest, maxsplit=1)[
            0
        ]
        return self._name_at_end(_WORD.findall(head)), title  # "intensive ICCT research"
