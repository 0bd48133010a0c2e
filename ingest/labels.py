"""The header words of budget tables (data/table_labels.json), folded once for lookups."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .cleaning import label_key


@cache
def _footer_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A footer word at a line's start (spaces allowed inside it), then its end, a colon, a space,
    a bracket or a digit: what follows a signature label, never the rest of a longer word."""
    spaced = "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^[\s|]*(?:{spaced})(?=$|[\s:：(（|\d])")


@dataclass(frozen=True)
class Labels:
    """Folded label words by role; see data/table_labels.json for the words themselves."""

    performance_title: tuple[str, ...]
    performance_fields: dict[str, str]  # folded label -> field name
    performance_ignored: frozenset[str]
    performance_evidence: frozenset[str]
    performance_funding: frozenset[str]  # row-group labels of the funding block (资金情况, 资金来源)
    footer: tuple[str, ...]
    page_markers: tuple[re.Pattern[str], ...]
    kpi_header: frozenset[str]
    kpi_block: frozenset[str]
    level1: dict[str, str]
    level2: dict[str, str]
    level1_of_level2: dict[str, str]
    project_list_title: tuple[str, ...]
    project_list_header: frozenset[str]
    project_list_code: frozenset[str]
    carry_over: tuple[str, ...]
    total_row: frozenset[str]
    org_suffixes: tuple[str, ...]

    def level(self, text: str) -> tuple[int, str] | None:
        """(1, canonical) for a 一级指标 label, (2, canonical) for a 二级指标 label, else None.

        A label cut by the export (服务对象满意度指) counts when it is a prefix of five
        or more characters of a known label.

        >>> labels().level("经济效益指标"), labels().level("服务对象满意度指"), labels().level("走访慰问次数")
        ((2, '经济效益'), (2, '服务对象满意度'), None)
        """
        key = label_key(text)
        if key in self.level1:
            return 1, self.level1[key]
        if key in self.level2:
            return 2, self.level2[key]
        if len(key) >= 5:
            for word, canon in self.level2.items():
                if word.startswith(key):
                    return 2, canon
        return None

    def is_footer(self, text: str) -> bool:
        """True for a table's signature line (负责人：, 填报日期: 2024…, 经办人 张三), not a text
        that merely starts with the same characters (经办人员业务培训人次, a KPI name).

        >>> [labels().is_footer(t) for t in ("负责人:", "经办人：张三", "填报日期 2024-01-05", "负 责 人")]
        [True, True, True, True]
        >>> labels().is_footer("经办人员业务培训人次"), labels().is_footer("联系电话（0797）8123456")
        (False, True)
        """
        return bool(_footer_pattern(self.footer).match(unicodedata.normalize("NFKC", text)))

    def is_page_marker(self, text: str) -> bool:
        """True for a line that only numbers a page (第 3 页 共 40 页, - 12 -, 3/40).

        >>> labels().is_page_marker("第 3 页 共 40 页"), labels().is_page_marker("－ 12 －")
        (True, True)
        >>> labels().is_page_marker("第三部分 2026年度部门预算情况说明")
        False
        """
        compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
        return bool(compact) and any(p.match(compact) for p in self.page_markers)

    def looks_like_org(self, name: str) -> bool:
        """True for a name that reads as an organisation (a budget unit), not a project.

        >>> labels().looks_like_org("南宁市民政服务中心"), labels().looks_like_org("J某某专项工作经费")
        (True, False)
        """
        key = label_key(name.replace("[部门]", "部门"))
        return any(key.endswith(s) for s in self.org_suffixes)


def _fold_all(words: list[str]) -> tuple[str, ...]:
    return tuple(label_key(w) for w in words)


@cache
def labels() -> Labels:
    raw = resources.files("budgetkg.ingest").joinpath("data/table_labels.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    fields = {label_key(w): name for name, words in data["performance_fields"].items() for w in words}
    return Labels(
        performance_title=_fold_all(data["performance_title"]),
        performance_fields=fields,
        performance_ignored=frozenset(_fold_all(data["performance_ignored"])),
        performance_evidence=frozenset(_fold_all(data["performance_field_evidence"])),
        performance_funding=frozenset(_fold_all(data["performance_funding_labels"])),
        footer=_fold_all(data["footer"]),
        page_markers=tuple(re.compile(p) for p in data["page_markers"]),
        kpi_header=frozenset(_fold_all(data["kpi_header"])),
        kpi_block=frozenset(_fold_all(data["kpi_block"])),
        level1={label_key(k): v for k, v in data["level1"].items()},
        level2={label_key(k): v for k, v in data["level2"].items()},
        level1_of_level2=dict(data["level1_of_level2"]),
        project_list_title=_fold_all(data["project_list_title"]),
        project_list_header=frozenset(_fold_all(data["project_list_header"])),
        project_list_code=frozenset(_fold_all(data["project_list_code"])),
        carry_over=_fold_all(data["carry_over"]),
        total_row=frozenset(_fold_all(data["total_row"])),
        org_suffixes=tuple(data["org_suffixes"]),
    )
