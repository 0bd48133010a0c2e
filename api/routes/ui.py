"""The researchers' web UI: server-rendered HTML pages over the same Python APIs as the JSON routes.

Pages: the search page at ``/`` (``/?q=维稳经费``), the SPARQL page at ``/ui/sparql``, a whole
source document at ``/ui/source/{doc}``, and the entity pages, which the entity route renders
through :func:`render_entity_html`. Every asset is served from ``api/static`` (no CDN).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from budgetkg.errors import BudgetKGError

from ..errors import ProtocolError
from ._ui_views import Facts, Lookup, entity_context, entity_href, source_href

API_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = API_DIR / "templates"
STATIC_DIR = API_DIR / "static"

KIND_LABELS = {"agency": "机构", "project": "项目", "regulation": "法规", "kpi": "指标"}
FIELD_LABELS = {"legal_basis": "立项依据", "measures": "制度措施", "mention": "正文提及"}
COLUMN_LABELS = {"implementation": "实施期目标", "annual": "年度目标"}
FACETS: tuple[tuple[str, str, str], ...] = (
    ("type", "类型", "Type"),
    ("agency", "机构", "Agency"),
    ("region", "地区", "Region"),
    ("year", "年度", "Year"),
    ("level", "指标级别", "KPI level"),
)
SORT_LABELS = {"relevance": "相关度 relevance", "amount": "金额 amount"}
EXAMPLES = ("维稳经费", "信访工作条例", "驻村", "满意度", "预算法")
PAGE_SIZE = 10
_MARK_TAG = re.compile(r'(</?mark(?: class="[\w -]*")?>)')

router = APIRouter(include_in_schema=False)


# ---------------------------------------------------------------- templates


def _format_number(value: float | None) -> str:
    """A KPI number without a useless ``.0``.

    >>> _format_number(98.0), _format_number(58.2), _format_number(None)
    ('98', '58.2', '')
    """
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@cache
def templates() -> Jinja2Templates:
    """The Jinja2 environment, made on first use (nothing is built at import time)."""
    tpl = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = tpl.env
    env.globals.update(
        KIND_LABELS=KIND_LABELS,
        FIELD_LABELS=FIELD_LABELS,
        COLUMN_LABELS=COLUMN_LABELS,
        entity_href=entity_href,
        source_href=source_href,
    )
    env.filters["num"] = _format_number
    return tpl


def render(request: Request, name: str, context: Mapping[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render one page; ``static()`` and ``url_for()`` resolve against the running app."""

    def static(path: str) -> str:
        return f"/static/{path}"

    page = {"static": static, **context}
    return templates().TemplateResponse(request, name, page, status_code=status_code)


def highlight_html(snippet: str) -> Markup:
    """Search snippets are escaped text with matches in ``<mark>``; keep those tags, escape the rest.

    >>> str(highlight_html('保障<mark class="match term0">维稳</mark>工作 <b>x</b> &amp; y'))
    '保障<mark>维稳</mark>工作 &lt;b&gt;x&lt;/b&gt; &amp; y'
    """
    out = []
    for part in _MARK_TAG.split(snippet):
        if _MARK_TAG.fullmatch(part):
            out.append("</mark>" if part.startswith("</") else "<mark>")
        else:
            out.append(part.replace("<", "&lt;").replace(">", "&gt;"))
    return Markup("".join(out))


# ---------------------------------------------------------------- search page


def _page_url(params: Sequence[tuple[str, str]], **changes: str | None) -> str:
    kept = [(k, v) for k, v in params if k not in changes and k != "page"]
    kept += [(k, v) for k, v in changes.items() if v is not None]
    return "/?" + urlencode(kept) if kept else "/"


def _toggle(params: Sequence[tuple[str, str]], name: str, value: str) -> str:
    pair = (name, value)
    kept = [p for p in params if p != pair and p[0] != "page"]
    if pair not in params:
        kept.append(pair)
    return "/?" + urlencode(kept)


