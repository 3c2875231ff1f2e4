"""Word tables for the figure grammar in ``provenance.figures`` (data only, no logic).

Keys are lower case with single spaces; the grammar matches them case-insensitively with any
run of whitespace between words.
"""

from __future__ import annotations

from decimal import Decimal

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SMALL_NUMBERS: dict[str, int] = {word: value for value, word in enumerate(_UNITS + _TEENS)} | {
    word: 10 * tens for tens, word in enumerate(_TENS, 2)
}

SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "m": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "bln": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
    "trn": 10**12,
    # South Asian scales ("Rs 8,316 crore" is 83.16 billion rupees, "1.5 lakh" 150,000)
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}

# Multipliers before a figure ("double the 150"); "half" and "N times" are handled by the grammar.
MULTIPLIERS: dict[str, Decimal] = {
    "twice": Decimal(2),
    "double": Decimal(2),
    "triple": Decimal(3),
    "treble": Decimal(3),
    "quadruple": Decimal(4),
}

# Fractions are read as percentages: numerator (a, one .. nine) * 100 / denominator.
FRACTION_DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}

# Hedge phrase -> Hedge value. "almost", "nearly", "just under" and "just over" read as
# approximately: they say the figure is close, not which side it falls.
_HEDGES_BY_KIND: dict[str, tuple[str, ...]] = {
    "approximately": (
        "about", "around", "roughly", "approximately", "approx.", "approx", "some", "nearly",
        "almost", "close to", "an estimated", "estimated", "an average of", "on average",
        "circa", "c.", "ca.", "more or less", "just under", "just over", "an approximate",
        "closer to", "nearer to", "nearer",
    ),
    "at_least": (
        "at least", "no fewer than", "not fewer than", "no less than", "not less than",
        "a minimum of", "greater than or equal to", "more than or equal to", "as low as",
    ),
    "more_than": (
        "more than", "over", "upwards of", "in excess of", "above", "exceeding", "greater than",
        "well over", "well above", "exceeds", "exceeded",
    ),
    "at_most": (
        "up to", "at most", "no more than", "not more than", "a maximum of", "as many as",
        "as much as", "as high as", "less than or equal to", "fewer than or equal to",
    ),
    "less_than": ("fewer than", "less than", "under", "below", "well under", "well below"),
}  # fmt: skip
HEDGE_PHRASES: dict[str, str] = {
    phrase: kind for kind, phrases in _HEDGES_BY_KIND.items() for phrase in phrases
}

# Currency symbols and codes written before digits -> ISO 4217 code. Codes are case-sensitive.
CURRENCY_PREFIXES: dict[str, str] = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "US$": "USD",
    "$US": "USD",
    "A$": "AUD",
    "$A": "AUD",
    "RM": "MYR",
    "S$": "SGD",
    "R$": "BRL",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "Rs": "INR",
    **{code: code for code in ("USD", "GBP", "EUR", "JPY", "CNY", "CHF", "INR", "AUD", "CAD")},
}

