"""Citations: titles in 《》 and document numbers (发文字号), bound into one citation each.

A document number is an issuer code, a year and a serial: 晋市财行〔2025〕103号. The
year stands in any bracket PDF exports produce (〔〕【】[]［］()（）, full or half
width, spaces inside), is followed by 年 (宏文2019年305号), or lost its brackets
(鲁财农2020 15号: a space or 第 between year and serial); 號 counts as 号. A decree
number has an organ, 令 and a serial but no year (国务院令第649号, 财政部令第87号); its
serial may be written in Chinese numerals (主席令第十二号, 国务院令第七百一十号), kept so
in ``text`` and parsed into ``serial``.
National standards (GB/T 37668-2019) and meeting numbers in brackets after a title
((2016第6次)) count too. A number's ``text`` is as written (its brackets and 號 too), digits folded to half
width and spaces dropped (one kept between the year and serial of a bracketless
number); its issuer, year and serial are parsed. The graph unifies the brackets for
identity (``graph.iris.doc_number_key``).

Binding, within one clause (text between ， , 。 ； ;):

1. a number right after a title (only brackets, spaces or a short wrapper such as
   的通知 between: 《…》的通知（晋财行〔2020〕182号）) belongs to that title;
2. otherwise a number belongs to the titles that follow it up to the next number
   (同财行[2019]36号 关于印发《A》《B》的通知 -> A and B each get the number); with no
   《》 after it, a title written plainly after it (…号关于…的通知) is taken;
3. a number with no title is a citation of its own, and so is a title with no number.

Words are data: ``data/document_kinds.txt``, ``data/doc_number_stops.txt`` and
``data/doc_issuer_chars.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .records import Citation, DocNumber, Field, Span

_OPEN = "〔【[［(（"
_CLOSE = "〕】]］)）"
_CJK = r"\u4e00-\u9fff"
# issuer, bracketed year, serial: 晋市财行【2025】103号
_HAO = "[号號]"  # 號: the traditional form some exports keep
_BRACKETED = re.compile(
    rf"(?P<issuer>[{_CJK}]{{1,16}})\s*[{re.escape(_OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(_CLOSE)}]"
    rf"\s*第?\s*(?P<serial>\d{{1,6}})\s*(?P<hao>{_HAO})"
)
# issuer, year with 年, serial: 宏文2019年305号
_YEAR_WORD = re.compile(
    rf"(?P<issuer>[{_CJK}]{{1,16}})\s*(?P<year>\d{{4}})\s*年\s*第?\s*(?P<serial>\d{{1,6}})\s*{_HAO}"
)
# the brackets lost: 鲁财农2020 15号 (a space or 第 must part year and serial)
_BARE = re.compile(
    rf"(?P<issuer>[{_CJK}]{{1,16}})\s*(?P<year>\d{{4}})(?:\s+第?|\s*第)\s*(?P<serial>\d{{1,6}})\s*{_HAO}"
)
# Chinese numerals: digits and the powers of ten a serial uses (七百一十, 一〇五)
_CN_DIGITS = {
    c: d for d, cs in enumerate(("零〇", "一", "二两", "三", "四", "五", "六", "七", "八", "九")) for c in cs
}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = f"[{''.join(_CN_DIGITS)}{''.join(_CN_POWERS)}]{{1,8}}"
# a decree: organ, 令, serial and no year: 国家市场监督管理总局令第15号, 主席令第十二号,
# 主席令（第六十八号）
_DECREE = re.compile(
    rf"(?P<issuer>[{_CJK}]{{2,20}}?)令\s*(?P<open>[（(]\s*)?第\s*(?P<serial>\d{{1,6}}|{_CN_NUMBER})\s*{_HAO}"
    r"(?(open)\s*[）)])"
)
# national / local standards: GB/T 37668-2019, DB14/T 1234-2020
_STANDARD = re.compile(
    r"(?<![A-Za-z])(?P<issuer>GB(?:/[TZ])?|DB\d{2}(?:/T)?|[A-Z]{2}(?:/T))\s*(?P<serial>\d{1,6})(?:\.\d+)?"
    r"\s*[-—–]\s*(?P<year>\d{4})(?!\d)"
)
# a meeting number in brackets: （2016第6次）
_SESSION = re.compile(
    rf"(?<=[{re.escape(_OPEN)}])\s*(?P<year>\d{{4}})\s*年?\s*第\s*(?P<serial>\d{{1,4}})\s*次\s*(?=[{re.escape(_CLOSE)}])"
)
_CLAUSE_END = "，,。；;\n"
_GAP_PUNCT = re.compile(rf"[\s{re.escape(_OPEN)}:：]*")
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULL_WIDTH.update({ord(c): ord(c) for c in _OPEN + _CLOSE})  # keep every bracket as written


def _fold(text: str) -> str:
    """Full-width ASCII to half width, character for character (positions kept)."""
    return text.translate(_FULL_WIDTH)


def _data_words(name: str) -> tuple[str, ...]:
    raw = resources.files("budgetkg.ingest").joinpath(f"data/{name}").read_text(encoding="utf-8")
    words = {w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")}
    return tuple(sorted(words, key=len, reverse=True))


@cache
def document_kinds() -> tuple[str, ...]:
    """Title endings of official documents (通知, 办法, 意见 ...), longest first."""
    return _data_words("document_kinds.txt")


@cache
def _stop_words() -> tuple[tuple[str, bool], ...]:
    """(word, may stand inside an organ's full name) of data/doc_number_stops.txt, longest first."""
    raw = resources.files("budgetkg.ingest").joinpath("data/doc_number_stops.txt").read_text(encoding="utf-8")
    rows = [ln.split() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    words = {(r[0], "organ" in r[1:]) for r in rows}
    return tuple(sorted(words, key=lambda w: -len(w[0])))


@cache
def _issuer_stops() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w, _organ in _stop_words()))


