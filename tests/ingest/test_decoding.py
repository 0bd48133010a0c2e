"""bytes -> text: BOMs, UTF-16 with and without BOM, GB18030, binary and empty input."""

from __future__ import annotations

import codecs

import pytest
from ingest_corpus import PIPE_DOC

from budgetkg.errors import EmptyDocumentError, UndecodableError
from budgetkg.ingest.decoding import decode_bytes

SAMPLE = "大同市信访局2026年度部门预算公开\n收入总计\t1156.95\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
    ],
)
def test_each_encoding_gives_the_same_text(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert text == SAMPLE
    assert found == encoding


def test_the_whole_corpus_document_round_trips_through_gb18030() -> None:
    original = PIPE_DOC.read_text(encoding="utf-8")
    text, found = decode_bytes(original.encode("gb18030"))
    assert found == "gb18030"
    assert text == original


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n", codecs.BOM_UTF8 + b"  \n"])
def test_empty_input_is_an_empty_document(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError, match="empty"):
        decode_bytes(data)


def test_binary_input_is_undecodable() -> None:
    data = b"%PDF-1.7\x00\x01\x02\x03" + bytes(range(256)) * 8
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(data)
