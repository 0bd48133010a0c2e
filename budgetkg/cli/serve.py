"""``budgetkg serve``: the HTTP API and web UI (uvicorn), on 127.0.0.1:8000 by default.

On first start with an empty store it ingests the bundled sample corpus and builds the search
index, so ``make serve`` on a fresh machine gives a working service.
"""

from __future__ import annotations

import argparse
import logging
import os

from budgetkg.config import SAMPLE_CORPUS, STORE_KINDS, Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="run the HTTP API and web UI",
        description="Serve the SPARQL endpoint, search, entity pages and the web UI. Host and port come "
        "from the options, else BUDGETKG_HOST / BUDGETKG_PORT, else 127.0.0.1:8000. An empty store is "
        "first filled with the bundled sample corpus.",
    )
    p.add_argument("--host", help=f"interface to bind (default: $BUDGETKG_HOST or {DEFAULT_HOST})")
    p.add_argument("--port", type=int, help=f"port (default: $BUDGETKG_PORT or {DEFAULT_PORT})")
    p.add_argument(
        "--store", choices=STORE_KINDS, help="store backend (default: $BUDGETKG_STORE or oxigraph)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from budgetkg.api import bootstrap, configure_logging, create_app
    from budgetkg.api.source_texts import SourceTexts
    from budgetkg.graph import KnowledgeGraph
    from budgetkg.search import open_index

    host = args.host or os.environ.get("BUDGETKG_HOST") or DEFAULT_HOST
    port = args.port if args.port is not None else int(os.environ.get("BUDGETKG_PORT") or DEFAULT_PORT)
    settings = Settings.from_env(home=args.home, store=args.store)
    settings.ensure_dirs()
    configure_logging(settings.log_dir)
    log = logging.getLogger("budgetkg.serve")
    with KnowledgeGraph.open(settings) as graph:
        index = open_index(settings)
        try:
            state = bootstrap(graph, index, SourceTexts(settings.home / "sources"), SAMPLE_CORPUS)
            log.info("serving", extra={"host": host, "port": port, "home": str(settings.home), "data": state})
            app = create_app(settings, graph, index)
            uvicorn.run(app, host=host, port=port, log_config=None, access_log=True)
        finally:
            index.close()
    return 0