def _pages(params: Sequence[tuple[str, str]], page: int, pages: int) -> list[dict[str, Any]]:
    """Page links around the current one, with first/last and prev/next."""
    numbers = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[dict[str, Any]] = []
    if page > 1:
        out.append({"number": page - 1, "label": "‹ 上一页", "href": _page_url(params, page=str(page - 1))})
    for n in numbers:
        out.append({"number": n, "label": None, "current": n == page, "href": _page_url(params, page=str(n))})
    if page < pages:
        out.append({"number": page + 1, "label": "下一页 ›", "href": _page_url(params, page=str(page + 1))})
    return out


def _facet_label(name: str, value: str) -> str:
    return f"{KIND_LABELS.get(value, value)} {value}" if name == "type" else value


def search_context(
    params: Sequence[tuple[str, str]], result: Any, error: str | None = None
) -> dict[str, Any]:
    """The search page's template context from query parameters and a ``SearchResult``."""
    q = next((v for k, v in params if k == "q"), "")
    context: dict[str, Any] = {"q": q, "error": error, "result": None, "examples": EXAMPLES, "nav": "search"}
    context["kept_filters"] = [
        (k, v) for k, v in params if k in dict.fromkeys(f[0] for f in FACETS) or k == "sort"
    ]
    if result is None:
        return context
    selected = set(params)
    facets = []
    for name, label, label_en in FACETS:
        buckets = [
            {
                "label": _facet_label(name, str(value)),
                "count": count,
                "selected": (name, str(value)) in selected,
                "href": _toggle(params, name, str(value)),
            }
            for value, count in result.facets.get(name, [])
        ]
        facets.append({"name": name, "label": label, "label_en": label_en, "buckets": buckets})
    labels = {name: label for name, label, _ in FACETS}
    active = [
        {"label": labels[k], "value": v, "href": _toggle(params, k, v)} for k, v in params if k in labels
    ]
    hits = [
        {
            "iri": hit.iri,
            "kind": hit.type,
            "title_html": escape(hit.label),
            "agency": hit.agency if hit.type != "agency" else None,
            "region": hit.region,
            "year": hit.year,
            "amount_wan": hit.amount,
            "snippet_html": highlight_html(hit.snippet),
        }
        for hit in result.hits
    ]
    chart_rows = [
        {"label": hit.label, "value": hit.amount, "href": entity_href(hit.iri)}
        for hit in result.hits
        if hit.type == "project" and hit.amount
    ]
    sort_options = [
        {"label": text, "selected": result.sort == key, "href": _page_url(params, sort=key)}
        for key, text in SORT_LABELS.items()
    ]
    context.update(
        result={"total": result.total, "hits": hits, "offset": (result.page - 1) * result.page_size},
        facets=facets,
        active_filters=active,
        pages=_pages(params, result.page, result.pages) if result.pages > 1 else [],
        chart_rows=chart_rows,
        sort_options=sort_options,
    )
    return context


# ---------------------------------------------------------------- named SPARQL queries


def named_query_views(queries: Iterable[Any]) -> list[dict[str, Any]]:
    """The graph's named queries (``queries/*.rq``, read at request time) for the SPARQL page."""
    out = []
    for q in queries:
        first = re.split(r"(?<=[.。?？])\s", q.description, maxsplit=1)[0]
        out.append(
            {
                "name": q.name,
                "title": f"{q.name} · {first}" if first else q.name,
                "description": q.description,
                "params": [{"name": p.name, "kind": p.kind, "description": p.description} for p in q.params],
                "text": q.text,
            }
        )
    return out


# ---------------------------------------------------------------- routes


def _int_param(params: Mapping[str, str], name: str, default: int) -> int:
    try:
        return max(1, int(params.get(name, default)))
    except ValueError:
        return default


