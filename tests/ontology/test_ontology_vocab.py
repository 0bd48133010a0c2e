"""The ontology parses, labels every own term in Chinese and English, and vocab.py is up to date."""

from __future__ import annotations

import pytest
from rdflib import RDFS, SKOS, URIRef

from budgetkg.graph import BKG
from budgetkg.ontology import BKG_NS, load_ontology, load_shapes
from budgetkg.ontology.codegen import VOCAB_PATH, render_vocab


def test_generated_vocab_module_is_up_to_date() -> None:
    assert VOCAB_PATH.read_text(encoding="utf-8") == render_vocab(), "run python -m budgetkg.ontology.codegen"


def test_vocab_namespace_is_closed() -> None:
    assert str(BKG.Project) == f"{BKG_NS}Project"
    with pytest.raises(AttributeError):
        _ = BKG.Projekt


def test_every_own_term_has_chinese_and_english_labels_and_definitions() -> None:
    ontology = load_ontology()
    own = {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(BKG_NS)}
    assert len(own) > 60
    for term in own:
        for prop in (RDFS.label, SKOS.definition):
            languages = {getattr(v, "language", None) for v in ontology.objects(term, prop)}
            assert {"zh", "en"} <= languages, (term, prop)


def test_shapes_only_use_terms_the_ontology_knows() -> None:
    ontology = load_ontology()
    known = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    used = {t for t in load_shapes().all_nodes() if isinstance(t, URIRef) and t.startswith(BKG_NS)}
    assert used <= known


def test_all_lists_exactly_the_public_names() -> None:
    import budgetkg.ontology as ontology

    defined = {
        name
        for name, value in vars(ontology).items()
        if not name.startswith("_")
        and (name.isupper() or getattr(value, "__module__", None) == ontology.__name__)
    }
    assert set(ontology.__all__) == defined
