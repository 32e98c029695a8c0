"""Files changed in git since a revision, for scanning only what a change touched."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mtcheck.errors import ConfigError


def changed_files(ref: str, cwd: Path | None = None) -> set[str]:
    """Absolute paths of files added, copied, modified or renamed since ``ref`` (working tree
    included) and of untracked files not ignored by git."""
    if ref.startswith("-"):
        raise ConfigError(f"--diff: {ref!r} is not a git revision")

    start = cwd or Path.cwd()

    def git(*args: str, where: Path = start) -> str:
        try:
            res = subprocess.run(
                ["git", *args],
                cwd=where,
                capture_output=True,
                # file names are bytes; one that is not UTF-8 keeps its bytes, as os.fsdecode
                # would give them, so that it can still be opened
                encoding="utf-8",
                errors="surrogateescape",
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ConfigError(f"--diff: cannot run git: {e}") from None
        if res.returncode != 0:
            msg = res.stderr.strip().splitlines()[-1] if res.stderr.strip() else "git failed"
            raise ConfigError(f"--diff {ref}: {msg}")
        return res.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    names = git("diff", "--name-only", "--diff-filter=ACMR", "-z", ref, "--", where=top)
    names += git("ls-files", "--others", "--exclude-standard", "-z", where=top)
    return {os.path.normpath(top / n) for n in names.split("\0") if n}


def read_file_list(source: str, stdin_text: str | None = None) -> list[str]:
    """Paths from a file (one per line) or from standard input (``-``)."""
    if source == "-":
        text = stdin_text or ""
    else:
        try:
            text = Path(source).read_text(encoding="utf-8", errors="surrogateescape")
        except OSError as e:
            raise ConfigError(f"--files-from {source}: {e.strerror}") from None
    return [line.strip() for line in text.splitlines() if line.strip()]
