"""Administrative regions: province, prefecture-level city and county from names in the text.

The table of China's divisions is data (``data/regions.json``: provinces with their
short names and one-character abbreviations, prefecture-level cities, county-level
units). A region is read from the agency's name first (大同市信访局 -> 大同市 ->
山西省); a county whose name several places share (朝阳区) is settled by the cities
and provinces the text names; with no place in the name, the provinces the text
names and the abbreviations of its document numbers (晋 -> 山西省) vote.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .records import Region


@dataclass(frozen=True)
class _Division:
    name: str
    city: str | None
    province: str


@dataclass(frozen=True)
class RegionTable:
    provinces: dict[str, str]  # full name -> full name, also keyed by short name (山西 -> 山西省)
    abbreviations: dict[str, str]  # 晋 -> 山西省
    cities: dict[str, list[_Division]]  # 大同市 and 大同 -> divisions
    counties: dict[str, list[_Division]]  # 泽州县 -> divisions

    def province_of_abbreviation(self, abbr: str) -> str | None:
        """The province a one-character abbreviation stands for.

        >>> region_table().province_of_abbreviation("鄂")
        '湖北省'
        """
        return self.abbreviations.get(abbr)


@cache
def region_table() -> RegionTable:
    """The division table of data/regions.json, indexed for lookups."""
    raw = resources.files("budgetkg.ingest").joinpath("data/regions.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    provinces: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for name, short, abbr, _code in data["provinces"]:
        provinces[name] = name
        provinces[short] = name
        abbreviations[abbr] = name
    cities: dict[str, list[_Division]] = {}
    for name, province, _code in data["cities"]:
        div = _Division(name, name, province)
        for key in {name, _short_city(name)}:
            cities.setdefault(key, []).append(div)
    counties: dict[str, list[_Division]] = {}
    for name, city, province, _code in data["counties"]:
        counties.setdefault(name, []).append(_Division(name, city, province))
    return RegionTable(provinces, abbreviations, cities, counties)


def _short_city(name: str) -> str:
    for suffix in ("市", "地区", "盟", "自治州"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _prefixes(text: str) -> Iterable[str]:
    """Leading substrings of ``text``, longest first (region names head an agency's name)."""
    for end in range(min(len(text), 12), 1, -1):
        yield text[:end]


def places_named(text: str) -> tuple[Counter[str], Counter[str]]:
    """How often each province and each prefecture-level city is named in ``text``.

    >>> provinces, cities = places_named("山西省财政厅、晋城市司法局和晋城市信访局")
    >>> provinces["山西省"], cities["晋城市"]
    (1, 2)
    """
    table = region_table()
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    for name in {p for p in table.provinces if p.endswith(("省", "市", "自治区", "特别行政区"))}:
        n = text.count(name)
        if n:
            provinces[table.provinces[name]] += n
    for name, divs in table.cities.items():
        if name.endswith(("市", "地区", "盟", "自治州")):
            n = text.count(name)
            if n and len(divs) == 1:
                cities[divs[0].name] += n
    return provinces, cities


def resolve_region(name: str, text: str = "", issuers: Iterable[str] = ()) -> Region:
    """The region an agency belongs to, as far as its name and the document's text support.

    ``issuers`` are the issuer codes of document numbers cited in the document; their
    first characters vote for a province when nothing else names one.

    >>> resolve_region("大同市信访局").label
    '山西省大同市'
    >>> resolve_region("泽州县信访局").label
    '山西省晋城市泽州县'
    >>> resolve_region("曾都区信访局").label
    '湖北省随州市曾都区'
    >>> resolve_region("朝阳区财政局", "北京市朝阳区").label
    '北京市朝阳区'
    >>> resolve_region("市信访局", "", ["晋财行", "晋政办发", "同办字"]).label
    '山西省'
    """
    table = region_table()
    named_provinces, named_cities = places_named(text)
    rest = name
    province: str | None = None
    for prefix in _prefixes(rest):
        if prefix in table.provinces and _province_prefix(prefix, rest[len(prefix) : len(prefix) + 1]):
            province = table.provinces[prefix]
            rest = rest[len(prefix) :]
            break
    city: str | None = None
    for prefix in _prefixes(rest):
        divs = [d for d in table.cities.get(prefix, []) if province in (None, d.province)]
        if prefix.endswith(("市", "地区", "盟", "自治州")) and divs:
            chosen = _choose(divs, named_provinces, named_cities)
            if chosen:
                city, province = chosen.name, chosen.province
                rest = rest[len(prefix) :]
            break
    county: str | None = None
    for prefix in _prefixes(rest):
        divs = [
            d
            for d in table.counties.get(prefix, [])
            if province in (None, d.province) and city in (None, d.city)
        ]
        if divs:
            chosen = _choose(divs, named_provinces, named_cities)
            if chosen:
                county, province = chosen.name, chosen.province
                city = city or chosen.city
            break
    if province is None:
        province = _vote(named_provinces, issuers)
    return Region(province, city, county)


def _province_prefix(prefix: str, following: str) -> bool:
    """Whether a province name heads the agency's name (吉林 in 吉林市… is a city's, not the province's)."""
    if prefix.endswith(("省", "自治区", "特别行政区", "市")):
        return True
    return following not in ("市", "县", "区", "州", "盟", "地")


def _choose(
    divs: list[_Division], named_provinces: Counter[str], named_cities: Counter[str]
) -> _Division | None:
    """One division among namesakes: the only one, or the one whose city or province the text names."""
    if len(divs) == 1:
        return divs[0]
    by_city = [d for d in divs if d.city and named_cities[d.city]]
    if len(by_city) == 1:
        return by_city[0]
    by_province = [d for d in divs if named_provinces[d.province]]
    if len(by_province) == 1:
        return by_province[0]
    return None


def _vote(named_provinces: Counter[str], issuers: Iterable[str]) -> str | None:
    table = region_table()
    votes: Counter[str] = Counter()
    for issuer in issuers:
        province = table.province_of_abbreviation(issuer[:1]) if issuer else None
        if province:
            votes[province] += 1
    votes.update(named_provinces)
    if not votes:
        return None
    (best, n), *others = [*votes.most_common(2), ("", 0)]
    return best if n > others[0][1] else None
