"""Deterministic, readable IRIs for everything the graph names.

Every IRI is the configurable base followed by readable path segments (Chinese kept as
IRI characters, only the ASCII characters a path segment forbids are percent-encoded):

=================  ==========================================================================
document (graph)   ``{base}doc/{file name}``
text span          ``{document}#line={start-1},{end}`` (RFC 5147: lines start..end, 1-based)
region             ``{base}region/{province+city+county}``
agency, unit       ``{base}agency/{region}/{name}``
department         ``{agency}/dept/{name}``
project            ``{base}project/{region}/{agency}/{year}/{budget unit}/{name}``
regulation         ``{base}regulation/number/{issuer〔year〕serial号}``, else
                   ``{base}regulation/title/{normalized title}``
code list entry    ``{base}classification/{functional|economic}/{code}``
parts              ``{owner}/kpi/{n}``, ``{owner}/citation/{n}``, ``{document}/line/{n}`` ...
=================  ==========================================================================

The same inputs always give the same IRI. A regulation cited by number in one document and by
title in another is joined to one node at ingest by ``identity.RegulationResolver``.
Missing parts are written ``-``.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from budgetkg.ingest import Citation, DocNumber, Region, Span

MISSING = "-"
# ASCII characters a path segment may hold unescaped (RFC 3986 unreserved + sub-delims + ":@").
_SAFE_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@")
_TITLE_MAP = str.maketrans(
    {
        "〈": "《",
        "<": "《",
        "〉": "》",
        ">": "》",
        "[": "〔",
        "【": "〔",
        "]": "〕",
        "】": "〕",
        "“": None,
        "”": None,
        '"': None,
        "「": None,
        "」": None,
        "‘": None,
        "’": None,
        "'": None,
    }
)
_SPACE = re.compile(r"\s+")
_YEAR_BRACKETS = re.compile(r"[\[【(〔]\s*(\d{4})\s*[\]】)〕]")


def segment(text: str) -> str:
    """One readable IRI path segment for ``text``.

    NFKC-normalized, whitespace runs become ``_``, ASCII characters a segment forbids and
    characters IRIs forbid (controls, private use) are percent-encoded; Chinese stays.

    >>> segment("大同市信访局")
    '大同市信访局'
    >>> segment("Z维稳工作经费-1")
    'Z维稳工作经费-1'
    >>> segment("水、电、气费 / 2")
    '水、电、气费_%2F_2'
    >>> segment("")
    '-'
    """
    text = _SPACE.sub("_", unicodedata.normalize("NFKC", text).strip())
    if not text:
        return MISSING
    out = []
    for char in text:
        if char in _SAFE_ASCII or (ord(char) > 0x9F and unicodedata.category(char) not in ("Co", "Cs", "Cn")):
            out.append(char)
        else:
            out.extend(f"%{b:02X}" for b in char.encode("utf-8"))
    return "".join(out)


def normalize_title(title: str) -> str:
    """The key under which two spellings of one regulation title are the same node.

    NFKC, no whitespace, no quotation marks, no outer 《》, bracket variants unified.

    >>> normalize_title("《信访工作条例》")
    '信访工作条例'
    >>> normalize_title("关于印发<省直机关政务信息化系统运维项目预算编制规范和预算标准(试行)>的通知")
    '关于印发《省直机关政务信息化系统运维项目预算编制规范和预算标准(试行)》的通知'
    >>> normalize_title("大同市项目建设“冬季行动”工作方案 ")
    '大同市项目建设冬季行动工作方案'
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", title)).translate(_TITLE_MAP)
    while text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    return text.strip("。.,，;；:：")


def doc_number_key(number: DocNumber) -> str:
    """A document number in one spelling: the text as written, NFKC, without whitespace, the
    year's brackets unified to 〔〕 (numbers of other shapes, like 2016第6次, stay as written).

    >>> doc_number_key(DocNumber("晋市财行【2025】103号", "晋市财行", 2025, 103))
    '晋市财行〔2025〕103号'
    >>> doc_number_key(DocNumber("同财行 [2019] 36号", "同财行", 2019, 36))
    '同财行〔2019〕36号'
    >>> doc_number_key(DocNumber("鲁财农2020 15號", "鲁财农", 2020, 15))  # brackets lost in export
    '鲁财农〔2020〕15号'
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", number.text)).replace("號", "号")
    text = _YEAR_BRACKETS.sub(r"〔\1〕", text)
    if number.year is not None and text == f"{number.issuer}{number.year}{number.serial}号":
        return f"{number.issuer}〔{number.year}〕{number.serial}号"
    return text


def line_fragment(span: Span) -> str:
    """The RFC 5147 fragment naming lines ``span.start``..``span.end`` (1-based, inclusive).

    RFC 5147 counts line *positions* from 0, so line n starts at position n-1.

    >>> line_fragment(Span(12, 20))
    'line=11,20'
    """
    return f"line={span.start - 1},{span.end}"


class Minter:
    """Mints the IRIs of one deployment from its base IRI (which must end in ``/`` or ``#``)."""

    def __init__(self, base: str) -> None:
        if not base.endswith(("/", "#")):
            raise ValueError(f"base IRI must end with '/' or '#': {base!r}")
        self.base = base

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(segment(p) for p in parts))

    def document(self, file_name: str) -> URIRef:
        return self._iri("doc", file_name)

    def span(self, document: URIRef, span: Span) -> URIRef:
        return URIRef(f"{document}#{line_fragment(span)}")

    def region(self, label: str) -> URIRef:
        return self._iri("region", label or MISSING)

    def agency(self, region: Region, name: str) -> URIRef:
        return self._iri("agency", region.label or MISSING, name)

    def department(self, agency: URIRef, name: str) -> URIRef:
        return URIRef(f"{agency}/dept/{segment(name)}")

    def project(self, region: Region, agency: str, year: int | None, unit: str | None, name: str) -> URIRef:
        year_part = str(year) if year is not None else MISSING
        return self._iri("project", region.label or MISSING, agency, year_part, unit or MISSING, name)

    def regulation(self, citation: Citation) -> URIRef | None:
        """By document number when there is one, else by normalized title; None if neither."""
        if citation.number is not None:
            return self._iri("regulation", "number", doc_number_key(citation.number))
        if citation.title and normalize_title(citation.title):
            return self._iri("regulation", "title", normalize_title(citation.title))
        return None

    def concept(self, scheme: str, code: str) -> URIRef:
        return self._iri("classification", scheme, code)

    @staticmethod
    def part(owner: URIRef, kind: str, key: int | str) -> URIRef:
        """A resource that belongs to ``owner`` (a KPI, an amount, a citation...)."""
        return URIRef(f"{owner}/{kind}/{segment(str(key))}")