@router.get("/", response_class=HTMLResponse, name="ui_search")
def ui_search(request: Request) -> HTMLResponse:
    """The search page; ``/?q=维稳经费&type=project&page=2`` opens with those results."""
    params = [(k, v) for k, v in request.query_params.multi_items() if v != ""]
    query = dict(params)
    q = query.get("q", "").strip()
    if not q:
        return render(request, "search.html", search_context(params, None))
    filters: dict[str, list[str]] = {}
    for key, value in params:
        if key in {name for name, _, _ in FACETS}:
            filters.setdefault(key, []).append(value)
    try:
        result = _index(request).search(
            q,
            filters=filters,
            page=_int_param(query, "page", 1),
            page_size=PAGE_SIZE,
            sort=query.get("sort", "relevance"),
        )
    except BudgetKGError as exc:
        return render(
            request, "search.html", search_context(params, None, error=f"查询有误 Bad query: {exc}"), 400
        )
    return render(request, "search.html", search_context(params, result))


@router.get("/ui/sparql", response_class=HTMLResponse, name="ui_sparql")
def ui_sparql(
    request: Request, name: Annotated[str, Query(description="a named query to open")] = ""
) -> HTMLResponse:
    """The SPARQL page: YASGUI against ``/sparql``, preloaded with the named queries."""
    queries = named_query_views(_graph(request).named_queries())
    endpoint = str(request.url_for("ui_search")).rstrip("/") + "/sparql"
    context = {"queries": queries, "selected": name, "endpoint": endpoint, "nav": "sparql"}
    return render(request, "sparql.html", context)


@router.get("/ui/source/{doc}", response_class=HTMLResponse, name="ui_source")
def ui_source(request: Request, doc: str) -> HTMLResponse:
    """A whole source document with numbered lines; ``#L820`` jumps to line 820."""
    try:
        text = _read_source(request, doc)
    except (BudgetKGError, ProtocolError, FileNotFoundError, KeyError) as exc:
        context = search_context([], None, error=f"没有这个原文 No such source document: {doc} ({exc})")
        return render(request, "search.html", context, 404)
    return render_source_html(request, doc, text.splitlines())


def render_source_html(request: Request, doc: str, lines: Sequence[str], first_line: int = 1) -> HTMLResponse:
    """Numbered lines of a source document (``first_line`` is the number of ``lines[0]``)."""
    numbered = [{"number": first_line + i, "text": line, "in_span": False} for i, line in enumerate(lines)]
    context = {"source": {"doc": doc, "lines": numbered}, "nav": "source"}
    return render(request, "source.html", context)


def render_entity_html(
    request: Request, entity: Any, lookup: Lookup | None = None, status_code: int = 200
) -> HTMLResponse:
    """The HTML page of one entity, for the entity route to return to browsers.

    ``entity`` is the entity's facts as ``/api/entity`` returns them (a pydantic model or its
    dict); ``lookup(iri)`` gives another entity's facts the same way (or None when unknown)
    and lets the relations graph reach regulations' other citing agencies.
    """
    context = entity_context(_as_facts(entity), _facts_lookup(lookup))
    return render(request, context[0], {**context[1], "nav": "entity"}, status_code)


def _as_facts(entity: Any) -> Facts:
    if hasattr(entity, "model_dump"):
        return entity.model_dump(mode="json")  # type: ignore[no-any-return]
    return entity  # type: ignore[no-any-return]


def _facts_lookup(lookup: Lookup | None) -> Lookup | None:
    if lookup is None:
        return None

    def facts(iri: str) -> Facts | None:
        found = lookup(iri)
        return None if found is None else _as_facts(found)

    return facts


def _read_source(request: Request, doc: str) -> str:
    """The text of an ingested source document, as kept by the app (``state.sources``)."""
    return "\n".join(request.app.state.sources.lines(doc))


def _index(request: Request) -> Any:
    return request.app.state.index


def _graph(request: Request) -> Any:
    return request.app.state.graph
