"""Generate ``graph/vocab.py``, closed namespaces for the terms ``budget.ttl`` defines or declares.

Run ``python -m budgetkg.ontology.codegen`` after editing ``budget.ttl``; a test regenerates
the module and fails when the committed file differs. The generated classes are rdflib
``DefinedNamespace`` subclasses with ``_fail = True``: a misspelt term raises at first use.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from . import BKG_NS, ELI_NS, ONTOLOGY_PATH

VOCAB_PATH = Path(__file__).resolve().parent.parent / "graph" / "vocab.py"

_NAMESPACES = (
    ("BKG", BKG_NS, "The budgetkg ontology (ontology/budget.ttl)."),
    ("ELI", ELI_NS, "The ELI terms budgetkg uses (European Legislation Identifier ontology)."),
)


_SECTIONS = {"class": "classes", "property": "properties", "individual": "individuals"}
_MAX_LINE = 108


def _describe(graph: Graph, term: URIRef) -> str:
    for prop in (RDFS.label, SKOS.definition, RDFS.comment):
        for value in graph.objects(term, prop):
            if getattr(value, "language", None) == "en":
                return str(value).replace("\n", " ")
    return ""


def _kind(graph: Graph, term: URIRef) -> str:
    types = set(graph.objects(term, RDF.type))
    if OWL.Class in types:
        return "class"
    if types & {OWL.ObjectProperty, OWL.DatatypeProperty}:
        return "property"
    if term.split("#")[-1][:1].isupper():
        return "class"
    return "property" if not types else "individual"


def render_vocab(ontology_path: Path = ONTOLOGY_PATH) -> str:
    """Python source of the vocab module for the ontology at ``ontology_path`` (deterministic)."""
    graph = Graph().parse(ontology_path, format="turtle")
    out = [
        '"""Closed namespaces generated from ontology/budget.ttl; do not edit.',
        "",
        "Regenerate with ``python -m budgetkg.ontology.codegen``.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
    ]
    for name, ns, doc in _NAMESPACES:
        terms = sorted(
            {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(ns) and s != ns}
        )
        out += ["", "", f"class {name}(DefinedNamespace):", f'    """{doc}"""', "", "    _fail = True"]
        for kind in ("class", "property", "individual"):
            members = [t for t in terms if _kind(graph, t) == kind]
            if members:
                out += ["", f"    # {_SECTIONS[kind]}"]
            for term in members:
                line = f"    {term[len(ns) :]}: URIRef"
                note = _describe(graph, term)
                if note:
                    line = f"{line}  # {note}"
                    if len(line) > _MAX_LINE:
                        line = line[: _MAX_LINE - 3].rstrip() + "..."
                out.append(line)
        out += ["", f'    _NS = Namespace("{ns}")']
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> int:
    VOCAB_PATH.write_text(render_vocab(), encoding="utf-8")
    print(f"wrote {VOCAB_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
