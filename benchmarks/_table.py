"""Replace one '## Heading' section of BENCHMARKS.md, leaving the others alone."""

from __future__ import annotations

import platform
import re
from datetime import date
from pathlib import Path


def replace_section(path: Path, heading: str, body: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    stamp = (
        f"_Measured {date.today().isoformat()} on {platform.machine()}, Python {platform.python_version()}._"
    )
    block = f"## {heading}\n\n{stamp}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = (
        pattern.sub(lambda _: block + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    )
    path.write_text(text, encoding="utf-8")
