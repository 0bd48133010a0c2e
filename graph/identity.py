"""Regulation identity across documents: one node per document number or normalized title.

An IRI minted from one citation alone (:meth:`Minter.regulation`: by number, else by title)
cannot see that another document names the same regulation differently -- by number in one,
by title only in another, or as the notice issuing it (``关于印发《X》的通知``) in one and as
``X`` in another. :class:`RegulationResolver` closes that gap before a document is mapped: it
is given the regulation nodes already in the store that share a key with one of the
document's citations, and reuses them. Keys are a citation's document number
(``eli:id_local``) and its title keys (:func:`title_keys`, stored as ``bkg:titleKey``).

Rules, deterministic for a given store content:

1. a citation with a number takes the node carrying that number;
2. else a node carrying one of its title keys (in key order; the smallest IRI when several),
   provided that node has no *other* number -- two numbers are two regulations;
3. else a fresh IRI from :meth:`Minter.regulation`.

Citations with a number are resolved first, so within one document a title-only mention
joins the numbered node whatever their order in the text.

Guarantees and limits: the number of regulation nodes and which citations share a node do
not depend on the order documents are ingested in, as long as keys chain through one node;
the IRI chosen may (the first document's spelling mints it). Nodes minted independently are
never merged afterwards, since that would rewrite other documents' graphs: only the ingested
document's own graph is ever written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import URIRef

from budgetkg.ingest import Citation, Disclosure

from .iris import Minter, doc_number_key, normalize_title

_VERBS_FILE = Path(__file__).with_name("data") / "issuing_verbs.txt"


@cache
def _issuing_pattern() -> re.Pattern[str]:
    verbs = [
        line.strip()
        for line in _VERBS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return re.compile(rf"(?:{'|'.join(map(re.escape, verbs))})《([^《》]+)》[^《》]{{0,4}}$")


def title_keys(title: str) -> tuple[str, ...]:
    """The keys under which a title names a regulation: its normalized form and, for a
    notice issuing or forwarding one document, that document's title.

    >>> title_keys("《信访工作条例》")
    ('信访工作条例',)
    >>> title_keys("山西省财政厅关于印发〈山西省部门政府购买服务指导性目录〉")
    ('山西省财政厅关于印发《山西省部门政府购买服务指导性目录》', '山西省部门政府购买服务指导性目录')
    >>> title_keys("关于学习《信访工作条例》的体会")
    ('关于学习《信访工作条例》的体会',)
    """
    key = normalize_title(title)
    if not key:
        return ()
    issued = _issuing_pattern().search(key)
    inner = normalize_title(issued.group(1)) if issued else ""
    return (key, inner) if inner and inner != key else (key,)


@dataclass(frozen=True)
class RegulationKeys:
    """What identifies the regulation a citation names."""

    number: str | None  # the document number in one spelling (doc_number_key)
    titles: tuple[str, ...]  # title_keys of its title

    @classmethod
    def of(cls, citation: Citation) -> RegulationKeys:
        number = doc_number_key(citation.number) if citation.number is not None else None
        return cls(number, title_keys(citation.title) if citation.title else ())

    def all(self) -> tuple[str, ...]:
        return ((self.number,) if self.number else ()) + self.titles


def citations_of(disclosure: Disclosure) -> list[Citation]:
    """Every citation of a disclosure: its projects' and its other text's, in document order."""
    return [c for p in disclosure.projects for c in p.citations] + list(disclosure.mentions)


# One regulation node the store already holds: (iri, "number" | "title", key, its number or None).
KnownRow = tuple[URIRef, str, str, str | None]


class RegulationResolver:
    """Chooses the regulation node of each citation (see the module rules)."""

    def __init__(self, minter: Minter, known: Iterable[KnownRow] = ()) -> None:
        self.minter = minter
        self._by_number: dict[str, URIRef] = {}
        self._by_title: dict[str, set[URIRef]] = {}
        self._number_of: dict[URIRef, str] = {}
        for iri, kind, key, number in sorted(known, key=lambda row: tuple(str(x) for x in row)):
            if number:
                self._number_of.setdefault(iri, number)
            if kind == "number":
                self._by_number.setdefault(key, iri)
            else:
                self._by_title.setdefault(key, set()).add(iri)

    def resolve_all(self, citations: Sequence[Citation]) -> dict[Citation, URIRef | None]:
        """The node of every citation; those with a number first, then in document order."""
        ordered = sorted(citations, key=lambda c: c.number is None)
        return {citation: self.resolve(citation) for citation in ordered}

    def resolve(self, citation: Citation) -> URIRef | None:
        """The node ``citation`` names (None when it has neither title nor number)."""
        keys = RegulationKeys.of(citation)
        iri = self._by_number.get(keys.number) if keys.number else None
        for title in keys.titles if iri is None else ():
            pool = self._by_title.get(title, set())
            if keys.number:  # a node with another number is another regulation
                pool = {c for c in pool if self._number_of.get(c, keys.number) == keys.number}
            if pool:
                iri = min(pool)
                break
        if iri is None:
            iri = self.minter.regulation(citation)
        if iri is not None:
            self._remember(iri, keys)
        return iri

    def _remember(self, iri: URIRef, keys: RegulationKeys) -> None:
        if keys.number:
            self._by_number.setdefault(keys.number, iri)
            self._number_of.setdefault(iri, keys.number)
        for title in keys.titles:
            self._by_title.setdefault(title, set()).add(iri)
