"""Administrative regions: province, prefecture-level city and county from names in the text.

The table of China's divisions is data (``data/regions.json``: provinces with their
short names and one-character abbreviations, prefecture-level cities, county-level
units). A region is read from the agency's name first (大同市信访局 -> 大同市 ->
山西省); a county whose name several places share (朝阳区) is settled by the cities
and provinces the text names (full or short: 长春市, 长春, 吉林省, 吉林), then by the
province abbreviations of its document numbers (吉财预 -> 吉林省); with no place in the name, the provinces the text
names and the abbreviations of its document numbers (晋 -> 山西省) vote. Namesakes
the text does not settle keep the county and whatever they share (a province), never
a guessed city.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
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
    prefecture_short: frozenset[str] = frozenset()  # 延边州 for 延边朝鲜族自治州
    city_aliases: frozenset[str] = frozenset()  # 第八师 for 第八师石河子市 (兵团 divisions)
    name_leads: tuple[str, ...] = ()  # 中共, 共青团: words before the region in an agency's name

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
    ethnic = data.get("prefecture_ethnic_names", [])
    shorts: set[str] = set()
    for name, province, _code in data["cities"]:
        div = _Division(name, name, province)
        short = _prefecture_short(name, ethnic)
        if short:
            shorts.add(short)
        for key in {name, _short_city(name), *([short] if short else [])}:
            cities.setdefault(key, []).append(div)
    aliases: dict[str, str] = data.get("city_aliases", {})
    for alias, name in aliases.items():
        cities.setdefault(alias, []).extend(d for d in cities.get(name, []) if d not in cities.get(alias, []))
    counties: dict[str, list[_Division]] = {}
    for name, city, province, _code in data["counties"]:
        counties.setdefault(name, []).append(_Division(name, city, province))
    leads = tuple(sorted(data.get("agency_name_leads", []), key=len, reverse=True))
    return RegionTable(
        provinces, abbreviations, cities, counties, frozenset(shorts), frozenset(aliases), leads
    )


def _prefecture_short(name: str, ethnic: Sequence[str]) -> str | None:
    """The name an autonomous prefecture goes by in agency names: its place name and 州.

    >>> _prefecture_short("黔东南苗族侗族自治州", ["苗族", "侗族"]), _prefecture_short("大同市", ["回族"])
    ('黔东南州', None)
    """
    if not name.endswith("自治州"):
        return None
    at = min((name.find(w) for w in ethnic if w in name), default=-1)
    return name[:at] + "州" if at >= 2 else None


def _city_key(table: RegionTable, key: str) -> bool:
    """A key naming a prefecture-level city in full (大同市, 锡林郭勒盟), as 延边州 or by an alias (第八师)."""
    return (
        key.endswith(("市", "地区", "盟", "自治州"))
        or key in table.prefecture_short
        or key in table.city_aliases
    )


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
    for name in {p for p, full in table.provinces.items() if p == full}:  # full names only (not 吉林)
        n = text.count(name)
        if n:
            provinces[table.provinces[name]] += n
    for name, divs in table.cities.items():
        if _city_key(table, name):
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
    >>> resolve_region("鼓楼区民政局", "经开封市财政局审核").label
    '河南省开封市鼓楼区'
    >>> resolve_region("鼓楼区民政局", "", ["闽财预"]).label
    '福建省福州市鼓楼区'
    >>> resolve_region("鼓楼区民政局", "江苏省").label, resolve_region("鼓楼区民政局").label
    ('江苏省鼓楼区', '鼓楼区')
    >>> resolve_region("恩施州民政局").label, resolve_region("海南州财政局").label
    ('湖北省恩施土家族苗族自治州', '青海省海南藏族自治州')
    >>> resolve_region("中共长阳土家族自治县委宣传部").label, resolve_region("共青团第八师石河子市委员会").label
    ('湖北省宜昌市长阳土家族自治县', '新疆生产建设兵团第八师石河子市')
    >>> resolve_region("第十一师财政局").label, resolve_region("伊金霍洛旗教育局").label
    ('新疆生产建设兵团第十一师', '内蒙古自治区鄂尔多斯市伊金霍洛旗')
    """
    table = region_table()
    issuers = list(issuers)
    rest = next((name[len(w) :] for w in table.name_leads if name.startswith(w)), name)  # 中共某某县委
    province: str | None = None
    for prefix in _prefixes(rest):
        if prefix in table.provinces and _province_prefix(prefix, rest[len(prefix) : len(prefix) + 1]):
            province = table.provinces[prefix]
            rest = rest[len(prefix) :]
            break
    city: str | None = None
    for prefix in _prefixes(rest):
        divs = [d for d in table.cities.get(prefix, []) if province in (None, d.province)]
        if _city_key(table, prefix) and divs:
            chosen = _narrow(divs, text, issuers)
            if len(chosen) == 1:
                city, province = chosen[0].name, chosen[0].province
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
            chosen = _narrow(divs, text, issuers)  # namesakes not settled: what they share
            county = prefix
            province = province or _shared([d.province for d in chosen])
            city = city or _shared([d.city for d in chosen])
            break
    if province is None and county is None:
        province = _vote(places_named(text)[0], issuers)
    return Region(province, city, county)


