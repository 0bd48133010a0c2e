"""Content negotiation: the client's ``Accept`` header against the media types a route offers.

Pure functions, no framework: a route lists what it can write (first = default) and
:func:`choose` returns the best match by RFC 9110 rules (quality values, then specificity,
then the route's own order), or ``None`` when nothing acceptable is offered (HTTP 406).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# What /sparql writes, by query form; the first of each list is the default for */*.
SOLUTION_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",  # SPARQL JSON results under the generic type
    "application/xml",
)
GRAPH_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "text/plain",  # N-Triples, as older clients ask for it
    "application/json",  # JSON-LD under the generic type
)
ENTITY_TYPES = (
    "text/html",
    "application/ld+json",
    "text/turtle",
    "application/n-triples",
    "application/json",
)

# Short format names understood by QueryResult.serialize (budgetkg.graph), per media type.
RESULT_FORMAT = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_FORMAT = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/rdf+xml": "xml",
}


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    quality: float

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; an absent or empty header accepts anything.

    >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/turtle;q=0.5, */*;q=0.1")]
    [('text', 'turtle', 0.5), ('*', '*', 0.1)]
    >>> [(r.type, r.subtype) for r in parse_accept("garbage")]
    []
    """
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(kind, sub, quality))
    return ranges


def choose(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None (406) when none is acceptable.

    >>> choose("application/sparql-results+xml", SOLUTION_TYPES)
    'application/sparql-results+xml'
    >>> choose("text/html,application/xhtml+xml,*/*;q=0.8", SOLUTION_TYPES)
    'application/sparql-results+json'
    >>> choose("text/turtle;q=0.2, application/ld+json", GRAPH_TYPES)
    'application/ld+json'
    >>> choose("image/png", GRAPH_TYPES) is None
    True
    """
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, media_type in enumerate(offered):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        most_specific = max(matching, key=lambda r: r.specificity)
        if most_specific.quality <= 0:
            continue
        key = (most_specific.quality, most_specific.specificity, -order)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen
