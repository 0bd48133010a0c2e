"""Entity facts (the JSON of ``/api/entity``) to the template context of an entity page.

Made by :func:`entity_context` for ``ui.render_entity_html``; the relations graph (agency →
project → regulation → other agencies citing it) is built here from the entity's facts and,
when a ``lookup`` is given, its neighbours' facts. The facts read (missing keys are shown as
absent, never an error)::

    every kind   iri, label, kind ("agency" | "project" | "regulation")
    agency       region, years[], duties[], budget_units[], documents[{href, label}],
                 totals{budget_total_wan, basic_expenditure_wan, project_expenditure_wan,
                 three_public_wan}, functions[{code, name, amount_wan}],
                 projects[{iri, label, year, amount_wan, citation_count}]
    project      agency{iri, label}, year, budget_unit, implementing_unit, attribute, period,
                 carry_over, amount_wan, amount_yuan, overview, legal_basis_text, necessity,
                 measures_text, plan, goals,
                 citations[{iri, label, doc_number, field, line}],
                 kpis[{level1, level2, name, raw, comparator, number, unit, qualitative, column}],
                 source{doc, start, end, lines[{number, text}]}
    regulation   doc_number, titles[],
                 citing[{agency{iri, label}, year, projects[{iri, label, amount_wan, field}]}]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote, urlencode

Facts = Mapping[str, Any]
Lookup = Callable[[str], Facts | None]

MAX_NODES = 60
TEXT_BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("overview", "项目概况", "Overview"),
    ("legal_basis_text", "立项依据", "Legal basis"),
    ("necessity", "项目设立必要性", "Necessity"),
    ("measures_text", "保证项目实施的制度、措施", "Measures"),
    ("plan", "项目实施计划", "Plan"),
    ("goals", "总体目标", "Goals"),
)
TOTALS: tuple[tuple[str, str, str], ...] = (
    ("budget_total_wan", "收入总计", "Total budget"),
    ("basic_expenditure_wan", "基本支出", "Basic expenditure"),
    ("project_expenditure_wan", "项目支出", "Project expenditure"),
    ("three_public_wan", "三公经费", "Three public expenses"),
)


def entity_href(iri: str) -> str:
    """The local URL of an entity's HTML page (the entity route negotiates HTML for browsers).

    >>> entity_href("http://budgetkg.example.org/regulation/title/预算法")
    '/entity?iri=http%3A%2F%2Fbudgetkg.example.org%2Fregulation%2Ftitle%2F%E9%A2%84%E7%AE%97%E6%B3%95'
    """
    return "/entity?" + urlencode({"iri": iri})


def source_href(doc: str) -> str:
    """The page showing a whole source document.

    >>> source_href("000_464361dc6483572d.txt")
    '/ui/source/000_464361dc6483572d.txt'
    """
    return "/ui/source/" + quote(doc)


def entity_kind(facts: Facts) -> str:
    return str(facts.get("kind") or facts.get("type") or "").lower()


def entity_context(facts: Facts, lookup: Lookup | None = None) -> tuple[str, dict[str, Any]]:
    """The template name and context for one entity's page."""
    kind = entity_kind(facts)
    iri = str(facts["iri"])
    context: dict[str, Any] = {
        "kind": kind,
        "entity": facts,
        "api_href": "/api/entity?" + urlencode({"iri": iri}),
        "turtle_href": None,
        "relations": relations(facts, lookup),
    }
    if kind == "project":
        context.update(_project(facts))
        return "entity_project.html", context
    if kind == "agency":
        context.update(_agency(facts))
        return "entity_agency.html", context
    if kind == "regulation":
        context.update(_regulation(facts))
        return "entity_regulation.html", context
    raise ValueError(f"no page for entities of kind {kind!r}")


def _project(facts: Facts) -> dict[str, Any]:
    blocks = [
        {"label": label, "label_en": label_en, "text": facts[key], "css": key.replace("_", "-")}
        for key, label, label_en in TEXT_BLOCKS
        if facts.get(key)
    ]
    spans = facts.get("sources") or ([facts["source"]] if facts.get("source") else [])
    view: dict[str, Any] = {"text_blocks": blocks, "source": None, "sources": [], "source_href": ""}
    for source in spans:
        start, end = int(source.get("start") or 0), int(source.get("end") or 0)
        lines = [
            {
                "number": int(line["number"]),
                "text": line["text"],
                "in_span": start <= int(line["number"]) <= end,
            }
            for line in source.get("lines") or ()
        ]
        view["sources"].append({**source, "lines": lines})
    if view["sources"]:
        view["source"] = view["sources"][0]
        view["source_href"] = source_href(str(view["source"]["doc"]))
    return view


def _agency(facts: Facts) -> dict[str, Any]:
    totals_in = facts.get("totals") or facts
    totals = [
        {"label": label, "label_en": label_en, "value": totals_in.get(key)}
        for key, label, label_en in TOTALS
        if totals_in.get(key) is not None
    ]
    function_rows = [
        {
            "code": f.get("code"),
            "label": f.get("name") or f.get("label") or f.get("code"),
            "value": f.get("amount_wan"),
        }
        for f in facts.get("functions") or ()
    ]
    project_rows = sorted(
        (
            {"label": p["label"], "value": p.get("amount_wan"), "href": entity_href(p["iri"])}
            for p in facts.get("projects") or ()
            if p.get("amount_wan")
        ),
        key=lambda row: -row["value"],
    )
    return {"totals": totals, "function_rows": function_rows, "project_rows": project_rows}


def _regulation(facts: Facts) -> dict[str, Any]:
    groups = []
    for group in facts.get("citing") or ():
        agency = group.get("agency") or {}
        groups.append(
            {
                "agency_iri": agency.get("iri"),
                "agency_label": agency.get("label") or "未知机构",
                "year": group.get("year"),
                "projects": _merge_fields(group.get("projects") or ()),
            }
        )
    groups.sort(key=lambda g: (g["agency_label"], -(g["year"] or 0)))
    return {"groups": groups, "citing_count": sum(len(g["projects"]) for g in groups)}


def _merge_fields(projects: Iterable[Facts]) -> list[dict[str, Any]]:
    """One row per project; a project citing in two fields (立项依据 and 措施) lists both."""
    rows: dict[str, dict[str, Any]] = {}
    for project in projects:
        key = str(project.get("iri") or project.get("label"))
        if key in rows:
            fields = rows[key]["fields"]
            if project.get("field") and project["field"] not in fields:
                fields.append(project["field"])
        else:
            rows[key] = {**project, "fields": [project["field"]] if project.get("field") else []}
    return list(rows.values())


# ---------------------------------------------------------------- relations graph


class _Graph:
    """Nodes and edges for the relations view, capped at ``MAX_NODES``."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, str]] = {}
        self.edges: dict[tuple[str, str], str] = {}

    def node(self, iri: str | None, label: str | None, kind: str) -> bool:
        if not iri:
            return False
        if iri not in self.nodes:
            if len(self.nodes) >= MAX_NODES:
                return False
            self.nodes[iri] = {"id": iri, "label": label or iri, "kind": kind, "href": entity_href(iri)}
        return True

    def edge(self, source: str | None, target: str | None, label: str) -> None:
        if source in self.nodes and target in self.nodes and source != target:
            self.edges.setdefault((source, target), label)  # type: ignore[arg-type]

    def as_json(self, center: str) -> dict[str, list[dict[str, Any]]]:
        """Nodes with ``ring`` (hops from the centre: 0, 1, 2...) for a concentric layout."""
        neighbours: dict[str, set[str]] = {iri: set() for iri in self.nodes}
        for s, t in self.edges:
            neighbours[s].add(t)
            neighbours[t].add(s)
        ring = {center: 0}
        frontier = [center]
        while frontier:
            frontier = [n for node in frontier for n in sorted(neighbours[node]) if n not in ring]
            for node in frontier:
                ring.setdefault(node, ring[next(iter(neighbours[node] & ring.keys()))] + 1)
        nodes = [{**node, "ring": ring.get(iri, len(self.nodes))} for iri, node in self.nodes.items()]
        edges = [{"source": s, "target": t, "label": label} for (s, t), label in self.edges.items()]
        return {"nodes": nodes, "edges": edges}


def _citing(graph: _Graph, regulation: Facts, skip_agency: str | None) -> None:
    """Other agencies' projects citing ``regulation``, with their agencies, then agencies naming it."""
    for group in regulation.get("citing") or ():
        agency = group.get("agency") or {}
        if agency.get("iri") == skip_agency:
            continue
        for project in group.get("projects") or ():
            if graph.node(agency.get("iri"), agency.get("label"), "agency") and graph.node(
                project.get("iri"), project.get("label"), "project"
            ):
                graph.edge(agency.get("iri"), project.get("iri"), "项目")
                graph.edge(project.get("iri"), regulation["iri"], "引用")
    _mentioning(graph, regulation, skip_agency)


def _mentioning(graph: _Graph, regulation: Facts, skip_agency: str | None) -> None:
    """Agencies whose documents name ``regulation`` outside any project (a "提及" edge)."""
    for document in regulation.get("mentioned_by") or ():
        agency = document.get("agency") or {}
        iri = agency.get("iri")
        if iri == skip_agency or iri in graph.nodes:
            continue  # its own agency, or one already drawn through a citing project
        if graph.node(iri, agency.get("label"), "agency"):
            graph.edge(iri, regulation["iri"], "提及")


def _project_citations(graph: _Graph, project: Facts, lookup: Lookup | None, skip_agency: str | None) -> None:
    for citation in project.get("citations") or ():
        reg_iri = citation.get("iri")
        if not graph.node(reg_iri, citation.get("label"), "regulation"):
            continue
        graph.edge(project["iri"], reg_iri, "引用")
        regulation = lookup(reg_iri) if lookup else None
        if regulation:
            _citing(graph, regulation, skip_agency)


def relations(facts: Facts, lookup: Lookup | None = None) -> dict[str, list[dict[str, Any]]]:
    """The neighbourhood of an entity: agency → project → regulation → other agencies citing it."""
    graph = _Graph()
    kind = entity_kind(facts)
    iri = str(facts["iri"])
    graph.node(iri, facts.get("label"), kind)
    if kind == "project":
        agency = facts.get("agency") or {}
        if graph.node(agency.get("iri"), agency.get("label"), "agency"):
            graph.edge(agency["iri"], iri, "项目")
        _project_citations(graph, facts, lookup, agency.get("iri"))
    elif kind == "agency":
        projects: Iterable[Facts] = facts.get("projects") or ()
        for summary in sorted(projects, key=lambda p: -(p.get("citation_count") or 0)):
            if not graph.node(summary.get("iri"), summary.get("label"), "project"):
                break
            graph.edge(iri, summary["iri"], "项目")
            if summary.get("citation_count") and lookup:
                project = lookup(summary["iri"])
                if project:
                    _project_citations(graph, project, lookup, iri)
    elif kind == "regulation":
        for group in facts.get("citing") or ():
            agency = group.get("agency") or {}
            for project in group.get("projects") or ():
                if graph.node(agency.get("iri"), agency.get("label"), "agency") and graph.node(
                    project.get("iri"), project.get("label"), "project"
                ):
                    graph.edge(agency.get("iri"), project.get("iri"), "项目")
                    graph.edge(project.get("iri"), iri, "引用")
        _mentioning(graph, facts, None)
    return graph.as_json(iri)
