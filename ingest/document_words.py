"""The words of the prose parts of a disclosure (data/document_labels.json), loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def document_labels() -> dict[str, Any]:
    """The words of data/document_labels.json, by role.

    >>> "实有人数" in document_labels()["staff_actual"]
    True
    """
    raw = resources.files("budgetkg.ingest").joinpath("data/document_labels.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data
