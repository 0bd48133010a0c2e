"""Scoring an extraction against hand-checked gold records (the gold JSON schema).

Both sides are the JSON of :func:`budgetkg.ingest.to_gold_json` (extra keys ignored).
Strings are compared after folding: NFKC width folding, one form for every bracket,
no quotes and no whitespace. Figures, each with recall and precision:

- ``projects``: a gold project is found by a predicted one sharing any spelling of its
  name (``name`` or ``alt_names``), else by one whose name is nearly the same
  (similarity ≥ 0.85); one predicted project per gold project;
- ``amounts``: ``amount_wan`` (±0.011) and ``amount_yuan`` (±1) of every gold project that
  has them; a project not found misses its amounts;
- ``legal_basis``: the 立项依据 text, nearly the same (≥ 0.9);
- ``citations``: per project, same document number, or nearly the same title (≥ 0.9);
- ``kpis``: per project, same value and same name, or one name a prefix (≥ 4 characters)
  of the other (cells the export cut short);
- ``department_kpis``: likewise, over the document's own KPIs;
- ``duties``: nearly the same text (≥ 0.9);
- ``header``: agency (≥ 0.9), year, budget total (±0.011).

Citations and KPIs of a predicted project without a gold twin count against precision.
Repeated items (same folded key) count once on each side.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

METRICS = ("projects", "amounts", "legal_basis", "citations", "kpis", "department_kpis", "duties", "header")
_FOLD = str.maketrans(
    {
        "【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]", "（": "(", "）": ")",
        "《": None, "》": None, "〈": None, "〉": None, "<": None, ">": None,
        "“": None, "”": None, '"': None, "‘": None, "’": None, "「": None, "」": None,
    }
)  # fmt: skip
_SIGNS = str.maketrans({"＝": "=", "≧": "≥", "≦": "≤"})


def fold(text: object) -> str:
    """A string folded for comparison: NFKC, one bracket form, no quotes, no whitespace.

    >>> fold("晋财行【2020】 182号"), fold("《关于印发<办法>的通知》")
    ('晋财行[2020]182号', '关于印发办法的通知')
    >>> fold(None)
    ''
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_FOLD)
    return re.sub(r"\s+", "", s)


def fold_value(text: object) -> str:
    """A KPI target folded: as :func:`fold`, with comparator signs unified.

    >>> fold_value("≧ 95 %") == fold_value("≥95%")
    True
    """
    return fold(text).translate(_SIGNS)


def near(a: str, b: str, threshold: float) -> bool:
    """Equal, or similar by difflib's ratio at or above ``threshold`` (empty never matches).

    >>> near("信访工作经费", "信访工作经费", 0.9), near("信访工作经费", "信访接待经费", 0.9)
    (True, False)
    """
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


