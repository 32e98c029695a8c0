"""Scanning on a Dask cluster (``pip install mtcheck[dask]``).

The client reads the inputs and sends partitions of documents (or blocks of JSON Lines) to the
workers, which run :func:`mtcheck.parallel.work` (the same pure per-document
:func:`mtcheck.engine.process` as a local scan). Results come back in input order; corpus-scope
summaries from every partition are reduced once on the client, so the result is identical to a
local scan::

    from dask.distributed import Client
    from mtcheck import distributed

    with Client("tcp://scheduler:8786") as client:
        run = distributed.scan(["articles.jsonl"], client=client)

or from the command line: ``mtcheck scan --dask tcp://scheduler:8786 PATHS``. Workers need the
same mtcheck version installed (the settings travel to them pickled, rules by code).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from mtcheck import parallel
from mtcheck.baseline import Baseline
from mtcheck.cache import Cache
from mtcheck.config import Settings, resolve
from mtcheck.errors import ConfigError
from mtcheck.model import RunResult

#: how long ``--dask ADDRESS`` waits for the scheduler before giving up
CONNECT_TIMEOUT = "10s"


def _client_class() -> Any:
    try:
        from dask.distributed import Client
    except ImportError:
        raise ConfigError(
            "--dask needs the optional dependency: pip install 'mtcheck[dask]'"
        ) from None
    return Client


class DaskBackend:
    """Chunks run as Dask tasks; ``workers`` sizes the window of partitions in flight."""

    def __init__(
        self, client: Any, settings: Settings, keep_text: bool, own_client: bool = False
    ) -> None:
        self._client = client
        self._own = own_client
        self._keep_text = keep_text
        # the settings go to the cluster once; every task refers to them
        self._settings = client.scatter(settings, broadcast=True)
        self._futures: list[Any] = []
        self.workers = max(1, sum(client.nthreads().values()))

    @classmethod
    def connect(cls, address: str, settings: Settings, keep_text: bool) -> DaskBackend:
        try:
            client = _client_class()(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        return cls(client, settings, keep_text, own_client=True)

    def submit(self, units: list[parallel.Unit]) -> Callable[[], parallel.Results]:
        fut = self._client.submit(parallel.work, units, self._settings, self._keep_text, pure=False)
        self._futures.append(fut)

        def fetch() -> parallel.Results:
            self._futures.remove(fut)
            return list(fut.result())

        return fetch

    def close(self, abort: bool) -> None:
        if abort and self._futures:
            self._client.cancel(self._futures)
        self._futures = []
        if self._own:
            self._client.close()


def scan(
    paths: Sequence[str | Path],
    client: Any = None,
    config: Settings | Mapping[str, Any] | None = None,
    keep_text: bool = True,
    cache: Cache | None = None,
    baseline: Baseline | None = None,
) -> RunResult:
    """Scan files and directories on the Dask cluster of ``client`` (an address or a Client).

    The result equals :func:`mtcheck.api.scan` on the same inputs and settings.
    """
    settings = config if isinstance(config, Settings) else resolve(config or {}, discover=False)
    if client is None or isinstance(client, str):
        backend = DaskBackend(_client_class()(client), settings, keep_text, own_client=True)
    else:
        backend = DaskBackend(client, settings, keep_text)
    names = [str(p) for p in paths]
    if "-" in names:
        raise ConfigError("a Dask scan cannot read standard input; name files or directories")
    return parallel.scan(
        names, settings, cache=cache, keep_text=keep_text, baseline=baseline, backend=backend
    )