@cache
def _decree_stops() -> re.Pattern[str]:
    """Stop words of a decree's organ name: not those full names hold (人力资源和社会保障部, 应急管理部)."""
    return re.compile("|".join(re.escape(w) for w, organ in _stop_words() if not organ))


@dataclass(frozen=True)
class _Found:
    number: DocNumber
    start: int
    end: int


_ISSUER_MAX = 6  # the longest issuer codes: 国卫办规划发, 忻深改办发


@cache
def _issuer_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(region abbreviations, organ characters) of issuer codes, from data/doc_issuer_chars.txt."""
    raw = resources.files("budgetkg.ingest").joinpath("data/doc_issuer_chars.txt").read_text(encoding="utf-8")
    pairs = [ln.split() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    regions = frozenset(c for role, c in pairs if role == "region")
    organs = frozenset(c for role, c in pairs if role == "organ")
    return regions, regions | organs


def _trim_issuer(issuer: str) -> str:
    """The issuer code in the text before a number's bracket.

    Cut after the last word that cannot belong to it (data/doc_number_stops.txt). What
    is left, if longer than any issuer code (6 characters), is running text before the
    code: the code is the run of issuer characters at its end (data/doc_issuer_chars.txt),
    from its first region abbreviation ('疫苗统一湘财购' gives 湘财购), else with the one
    character before it (a city abbreviation the data does not list: 宜政办发).

    >>> _trim_issuer("标采购执行湘财购"), _trim_issuer("疫苗统一湘财购"), _trim_issuer("统一组织宜政办发")
    ('湘财购', '湘财购', '宜政办发')
    """
    last = 0
    for m in _issuer_stops().finditer(issuer):
        last = max(last, m.end())
    rest = issuer[last:][-8:]
    if len(rest) <= _ISSUER_MAX:
        return rest
    regions, known = _issuer_chars()
    k = len(rest)
    while k > 0 and rest[k - 1] in known:
        k -= 1
    run = rest[k:]
    first_region = next((i for i, c in enumerate(run) if c in regions and i < len(run) - 1), None)
    if first_region is not None:
        return run[first_region:]
    return rest[max(k - 1, len(rest) - _ISSUER_MAX) :]


def chinese_number(text: str) -> int | None:
    """The value of a serial in Chinese numerals, positional (一〇五) or with powers of ten
    (七百一十); None for text that is not one.

    >>> chinese_number("十二"), chinese_number("七百一十"), chinese_number("六十八"), chinese_number("一千零五")
    (12, 710, 68, 1005)
    >>> chinese_number("一〇五"), chinese_number("十"), chinese_number("一百十"), chinese_number("百十")
    (105, 10, 110, None)
    """
    if not text or any(c not in _CN_DIGITS and c not in _CN_POWERS for c in text):
        return None
    if not any(c in _CN_POWERS for c in text):  # positional: 一〇五
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit, last_power = 0, None, 10_000
    for c in text:
        if c in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[c] != 0:
                return None  # two digits in a row: 七一百
            digit = _CN_DIGITS[c] or None
        else:
            power = _CN_POWERS[c]
            if power >= last_power or (digit is None and power != 10):
                return None  # 百十, a bare 百 (but 十二, 一百十)
            total += (digit or 1) * power
            digit, last_power = None, power
    return total + (digit or 0)


def _serial(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_number(text)


def _year_ok(year: int) -> bool:
    return 1949 <= year <= 2100


def _decree_issuer(text: str) -> str:
    """The organ of a decree number, from the text before its 令: after the last stop word.

    >>> _decree_issuer("根据人力资源和社会保障部"), _decree_issuer("执行应急管理部"), _decree_issuer("省政府")
    ('人力资源和社会保障部', '应急管理部', '省政府')
    """
    last = 0
    for m in _decree_stops().finditer(text):
        last = max(last, m.end())
    return text[last:]


def _code_like(issuer: str) -> bool:
    """Issuer-code characters after a region (鲁财农), or after any one character when three or
    more (昌州财采: a city the data does not list); not 计划.

    A number without brackets (鲁财农2020 15号) has nothing else to tell it from a year
    and a count in running text.
    """
    regions, known = _issuer_chars()
    if not 2 <= len(issuer) <= _ISSUER_MAX or any(c not in known for c in issuer[1:]):
        return False
    return issuer[0] in regions or len(issuer) >= 3


def find_doc_numbers(text: str) -> list[tuple[DocNumber, int, int]]:
    """Every document number in ``text`` with its start and end offsets, in order.

    >>> [(n.text, s, e) for n, s, e in find_doc_numbers("根据晋财行【2020】182号文件")]
    [('晋财行【2020】182号', 2, 15)]
    """
    folded = _fold(text)
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for pattern in (_BRACKETED, _YEAR_WORD, _BARE):
        for m in pattern.finditer(folded):
            issuer = _trim_issuer(m.group("issuer"))
            year, serial = int(m.group("year")), int(m.group("serial"))
            if not issuer or not _year_ok(year) or (pattern is _BARE and not _code_like(issuer)):
                continue
            start = m.end("issuer") - len(issuer)
            if not free(start, m.end()):
                continue
            if pattern is _BARE:  # one space keeps year and serial apart: 鲁财农2020 15号
                tail = re.sub(r"\s+", "", folded[m.end("year") : m.end()])
                written = f"{issuer}{year}{'' if tail.startswith('第') else ' '}{tail}"
            else:
                written = re.sub(r"\s+", "", folded[start : m.end()])
            found.append(_Found(DocNumber(written, issuer, year, serial), start, m.end()))
            taken.append((start, m.end()))
    for m in _DECREE.finditer(folded):
        issuer = _decree_issuer(m.group("issuer"))
        start = m.end("issuer") - len(issuer)
        if len(issuer) < 2 or not free(start, m.end()):
            continue
        serial = _serial(m.group("serial"))
        if serial is None:
            continue
        written = re.sub(r"\s+", "", folded[start : m.end()])
        found.append(_Found(DocNumber(written, issuer, None, serial), start, m.end()))
        taken.append((start, m.end()))
    for pattern in (_STANDARD, _SESSION):
        for m in pattern.finditer(folded):
            year, serial = int(m.group("year")), int(m.group("serial"))
            if not _year_ok(year) or not free(m.start(), m.end()):
                continue
            issuer = m.groupdict().get("issuer") or ""
            written = re.sub(r"\s+", "", folded[m.start() : m.end()])
            found.append(_Found(DocNumber(written, issuer, year, serial), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return [(f.number, f.start, f.end) for f in found]


def parse_doc_number(text: str) -> DocNumber | None:
    """The first document number in ``text``, brackets as written, or None.

    >>> parse_doc_number("晋市财行【2025】103号")
    DocNumber(text='晋市财行【2025】103号', issuer='晋市财行', year=2025, serial=103)
    >>> parse_doc_number("忻司发 [ 2022 ] 35 号").text
    '忻司发[2022]35号'
    >>> parse_doc_number("（国办发（2017）47号）").issuer
    '国办发'
    >>> parse_doc_number("宏文2019年305号").serial
    305
    >>> parse_doc_number("GB/T37668-2019")
    DocNumber(text='GB/T37668-2019', issuer='GB/T', year=2019, serial=37668)
    >>> parse_doc_number("信访工作条例") is None
    True
    """
    found = find_doc_numbers(text)
    return found[0][0] if found else None


_INNER = re.compile(r"[〈<《]([^〈〉<>《》]{2,})[〉>》]")


def inner_titles(title: str) -> tuple[str, ...]:
    """The titles quoted inside a title (关于印发〈XX办法〉的通知 -> XX办法), in order.

    The notice that issues a regulation and the regulation are cited by either name;
    :class:`~budgetkg.ingest.records.Citation` keeps the outer one as ``title``.

    >>> inner_titles("关于印发〈山洪灾害监测预警系统运行维护管理办法（试行）〉的通知")
    ('山洪灾害监测预警系统运行维护管理办法（试行）',)
    >>> inner_titles("关于印发<A办法>和<B细则>的通知"), inner_titles("信访工作条例")
    (('A办法', 'B细则'), ())
    """
    return tuple(m.group(1).strip() for m in _INNER.finditer(title))


@dataclass
class _Title:
    text: str
    start: int  # offset of the opening 《 (or of the title's first character)
    end: int  # offset after the closing 》
    number: DocNumber | None = None
    number_end: int = 0


def _find_titles(text: str, numbers: list[tuple[DocNumber, int, int]]) -> list[_Title]:
    """Titles in 《》 (outermost pair; inner brackets kept), plus orphan-closed and unclosed ones."""
    titles: list[_Title] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "《":
            depth, j = 0, i
            while j < n:
                if text[j] == "《":
                    depth += 1
                elif text[j] == "》":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j < n:
                titles.append(_Title(text[i + 1 : j], i, j + 1))
                i = j + 1
                continue
            # never closed: up to the next 《 or the end of the sentence
            stop = _next_stop(text, i + 1, "《。；;\n")
            titles.append(_Title(text[i + 1 : stop], i, stop))
            i = stop
            continue
        if ch == "》":  # closed but never opened: the title starts at 关于 or the clause start
            begin = _orphan_start(text, i, titles, numbers)
            titles.append(_Title(text[begin:i], begin, i + 1))
        i += 1
    out = []
    for t in titles:
        t.text = re.sub(r"\s+", " ", t.text).strip()
        if len(t.text) >= 2:
            out.append(t)
    return out


def _next_stop(text: str, start: int, stops: str) -> int:
    for k in range(start, len(text)):
        if text[k] in stops:
            return k
    return len(text)


def _orphan_start(
    text: str, close: int, titles: list[_Title], numbers: list[tuple[DocNumber, int, int]]
) -> int:
    floor = max([t.end for t in titles] + [e for _, _, e in numbers if e <= close] + [0])
    for k in range(close - 1, floor - 1, -1):
        if text[k] in _CLAUSE_END:
            floor = k + 1
            break
    about = text.rfind("关于", floor, close)
    begin = about if about >= 0 else floor
    for word in ("及", "和", "与"):  # 'A及关于…的请示》' starts after the conjunction
        if about < 0:
            k = text.rfind(word, floor, close)
            begin = max(begin, k + 1) if k >= 0 else begin
    return begin


def _wrapper_gap(gap: str) -> bool:
    """Whether the text between a title and a number only wraps the title (的通知（, 文件, spaces)."""
    rest = _GAP_PUNCT.sub("", gap)
    if not rest:
        return True
    rest = rest.removeprefix("的")
    return rest in document_kinds() or rest in ("文件", "文")


def _plain_title_after(text: str, start: int) -> tuple[str, int] | None:
    """A title written without 《》 right after a number: 关于…的通知."""
    m = re.match(r"[\s:：]*(关于[^，,。；;《》\n]{2,80})", text[start:])
    if not m:
        return None
    body = m.group(1)
    best = -1
    for kind in document_kinds():
        k = body.rfind(kind)
        if k >= 0:
            best = max(best, k + len(kind))
    if best < 0:
        return None
    return body[:best], start + m.start(1) + best


def _clause_of(text: str, pos: int) -> tuple[int, int]:
    lo = max(text.rfind(c, 0, pos) for c in _CLAUSE_END) + 1
    hi = _next_stop(text, pos, _CLAUSE_END)
    return lo, hi


def find_citations(text: str, field: Field, span: Span) -> list[Citation]:
    """The citations of one text: titles and document numbers, bound as described above.

    Every citation gets ``span`` (the lines of the text) and the ``field`` given;
    duplicates (same title and number) within the text are dropped.

    >>> cs = find_citations("依据《关于印发<省直机关预算标准>的通知》（晋财省直预〔2019〕60号）", "legal_basis", Span(1, 1))
    >>> [(c.title, c.doc_number) for c in cs]
    [('关于印发<省直机关预算标准>的通知', '晋财省直预〔2019〕60号')]
    >>> cs = find_citations("同财行[2019]36号 关于印发《差旅费管理办法》《会议费管理办法》的通知", "measures", Span(3, 4))
    >>> [(c.title, c.doc_number) for c in cs]
    [('差旅费管理办法', '同财行[2019]36号'), ('会议费管理办法', '同财行[2019]36号')]
    >>> [(c.title, c.doc_number) for c in find_citations("同编发[2011]22号;撤销", "legal_basis", Span(1, 1))]
    [(None, '同编发[2011]22号')]
    """
    if not text:
        return []
    folded = _fold(text)
    numbers = find_doc_numbers(text)
    titles = _find_titles(folded, numbers)
    # a number inside a title (关于印发…〔2019〕…的通知) belongs to the title's text, not a citation
    numbers = [(num, s, e) for num, s, e in numbers if not any(t.start < s and e <= t.end for t in titles)]
    citations: list[tuple[int, str | None, DocNumber | None, int]] = []
    for num, s, e in numbers:
        before = [t for t in titles if t.end <= s]
        prev = before[-1] if before else None
        if prev and prev.number is None and _wrapper_gap(folded[prev.end : s]):
            prev.number, prev.number_end = num, e
            continue
        _, clause_end = _clause_of(folded, e)
        next_number = min([s2 for _, s2, _ in numbers if s2 > s] + [clause_end])
        following = [t for t in titles if t.start >= e and t.end <= next_number and t.number is None]
        if following:
            for t in following:
                t.number, t.number_end = num, e
                t.start = min(t.start, s)
            continue
        plain = _plain_title_after(folded, e)
        if plain:
            citations.append((s, plain[0], num, plain[1]))
            continue
        citations.append((s, None, num, e))
    citations.extend((t.start, t.text, t.number, max(t.end, t.number_end)) for t in titles)
    citations.sort(key=lambda c: c[0])
    out: list[Citation] = []
    seen: set[tuple[str | None, str | None]] = set()
    for start, title, number, end in citations:
        key = (title, number.text if number else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(Citation(title=title, number=number, field=field, span=span, raw=text[start:end].strip()))
    return out
