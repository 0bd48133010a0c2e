"""The original texts of ingested documents, kept under the data directory for quoting.

The graph stores each document's file name and SHA-256, not its text. The API keeps a copy
of every text it ingests in ``{home}/sources/{file name}`` (first start, ``POST /ingest``);
a document ingested elsewhere (``budgetkg ingest``) is quoted when its text is found there or
in the bundled sample corpus with the same SHA-256 (so a quote never comes from another
version of the file).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from budgetkg.config import SAMPLE_CORPUS
from budgetkg.errors import IngestError
from budgetkg.ingest import decode_bytes

from .errors import ProtocolError


def decode_text(data: bytes) -> str:
    """A document's text, decoded as the extractor decodes it (so line numbers agree).

    >>> decode_text("维稳".encode("gb18030"))
    '维稳'
    """
    try:
        return decode_bytes(data)[0]
    except IngestError:
        return data.decode("utf-8", errors="replace")


class SourceTexts:
    """Source documents by file name, in one directory."""

    def __init__(self, directory: Path, fallbacks: tuple[Path, ...] = (SAMPLE_CORPUS,)) -> None:
        self.directory = directory
        self.fallbacks = fallbacks

    @staticmethod
    def check_name(name: str) -> str:
        """A plain file name, never a path (no directory may be escaped)."""
        if not name or name != Path(name).name or name in (".", "..") or "\\" in name or "\x00" in name:
            raise ProtocolError(404, f"no source document {name!r}")
        return name

    def keep(self, path: Path) -> Path:
        """Copy the text at ``path`` into the directory (before it is ingested)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / self.check_name(path.name)
        if path.resolve() != target.resolve():
            shutil.copyfile(path, target)
        return target

    def keep_bytes(self, name: str, data: bytes) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / self.check_name(name)
        target.write_bytes(data)
        return target

    def find(self, name: str, sha256: str | None = None) -> Path | None:
        """The kept text of ``name`` (matching ``sha256`` when given), else None."""
        name = self.check_name(name)
        for folder in (self.directory, *self.fallbacks):
            candidate = folder / name
            if candidate.is_file() and (
                sha256 is None or hashlib.sha256(candidate.read_bytes()).hexdigest() == sha256
            ):
                return candidate
        return None

    def lines(self, name: str, sha256: str | None = None) -> list[str]:
        """All lines of the document (line 1 first); ProtocolError 404 when its text is not kept."""
        path = self.find(name, sha256)
        if path is None:
            raise ProtocolError(404, f"the text of {name!r} is not kept on this server")
        return decode_text(path.read_bytes()).splitlines()
