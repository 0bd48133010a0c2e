"""POST /ingest: bearer token, per-file outcomes, nothing changed by a rejected or unchanged file."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

from budgetkg.config import SAMPLE_CORPUS

from .conftest import INGEST_TOKEN, LiveServer


def post_files(live: LiveServer, files: dict[str, bytes], token: str | None) -> tuple[int, dict[str, object]]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, data in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            f"Content-Type: text/plain\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(live.url + "/ingest", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, json.loads(exc.read())


def test_ingest_needs_the_bearer_token(live: LiveServer) -> None:
    sample = next(iter(sorted(SAMPLE_CORPUS.glob("*.txt"))))
    for token in (None, "wrong"):
        status, body = post_files(live, {sample.name: sample.read_bytes()}, token)
        assert status == 401 and "bearer" in str(body["message"])


def test_ingest_reports_each_file_and_keeps_the_store_for_unchanged_or_bad_files(live: LiveServer) -> None:
    before = live.quads()
    sample = sorted(SAMPLE_CORPUS.glob("*.txt"))[1]
    status, body = post_files(
        live, {sample.name: sample.read_bytes(), "noise.txt": b"\x00\x01\x02 not a disclosure"}, INGEST_TOKEN
    )
    assert status == 200
    outcomes = {f["name"]: f["status"] for f in body["files"]}  # type: ignore[union-attr]
    assert outcomes == {sample.name: "unchanged", "noise.txt": "failed"}
    assert body["quads"] == before == live.quads()
