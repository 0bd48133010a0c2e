"""The search stage's one door: ``__all__`` lists exactly its public names."""

from __future__ import annotations

import budgetkg.search as search


def test_all_names_exist_and_are_public() -> None:
    for name in search.__all__:
        assert hasattr(search, name), name
        assert not name.startswith("_")
    assert sorted(search.__all__) == sorted(set(search.__all__))


def test_no_public_name_is_missing_from_all() -> None:
    exported = {
        name
        for name, value in vars(search).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("budgetkg.search")
    }
    assert exported <= set(search.__all__)
