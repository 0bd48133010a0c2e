"""Budget unit names: one spelling whether the prose or a project list's group row gives them.

The prose lists a department's units (…具体为:某某局本级、某某中心); a project list
groups its projects under unit subtotal rows (某某局[部门], 某某中心). Both readings go
through :func:`unit_name`, so 某某局本级, 某某局[部门] and 某某局 are one unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cleaning import join_wrapped, name_key
from .document_words import document_labels
from .labels import labels


def unit_name(text: str) -> str | None:
    """A unit's name without markers of the level it is listed at; None if it reads as no organisation.

    >>> unit_name("某某市民政局本级"), unit_name("某某市民政局[部门]"), unit_name("某某县 救助管理站")
    ('某某市民政局', '某某市民政局', '某某县救助管理站')
    >>> unit_name("J某某专项工作经费") is None
    True
    """
    words = document_labels()
    name = join_wrapped(text).strip(" ：:")
    for noise in words["agency_suffix_noise"]:
        if name.endswith(noise) and len(name) > len(noise) + 2:
            name = name[: -len(noise)].strip()
            break
    for own in sorted(words["own_level"], key=len, reverse=True):
        if name.endswith(own) and len(name) > len(own) + 2:
            name = name[: -len(own)]
            break
    name = re.sub(r"\s+", "", name)
    return name if name and name.endswith(labels().org_suffixes) else None


def merge_units(*readings: Iterable[str | None]) -> tuple[str, ...]:
    """The units of every reading in order of first appearance, each once, spelled by :func:`unit_name`.

    >>> merge_units(["某某局本级", "某某中心"], ["某某局[部门]", "某某中心", "某某 研究所"])
    ('某某局', '某某中心', '某某研究所')
    """
    out: list[str] = []
    seen: set[str] = set()
    for reading in readings:
        for raw in reading:
            name = unit_name(raw) if raw else None
            if name and name_key(name) not in seen:
                seen.add(name_key(name))
                out.append(name)
    return tuple(out)
