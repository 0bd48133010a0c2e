"""Query-time synonyms from ``search/data/synonyms.txt`` (Solr's synonym file format).

A line ``a, b, c`` makes each entry find the others; ``a => b, c`` makes ``a`` also find
``b`` and ``c``. Entries are segmented like queries: an entry that is one word becomes a
key; every entry can be a target, a multi-word target being matched as a phrase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources

from ._analysis import query_words

Words = tuple[str, ...]


def parse_rules(lines: Iterable[str]) -> list[tuple[list[str], list[str]]]:
    """Read Solr-format lines into (sources, targets) rules; comments and blanks skipped.

    >>> parse_rules(["# c", "维稳, 维护稳定", "三公经费 => 公务接待费, 公务用车购置费"])
    [(['维稳', '维护稳定'], ['维稳', '维护稳定']), (['三公经费'], ['公务接待费', '公务用车购置费'])]
    """
    rules: list[tuple[list[str], list[str]]] = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip() if raw.lstrip().startswith("#") else raw.strip()
        if not line:
            continue
        if "=>" in line:
            left, right = line.split("=>", 1)
            rules.append((_entries(left), _entries(right)))
        else:
            entries = _entries(line)
            rules.append((entries, entries))
    return rules


def _entries(text: str) -> list[str]:
    return [entry.strip() for entry in text.split(",") if entry.strip()]


def build_table(
    rules: Iterable[tuple[list[str], list[str]]], segment: Callable[[str], list[str]]
) -> dict[str, tuple[Words, ...]]:
    """Map each one-word source to the segmented targets it also finds (itself excluded).

    >>> build_table([(["维稳", "维护稳定"], ["维稳", "维护稳定"])], lambda s: [s] if s == "维稳" else ["维护", "稳定"])
    {'维稳': (('维护', '稳定'),)}
    """
    table: dict[str, list[Words]] = {}
    for sources, targets in rules:
        segmented = [tuple(segment(t)) for t in targets]
        for source in sources:
            words = segment(source)
            if len(words) != 1:
                continue
            found = table.setdefault(words[0], [])
            for target in segmented:
                if target and target != (words[0],) and target not in found:
                    found.append(target)
    return {key: tuple(value) for key, value in table.items() if value}


@cache
def _rules() -> list[tuple[list[str], list[str]]]:
    text = resources.files(__package__).joinpath("data", "synonyms.txt").read_text(encoding="utf-8")
    return parse_rules(text.splitlines())


@cache
def synonym_table() -> Mapping[str, tuple[Words, ...]]:
    """The project's synonym table, segmented like queries (built once per process)."""
    return build_table(_rules(), query_words)
