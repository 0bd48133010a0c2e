"""HTTP API: the SPARQL 1.1 endpoint, search, dereferenceable entities and the web UI (FastAPI).

>>> from budgetkg.api import create_app  # doctest: +SKIP
>>> app = create_app(settings, graph, index)  # doctest: +SKIP
"""

from .app import create_app
from .ingest_service import bootstrap
from .json_logging import configure_logging

__all__ = ["bootstrap", "configure_logging", "create_app"]