def _shared(values: list[str | None]) -> str | None:
    return values[0] if len(set(values)) == 1 else None


def _province_prefix(prefix: str, following: str) -> bool:
    """Whether a province name heads the agency's name (吉林 in 吉林市… is a city's, not the province's)."""
    if prefix.endswith(("省", "自治区", "特别行政区", "市")):
        return True
    return following not in ("市", "县", "区", "州", "盟", "地")


def _narrow(divs: list[_Division], text: str, issuers: Sequence[str]) -> list[_Division]:
    """The namesakes the text supports: those whose city it names most, then among them those
    whose province it (or a document number's abbreviation) names most; all when it names none.

    >>> table = region_table()
    >>> [d.city for d in _narrow(table.counties["鼓楼区"], "徐州市财政局", ())]
    ['徐州市']
    >>> [d.province for d in _narrow(table.counties["朝阳区"], "", ["吉财预"])]
    ['吉林省']
    >>> [d.city for d in _narrow(table.counties["鼓楼区"], "江苏省", ())]
    ['南京市', '徐州市']
    """
    if len(divs) > 1:
        divs = _best(divs, lambda d: _mentions(text, _city_names(d.city)) if d.city else 0)
    if len(divs) > 1:
        votes = _abbreviation_votes(issuers)
        divs = _best(divs, lambda d: _mentions(text, _province_names(d.province)) + votes[d.province])
    return divs


def _best(divs: list[_Division], score: Callable[[_Division], int]) -> list[_Division]:
    scores = [score(d) for d in divs]
    top = max(scores)
    return [d for d, n in zip(divs, scores, strict=True) if n == top] if top > 0 else divs


def _mentions(text: str, names: Iterable[str]) -> int:
    """Occurrences of any of ``names`` in ``text``, longest first, not counting overlaps."""
    words = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    if not text or not words:
        return 0
    return len(re.findall("|".join(re.escape(w) for w in words), text))


def _city_names(city: str) -> set[str]:
    return {city, _short_city(city)}


def _province_names(province: str) -> set[str]:
    return {k for k, v in region_table().provinces.items() if v == province}


def _abbreviation_votes(issuers: Iterable[str]) -> Counter[str]:
    table = region_table()
    votes: Counter[str] = Counter()
    for issuer in issuers:
        province = table.province_of_abbreviation(issuer[:1]) if issuer else None
        if province:
            votes[province] += 1
    return votes


def namesakes(county: str) -> list[str]:
    """The full labels of every county-level division called ``county``.

    >>> namesakes("朝阳区")
    ['北京市朝阳区', '吉林省长春市朝阳区']
    """
    return [Region(d.province, d.city, d.name).label for d in region_table().counties.get(county, [])]


def _vote(named_provinces: Counter[str], issuers: Iterable[str]) -> str | None:
    votes = _abbreviation_votes(issuers)
    votes.update(named_provinces)
    if not votes:
        return None
    (best, n), *others = [*votes.most_common(2), ("", 0)]
    return best if n > others[0][1] else None
