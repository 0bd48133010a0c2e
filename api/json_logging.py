"""JSON logs: one object per line, to stderr and to ``{home}/logs/budgetkg-api.log``.

Standard library only: a :class:`JsonFormatter` on the ``budgetkg`` and ``uvicorn`` loggers.
Extra fields given with ``log.info(..., extra={...})`` become keys of the object.

    >>> import json, logging
    >>> record = logging.LogRecord("budgetkg.api", logging.INFO, "x", 1, "hello %s", ("维稳",), None)
    >>> entry = json.loads(JsonFormatter().format(record))
    >>> entry["level"], entry["logger"], entry["message"]
    ('INFO', 'budgetkg.api', 'hello 维稳')
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        entry: dict[str, object] = {
            "time": stamp,
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(log_dir: Path | None, level: int = logging.INFO) -> None:
    """Send the budgetkg and uvicorn loggers, as JSON, to stderr and (when given) ``log_dir``."""
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(
            RotatingFileHandler(
                log_dir / "budgetkg-api.log", maxBytes=10_000_000, backupCount=3, encoding="utf-8"
            )
        )
    formatter = JsonFormatter()
    for handler in handlers:
        handler.setFormatter(formatter)
    for name in ("budgetkg", "uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
            old.close()
        for handler in handlers:
            logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
