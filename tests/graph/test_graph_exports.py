"""``budgetkg.graph.__all__`` lists exactly the public names the package exposes."""

from __future__ import annotations

import types

import budgetkg.graph as graph


def test_all_is_exactly_the_public_names() -> None:
    public = {
        n for n, v in vars(graph).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert set(graph.__all__) == public
    assert all(getattr(graph, name) is not None for name in graph.__all__)
