"""Bytes -> text: detect the encoding of a disclosure instead of assuming it.

Order of decisions, each cheap before the next:

1. empty or whitespace-only input -> :class:`EmptyDocumentError`;
2. a byte-order mark (UTF-8, UTF-16 LE/BE) decides;
3. UTF-16 without a BOM is recognised by its zero bytes in alternate positions;
4. other NUL or control bytes mean binary -> :class:`UndecodableError`;
5. strict UTF-8;
6. GB18030 (a superset of GBK and GB2312), the common legacy encoding of Chinese
   government documents, when the whole input decodes and reads as CJK text;
7. charset-normalizer's best guess, accepted only when it reads as text.
"""

from __future__ import annotations

import codecs
import re

from budgetkg.errors import EmptyDocumentError, UndecodableError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when zero bytes sit in alternate positions, else None.

    >>> _utf16_without_bom("预算abc".encode("utf-16-le"))
    'utf-16-le'
    >>> _utf16_without_bom(b"plain ascii") is None
    True
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # ASCII (digits, newlines) in UTF-16 leaves zero bytes on one side only
    if odd >= 0.05 and odd > 4 * even:
        return "utf-16-le"
    if even >= 0.05 and even > 4 * odd:
        return "utf-16-be"
    return None


def _reads_as_text(text: str) -> bool:
    """True when at most 1% of the characters are controls or replacement characters.

    >>> _reads_as_text("部门预算\\n"), _reads_as_text("\\x00\\x01\\x02ab")
    (True, False)
    """
    if not text:
        return False
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f\v") or ch == "\ufffd")
    return bad <= len(text) * 0.01


def decode_bytes(data: bytes) -> tuple[str, str]:
    """The text of a document and the name of the encoding it was read with.

    >>> decode_bytes("部门预算".encode("gb18030"))
    ('部门预算', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "部门预算".encode())
    ('部门预算', 'utf-8-sig')
    """
    if not data.strip():
        raise EmptyDocumentError("empty file (no text)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strict(data, enc), enc
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    if _CONTROL.search(data[:65536]) and data.count(0) > 0:
        raise UndecodableError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _reads_as_text(text):
            return _not_empty(text), "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _reads_as_text(text) and _CJK.search(text):
            return _not_empty(text), "gb18030"
    return _guess(data)


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError("no text encoding fits (binary file?)")
    text = str(best)
    if not _reads_as_text(text):
        raise UndecodableError(f"binary file (best guess {best.encoding} gives control characters)")
    return _not_empty(text), best.encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UndecodableError(f"not valid {encoding}: {exc.reason} at byte {exc.start}") from exc
    if not _reads_as_text(text):
        raise UndecodableError(f"binary file (control characters as {encoding})")
    return _not_empty(text)


def _not_empty(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyDocumentError("empty file (no text)")
    return text
