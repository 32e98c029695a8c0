"""mtcheck: find garbled machine-translated text before readers do."""

from __future__ import annotations

__version__ = "0.1.0"

from mtcheck.api import check_text, scan
from mtcheck.model import Document, DocumentResult, Finding, RunResult, Severity

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
