"""SHACL validation of the graph with pyshacl against ``ontology/shapes.ttl``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyshacl import validate
from rdflib import Graph, Node, URIRef
from rdflib.namespace import SH

from budgetkg.ontology import load_ontology, load_shapes


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message and the severity."""

    focus: str
    path: str | None
    message: str
    severity: str  # Violation, Warning or Info
    shape: str | None


@dataclass(frozen=True)
class ValidationReport:
    """``conforms`` is true when no result has severity Violation."""

    conforms: bool
    violations: tuple[Violation, ...]
    text: str  # pyshacl's own report

    def summary(self, limit: int = 50) -> str:
        lines = [f"conforms: {'yes' if self.conforms else 'no'} ({len(self.violations)} result(s))"]
        for v in self.violations[:limit]:
            path = f" {v.path}" if v.path else ""
            lines.append(f"  [{v.severity}] {v.focus}{path}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... {len(self.violations) - limit} more")
        return "\n".join(lines)


def validate_triples(triples: Iterable[tuple[Node, Node, Node]]) -> ValidationReport:
    """Validate the graph of ``triples`` (with the ontology mixed in for class hierarchy)."""
    data = Graph()
    for triple in triples:
        data.add(triple)
    conforms, results, text = validate(
        data, shacl_graph=load_shapes(), ont_graph=load_ontology(), inference="none", allow_warnings=True
    )
    if not isinstance(results, Graph):
        raise TypeError("pyshacl returned no results graph")
    violations = []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=_text(results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or ""),
                severity=str(severity).rsplit("#", 1)[-1],
                shape=_text(results.value(result, SH.sourceShape)),
            )
        )
    violations.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or ""))
    return ValidationReport(bool(conforms), tuple(violations), str(text))


def _text(node: Node | None) -> str | None:
    return str(node) if isinstance(node, URIRef) else None
