"""Units that measure the same thing: a wildfire's area in acres, hectares or square
kilometres, a distance in miles or kilometres. A figure in one is linked to a quantity in
another and compared in the quantity's unit; nothing stored changes (pure, no database).

The conversion factors come from Pint's unit registry, the maintained library for physical
units; it is loaded only when two different units meet, as building it takes a few tenths of a
second. Only the units the figure grammar writes (:mod:`provenance._figure_words`) are mapped to
Pint's names here; currencies never convert (a rate is of a day, not a definition), nor do
temperatures (an offset, not a factor).

>>> factor("acre", "ha")
Decimal('0.40468564224')
>>> factor("km2", "ha"), factor("ha", "ha")
(Decimal('100'), Decimal('1'))
>>> print(factor("km2", "km"), factor("USD", "GBP"), factor("count", "km2"))
None None None
>>> convertible("mi", "km"), convertible("t", "kg"), convertible("percent", "count")
(True, True, False)
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

# The figure grammar's units, by the name Pint knows them by.
_PINT_NAMES = {
    "km2": "km**2",
    "mi2": "mile**2",
    "ha": "hectare",
    "acre": "43560 * foot**2",  # the international acre (Pint's "acre" is the US survey one)
    "km": "km",
    "mi": "mile",
    "m": "meter",
    "cm": "cm",
    "mm": "mm",
    "ft": "foot",
    "in": "inch",
    "yd": "yard",
    "kg": "kg",
    "t": "metric_ton",
    "lb": "pound",
    "oz": "ounce",
    "mg": "mg",
    "L": "liter",
    "ml": "ml",
    "gal": "gallon",
    "km/h": "km/hour",
    "mph": "mile/hour",
    "kW": "kW",
    "MW": "MW",
    "GW": "GW",
    "hp": "horsepower",
    "kWh": "kW*hour",
    "MWh": "MW*hour",
    "GWh": "GW*hour",
    "TWh": "TW*hour",
    "MB": "megabyte",
    "GB": "gigabyte",
    "TB": "terabyte",
    "Hz": "Hz",
    "kHz": "kHz",
    "MHz": "MHz",
    "GHz": "GHz",
}
_DIGITS = 12  # significant digits a factor keeps: Pint's are floats


@cache
def _registry() -> Any:
    import pint  # a few tenths of a second: only when two units meet

    return pint.UnitRegistry()


@lru_cache(maxsize=1024)
def factor(source: str, target: str) -> Decimal | None:
    """What a figure in ``source`` is multiplied by to be in ``target``; ``None`` when the
    two measure different things, or either is no physical unit the grammar writes."""
    if source == target:
        return Decimal(1)
    if source not in _PINT_NAMES or target not in _PINT_NAMES:
        return None
    import pint

    registry = _registry()
    try:
        ratio = registry.parse_expression(_PINT_NAMES[source]) / registry.parse_expression(
            _PINT_NAMES[target]
        )
        value = ratio.to("dimensionless").magnitude
    except pint.DimensionalityError:
        return None
    return Decimal(f"{float(value):.{_DIGITS}g}")


def convertible(source: str, target: str) -> bool:
    """Whether a figure in ``source`` can be compared with one in ``target``."""
    return source == target or (
        source in _PINT_NAMES and target in _PINT_NAMES and factor(source, target) is not None
    )
