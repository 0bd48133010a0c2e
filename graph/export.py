"""Serializing the whole store: dataset formats keep the named graphs, triple formats flatten.

=========  ==========================  ===========================================
format     media type                  named graphs
=========  ==========================  ===========================================
nq         application/n-quads         kept (one quad per line)
trig       application/trig            kept
jsonld     application/ld+json         kept (one ``@graph`` per document)
ttl        text/turtle                 flattened: the union of all document graphs
nt         application/n-triples       flattened: the union of all document graphs
=========  ==========================  ===========================================
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import IO

from rdflib import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, Namespace

from budgetkg.errors import BudgetKGError

from .ntriples import term_to_nt
from .store import Quad
from .vocab import BKG, ELI

EXPORT_FORMATS = {
    "nq": ("nquads", "application/n-quads", True),
    "trig": ("trig", "application/trig", True),
    "jsonld": ("json-ld", "application/ld+json", True),
    "ttl": ("turtle", "text/turtle", False),
    "nt": ("nt", "application/n-triples", False),
}

PREFIXES: dict[str, Namespace] = {
    "bkg": Namespace(str(BKG._NS)),
    "eli": Namespace(str(ELI._NS)),
    "org": Namespace(str(ORG._NS)),
    "prov": Namespace(str(PROV._NS)),
    "schema": Namespace(str(SDO._NS)),
    "skos": Namespace(str(SKOS._NS)),
    "dcterms": Namespace(str(DCTERMS._NS)),
    "rdf": Namespace(str(RDF._NS)),
    "rdfs": Namespace(str(RDFS._NS)),
    "owl": Namespace(str(OWL._NS)),
    "xsd": Namespace(str(XSD._NS)),
}


def export_quads(quads: Iterable[Quad], fmt: str, out: IO[bytes] | None = None) -> bytes | None:
    """Serialize ``quads`` as ``fmt`` (a key of ``EXPORT_FORMATS``) to ``out`` or to bytes.

    N-Quads and N-Triples are written here, one sorted line per statement (deterministic
    output; N-Triples without duplicates); the other formats go through rdflib.
    """
    if fmt not in EXPORT_FORMATS:
        raise BudgetKGError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    rdflib_format, _, keeps_graphs = EXPORT_FORMATS[fmt]
    if fmt in ("nq", "nt"):
        if fmt == "nq":
            lines = {
                f"{term_to_nt(s)} {term_to_nt(p)} {term_to_nt(o)} {term_to_nt(g)} .\n" for s, p, o, g in quads
            }
        else:
            lines = {f"{term_to_nt(s)} {term_to_nt(p)} {term_to_nt(o)} .\n" for s, p, o, _ in quads}
        data = "".join(sorted(lines)).encode("utf-8")
    else:
        data = _rdflib_serialize(quads, rdflib_format, keeps_graphs)
    if out is None:
        return data
    out.write(data)
    return None


def _rdflib_serialize(quads: Iterable[Quad], rdflib_format: str, keeps_graphs: bool) -> bytes:
    target: Graph
    if keeps_graphs:
        target = Dataset()
        for s, p, o, g in quads:
            target.add((s, p, o, g))
    else:
        target = Graph()
        for s, p, o, _ in quads:
            target.add((s, p, o))
    for prefix, namespace in PREFIXES.items():
        target.bind(prefix, namespace)
    with warnings.catch_warnings():
        # rdflib's TriG and JSON-LD serializers call its own deprecated Dataset methods
        warnings.filterwarnings("ignore", r"Dataset\.\w+ is deprecated", DeprecationWarning)
        return target.serialize(format=rdflib_format, encoding="utf-8")