# Words written after a number -> normalised unit. "m" alone is never metres: it is a scale.
_UNITS_BY_SYMBOL: dict[str, tuple[str, ...]] = {
    "percent": ("%", "per cent", "per-cent", "percent", "pc", "pct"),
    "percentage_points": (
        "percentage points", "percentage point", "percentage-points", "percentage-point",
    ),
    "GBP": ("pounds sterling", "pound sterling", "pounds", "pound", "sterling"),
    "USD": ("us dollars", "us dollar", "dollars", "dollar"),
    "EUR": ("euros", "euro"),
    "JPY": ("yen",),
    "CNY": ("yuan", "renminbi"),
    "INR": ("rupees", "rupee"),
    "CHF": ("swiss francs", "swiss franc"),
    "km2": (
        "square kilometres", "square kilometre", "square kilometers", "square kilometer",
        "sq km", "sq. km", "km2", "km²",
    ),
    "mi2": ("square miles", "square mile", "sq miles", "sq mi"),
    "km/h": ("kilometres per hour", "kilometers per hour", "km/h", "kph", "kmh"),
    "mph": ("miles per hour", "mph"),
    "km": ("kilometres", "kilometre", "kilometers", "kilometer", "kms", "km"),
    "mi": ("miles", "mile"),
    "m": ("metres", "metre", "meters", "meter"),
    "cm": ("centimetres", "centimetre", "centimeters", "centimeter", "cm"),
    "mm": ("millimetres", "millimetre", "millimeters", "millimeter", "mm"),
    "ft": ("feet", "foot", "ft"),
    "in": ("inches", "inch"),
    "yd": ("yards", "yard", "yds"),
    "kg": ("kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo", "kgs", "kg"),
    "t": ("metric tonnes", "metric tons", "tonnes", "tonne", "tons", "ton"),
    "lb": ("lbs", "lb"),
    "oz": ("ounces", "ounce", "oz"),
    "ha": ("hectares", "hectare", "ha"),
    "acre": ("acres", "acre"),
    "L": ("litres", "litre", "liters", "liter"),
    "gal": ("gallons", "gallon"),
    "degC": ("degrees celsius", "degree celsius", "degrees centigrade", "°c", "° c"),
    "degF": ("degrees fahrenheit", "degree fahrenheit", "°f", "° f"),
    "MW": ("megawatts", "megawatt", "mw"),
    "GW": ("gigawatts", "gigawatt", "gw"),
    "kWh": ("kilowatt hours", "kilowatt-hours", "kwh"),
    "MWh": ("megawatt hours", "megawatt-hours", "mwh"),
    "GWh": ("gigawatt hours", "gigawatt-hours", "gwh"),
    "TWh": ("terawatt hours", "terawatt-hours", "twh"),
    "kW": ("kilowatts", "kilowatt", "kw"),
    "hp": ("brake horsepower", "horsepower", "bhp", "hp"),
    "mg": ("milligrams", "milligram", "mg"),
    "ml": ("millilitres", "millilitre", "milliliters", "milliliter", "ml"),
    "MB": ("megabytes", "megabyte", "mb"),
    "GB": ("gigabytes", "gigabyte", "gb"),
    "TB": ("terabytes", "terabyte", "tb"),
    "Hz": ("hertz", "hz"),
    "kHz": ("kilohertz", "khz"),
    "MHz": ("megahertz", "mhz"),
    "GHz": ("gigahertz", "ghz"),
}  # fmt: skip
UNIT_WORDS: dict[str, str] = {
    word: symbol for symbol, words in _UNITS_BY_SYMBOL.items() for word in words
}

# The one table of vague-amount bounds (phrase, low, high); documented in provenance.figures.
VAGUE_TABLE: tuple[tuple[str, int, int], ...] = (
    ("a couple", 2, 3),
    ("a couple of hundred", 200, 300),
    ("a couple of thousand", 2_000, 3_000),
    ("a couple of million", 2 * 10**6, 3 * 10**6),
    ("a few", 2, 9),
    ("a handful", 2, 9),
    ("dozens", 24, 99),
    ("several dozen", 24, 99),
    ("a few dozen", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 100, 999),
    ("several hundred", 200, 999),
    ("a few hundred", 200, 999),
    ("thousands", 1_000, 9_999),
    ("several thousand", 2_000, 9_999),
    ("a few thousand", 2_000, 9_999),
    ("tens of thousands", 10_000, 99_999),
    ("hundreds of thousands", 100_000, 999_999),
    ("millions", 10**6, 10**7 - 1),
    ("several million", 2 * 10**6, 10**7 - 1),
    ("a few million", 2 * 10**6, 10**7 - 1),
    ("tens of millions", 10**7, 10**8 - 1),
    ("hundreds of millions", 10**8, 10**9 - 1),
    ("billions", 10**9, 10**10 - 1),
    ("several billion", 2 * 10**9, 10**10 - 1),
    ("tens of billions", 10**10, 10**11 - 1),
    ("hundreds of billions", 10**11, 10**12 - 1),
)