@dataclass
class Tally:
    """Counts behind one figure: gold items found, gold items, predictions right, predictions."""

    found: int = 0
    gold: int = 0
    right: int = 0
    predicted: int = 0

    def add(self, found: int, gold: int, right: int, predicted: int) -> None:
        self.found += found
        self.gold += gold
        self.right += right
        self.predicted += predicted

    def merge(self, other: Tally) -> None:
        self.add(other.found, other.gold, other.right, other.predicted)

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there are none).

        >>> Tally(3, 4, 3, 5).recall, Tally().recall
        (0.75, 1.0)
        """
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        """Share of predictions that are right (1.0 with nothing to find and nothing predicted).

        >>> Tally(3, 4, 3, 5).precision, Tally(0, 2, 0, 0).precision
        (0.6, 0.0)
        """
        if self.predicted:
            return self.right / self.predicted
        return 0.0 if self.gold else 1.0


def pair_up(gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], bool]) -> int:
    """Pairs one-to-one, each gold item taking the first free prediction that matches it.

    >>> pair_up([1, 2, 3], [3, 3, 1], lambda a, b: a == b)
    2
    """
    free = list(range(len(pred)))
    pairs = 0
    for g in gold:
        for k, i in enumerate(free):
            if same(g, pred[i]):
                del free[k]
                pairs += 1
                break
    return pairs


def _distinct(keys: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key in keys:
        if any(key) and key not in out:
            out.append(key)
    return out


def kpi_keys(kpis: Iterable[dict[str, Any]] | None) -> list[tuple[str, str]]:
    return _distinct((fold(k.get("name")), fold_value(k.get("value"))) for k in kpis or () if k.get("name"))


def same_kpi(g: tuple[str, str], p: tuple[str, str]) -> bool:
    """Same target, and the same name or one a prefix (≥ 4 characters) of the other.

    >>> same_kpi(("信访事项复查复核法律诉", "≥95%"), ("信访事项复查复核法律诉讼满意度", "≥95%"))
    True
    >>> same_kpi(("信访", "≥95%"), ("信访量", "≥95%"))
    False
    """
    if g[1] != p[1]:
        return False
    shorter, longer = sorted((g[0], p[0]), key=len)
    return shorter == longer or (len(shorter) >= 4 and longer.startswith(shorter))


def citation_keys(citations: Iterable[dict[str, Any]] | None) -> list[tuple[str, str]]:
    return _distinct((fold(c.get("title")), fold(c.get("doc_number"))) for c in citations or ())


def same_citation(g: tuple[str, str], p: tuple[str, str]) -> bool:
    """The same document number, or nearly the same title (≥ 0.9).

    >>> same_citation(("", "晋财行[2020]182号"), ("关于印发的通知", "晋财行[2020]182号"))
    True
    """
    if g[1] and g[1] == p[1]:
        return True
    return near(g[0], p[0], 0.9)


def _names(project: dict[str, Any]) -> set[str]:
    return {fold(n) for n in [project.get("name"), *(project.get("alt_names") or [])] if n}


def match_projects(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> list[int | None]:
    """For each gold project, the index of its predicted twin (exact spelling first, then fuzzy)."""
    taken: set[int] = set()
    out: list[int | None] = []
    pred_names = [_names(p) for p in pred]
    for g in gold:
        names = _names(g)
        twin = next((i for i, pn in enumerate(pred_names) if i not in taken and names & pn), None)
        if twin is None:
            twin = next(
                (
                    i
                    for i, pn in enumerate(pred_names)
                    if i not in taken and any(near(a, b, 0.85) for a in names for b in pn)
                ),
                None,
            )
        if twin is not None:
            taken.add(twin)
        out.append(twin)
    return out


def _amount_close(gold: Any, pred: Any, tolerance: float) -> bool:
    try:
        return pred is not None and abs(float(gold) - float(pred)) <= tolerance
    except (TypeError, ValueError):
        return False


def score_document(gold: dict[str, Any], pred: dict[str, Any] | None) -> dict[str, Tally]:
    """Every figure of one document; a missing prediction scores zero recall."""
    pred = pred or {}
    t = {m: Tally() for m in METRICS}
    for g, p, ok in (
        (gold.get("agency"), pred.get("agency"), lambda a, b: near(fold(a), fold(b), 0.9)),
        (gold.get("year"), pred.get("year"), lambda a, b: a == b),
        (gold.get("budget_total_wan"), pred.get("budget_total_wan"), lambda a, b: _amount_close(a, b, 0.011)),
    ):
        if g not in (None, ""):
            hit = int(bool(ok(g, p)))
            t["header"].add(hit, 1, hit, 1)

    gprojects, pprojects = gold.get("projects") or [], pred.get("projects") or []
    twins = match_projects(gprojects, pprojects)
    found = sum(i is not None for i in twins)
    t["projects"].add(found, len(gprojects), found, len(pprojects))
    for gp, i in zip(gprojects, twins, strict=True):
        pp: dict[str, Any] = pprojects[i] if i is not None else {}
        for key, tolerance in (("amount_wan", 0.011), ("amount_yuan", 1.0)):
            if gp.get(key) is not None:
                hit = int(_amount_close(gp[key], pp.get(key), tolerance))
                t["amounts"].add(hit, 1, hit, int(pp.get(key) is not None))
        if fold(gp.get("legal_basis_text")):
            hit = int(near(fold(gp.get("legal_basis_text")), fold(pp.get("legal_basis_text")), 0.9))
            t["legal_basis"].add(hit, 1, hit, 1)
        gc, pc = citation_keys(gp.get("citations")), citation_keys(pp.get("citations"))
        n = pair_up(gc, pc, same_citation)
        t["citations"].add(n, len(gc), n, len(pc))
        gk, pk = kpi_keys(gp.get("kpis")), kpi_keys(pp.get("kpis"))
        n = pair_up(gk, pk, same_kpi)
        t["kpis"].add(n, len(gk), n, len(pk))
    for i, pp in enumerate(pprojects):
        if i not in twins:
            t["citations"].add(0, 0, 0, len(citation_keys(pp.get("citations"))))
            t["kpis"].add(0, 0, 0, len(kpi_keys(pp.get("kpis"))))

    gk, pk = kpi_keys(gold.get("department_kpis")), kpi_keys(pred.get("department_kpis"))
    n = pair_up(gk, pk, same_kpi)
    t["department_kpis"].add(n, len(gk), n, len(pk))
    gd = [fold(d) for d in gold.get("duties") or []]
    pd = [fold(d) for d in pred.get("duties") or []]
    n = pair_up(gd, pd, lambda a, b: near(a, b, 0.9))
    t["duties"].add(n, len(gd), n, len(pd))
    return t


@dataclass
class Evaluation:
    """Figures per document and over all documents."""

    documents: dict[str, dict[str, Tally]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # documents with gold but no prediction

    def add(self, name: str, gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
        self.documents[name] = score_document(gold, pred)
        if pred is None:
            self.missing.append(name)

    @property
    def overall(self) -> dict[str, Tally]:
        total = {m: Tally() for m in METRICS}
        for tallies in self.documents.values():
            for m, tally in tallies.items():
                total[m].merge(tally)
        return total

    def figures(self) -> dict[str, float]:
        """Overall figures keyed ``metric.recall`` and ``metric.precision``, rounded to 4 places."""
        out = {}
        for m, tally in self.overall.items():
            out[f"{m}.recall"] = round(tally.recall, 4)
            out[f"{m}.precision"] = round(tally.precision, 4)
        return out

    def below(self, floors: dict[str, float]) -> list[str]:
        """The floors not met, as ``key=actual<floor``; a bare metric name checks recall and precision."""
        figures = self.figures()
        failed = []
        for key, floor in floors.items():
            keys = [key] if "." in key else [f"{key}.recall", f"{key}.precision"]
            for k in keys:
                if k not in figures:
                    raise KeyError(f"unknown figure {k}; known: {', '.join(sorted(figures))}")
                if figures[k] < floor:
                    failed.append(f"{k}={figures[k]:.4f}<{floor}")
        return failed


def format_table(evaluation: Evaluation) -> str:
    """A plain-text table: one block per document, then the overall figures."""
    lines = []
    header = f"  {'figure':16} {'recall':>7} {'precision':>9}   found/gold  right/predicted"

    def rows(tallies: dict[str, Tally], everything: bool) -> None:
        lines.append(header)
        for m, t in tallies.items():
            if everything or t.gold or t.predicted:
                lines.append(
                    f"  {m:16} {t.recall:7.2f} {t.precision:9.2f}   {t.found:>5}/{t.gold:<5} {t.right:>6}/{t.predicted}"
                )

    for name, tallies in evaluation.documents.items():
        lines.append(name + ("  (no prediction)" if name in evaluation.missing else ""))
        rows(tallies, everything=False)
    lines.append(f"overall ({len(evaluation.documents)} documents)")
    rows(evaluation.overall, everything=True)
    return "\n".join(lines)
