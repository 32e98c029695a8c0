from __future__ import annotations

import os

# deterministic, colourless terminal output in CLI tests
os.environ.setdefault("NO_COLOR", "1")
os.environ.setdefault("COLUMNS", "120")
