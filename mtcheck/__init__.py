"""mtcheck: find garbled machine-translated text before readers do."""

from __future__ import annotations

__version__ = "0.1.0"

from mtcheck.api import check_text, scan  # noqa: E402
from mtcheck.model import Document, DocumentResult, Finding, RunResult, Severity  # noqa: E402

__all__ = [
    "Document",
    "DocumentResult",
    "Finding",
    "RunResult",
    "Severity",
    "__version__",
    "check_text",
    "scan",
]
