"""One exception tree for the whole project, translated to HTTP codes only in api/.

    BudgetKGError
     ├── IngestError             a document could not be read or understood
     │    ├── EmptyDocumentError     nothing but whitespace
     │    ├── UndecodableError       binary, or no text encoding fits
     │    └── NotADisclosureError    text, but no budget disclosure
     ├── StoreError              the triple store failed or is unreachable
     ├── QueryError              a SPARQL query was refused or failed
     │    ├── QuerySyntaxError       the parser's message is kept
     │    ├── QueryRefusedError      update, SERVICE, LOAD on a read-only endpoint
     │    └── QueryTimeoutError      ran past its time limit
     └── SearchError             full-text search failed
          └── SearchSyntaxError      malformed query syntax

Library errors (pyoxigraph, whoosh, rdflib's parser) are wrapped where they enter.
"""

from __future__ import annotations


class BudgetKGError(Exception):
    """Base of every error the project raises on purpose."""


class IngestError(BudgetKGError):
    """A document could not be read or understood; the batch goes on without it."""


class EmptyDocumentError(IngestError):
    pass


class UndecodableError(IngestError):
    pass


class NotADisclosureError(IngestError):
    pass


class StoreError(BudgetKGError):
    pass


class QueryError(BudgetKGError):
    pass


class QuerySyntaxError(QueryError):
    pass


class QueryRefusedError(QueryError):
    pass


class QueryTimeoutError(QueryError):
    pass


class SearchError(BudgetKGError):
    pass


class SearchSyntaxError(SearchError):
    pass
