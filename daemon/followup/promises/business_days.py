"""Which days are business days where a promise was made: weekends and public holidays.

"Within five business days" written in Barcelona on 9 September skips the Diada (11
September); at Easter in Copenhagen it skips Maundy Thursday, Good Friday and Easter Monday.
The region is the client's locale's country when it names one ("en_US" -> US), else the home
region of the text's language in its rule file ([due] holidays: "ES-CT", "SK", "GB-ENG" ...).
The public holidays come from the `holidays` package (vacanza/holidays), which follows each
country's law year by year (so a table newer than a law gives the law's days). The owners'
own `holidays` in the config are the scheduler's, for when updates go out; they are not read
here.

Some days are off by custom rather than by law, and a business counting "three working days"
skips them as its clients do: Christmas Eve, New Year's Eve and Constitution Day in Denmark,
Midsummer Eve, Christmas Eve and New Year's Eve in Sweden. The package lists them in a
category of their own per country (CUSTOMARY), and those count as days off too, except the
ones most businesses work (WORKED: Danish Workers' Day). Norway's Christmas Eve and New Year's
Eve are in no category of the package, so they count as business days.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import date, timedelta

import holidays

from .language import locale_parts


def region_for(locale_hint: str, language: str, home: str | None) -> str | None:
    """The holiday region of a client of `locale_hint` ("nb_NO", "en-US.UTF-8", "sk") reading a
    text in `language`: the locale's country when it names one the holiday tables know (a
    Norwegian client reading English still has Norway's holidays), else the language's `home`;
    a home region of the same country keeps its subdivision ("ca_ES" with home "ES-CT")."""
    parts = locale_parts(locale_hint)
    if len(parts) < 2 or not parts[1].isalpha() or parts[1].upper() not in _known_countries():
        return home
    country = parts[1].upper()
    if home is not None and home.split("-")[0] == country:
        return home
    return country


# The package's categories of days off by custom, per country: Denmark's "optional" days
# (Constitution Day, Christmas Eve, New Year's Eve; Workers' Day too, but WORKED) and Sweden's
# "de facto" ones (Midsummer Eve, Christmas Eve, New Year's Eve).
CUSTOMARY: dict[str, tuple[str, ...]] = {"DK": ("optional",), "SE": ("de_facto",)}
# Days of those categories most businesses work: Danish Workers' Day is off for some trades only.
WORKED: dict[str, frozenset[tuple[int, int]]] = {"DK": frozenset({(5, 1)})}


@functools.cache
def _known_countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


@functools.cache
def _holidays(region: str, year: int) -> frozenset[date]:
    country, _, subdivision = region.partition("-")
    worked = WORKED.get(country, frozenset())
    try:
        public = holidays.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError:  # a country or subdivision the package does not know: weekends only
        return frozenset()
    return frozenset(public) | {day for day in _customary(country, subdivision, year) if (day.month, day.day) not in worked}


def _customary(country: str, subdivision: str, year: int) -> Collection[date]:
    if country not in CUSTOMARY:
        return ()
    try:
        return holidays.country_holidays(country, subdiv=subdivision or None, years=year, categories=CUSTOMARY[country])
    except (NotImplementedError, ValueError):  # a release of the package without that category: public holidays only
        return ()


def is_business_day(day: date, region: str | None) -> bool:
    """Monday to Friday and, where the region is known, not a public holiday there."""
    return day.weekday() < 5 and (region is None or day not in _holidays(region, day.year))


def add_business_days(day: date, n: int, region: str | None = None, closed: Collection[date] = ()) -> date:
    """`day` moved forward by `n` business days of `region`, skipping the `closed` days too
    (a day off the mail itself names: a local holiday the package does not know)."""
    while n > 0:
        day += timedelta(days=1)
        if is_business_day(day, region) and day not in closed:
            n -= 1
    return day
