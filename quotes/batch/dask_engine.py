"""The Dask engine: the same batch extraction spread over a Dask cluster.

The input stream is cut into chunks of ``batch_size`` documents; each chunk is one task
that runs :func:`quotes.batch.runner.extract_one` on a worker, with the extractor built once per
worker process and cached (:func:`cached_extractor`). At most ``2 * workers + 2`` chunks
are in flight, and results are yielded in input order, so memory is bounded as in the
local engine and the output is the same.

Differences from the local engine, on purpose: a task whose worker dies is retried by
Dask itself (up to ``distributed.scheduler.allowed-failures``); if the chunk still fails,
its documents are retried one by one and only the ones that fail alone get an error
record. ``timeout`` is not enforced: Dask runs tasks in worker threads, where no alarm
can interrupt them (run such corpora with the local engine, or pre-filter long
documents with ``max_chars``).
"""

from __future__ import annotations

import pickle
import threading
from collections import deque
from typing import Any, Iterable, Iterator, Optional

from quotes.batch.runner import (
    BatchOptions,
    ExtractorFactory,
    ExtractorLike,
    Item,
    Outcome,
    extract_one,
    precheck,
    prepare_extractor,
)
from quotes.io.extras import require
from quotes.records import Document, Result

_EXTRACTORS: dict[bytes, ExtractorLike] = {}
_LOCK = threading.Lock()


def cached_extractor(factory: ExtractorFactory, max_chars: Optional[int]) -> ExtractorLike:
    """The extractor of this worker process, built on the first task that needs it.

    Keyed by the pickled factory, so tasks of two different runs on a long-lived
    cluster (say, two modes) do not share an extractor.
    """
    key = pickle.dumps((factory, max_chars))
    with _LOCK:
        extractor = _EXTRACTORS.get(key)
        if extractor is None:
            extractor = _EXTRACTORS[key] = prepare_extractor(factory, max_chars)
    return extractor


def process_chunk(
    factory: ExtractorFactory, docs: list[tuple[int, Document]], max_chars: Optional[int], timeout: Optional[float]
) -> list[tuple[int, Result]]:
    """A Dask task: extract a chunk of documents on a worker."""
    extractor = cached_extractor(factory, max_chars)
    return [(pos, extract_one(extractor, doc, timeout)) for pos, doc in docs]


def connect(scheduler: Optional[str], workers: int) -> tuple[Any, Any]:
    """A client for ``scheduler`` (``tcp://host:port``), or for a new LocalCluster.

    Returns ``(client, cluster)``; ``cluster`` is None when connecting to an existing one.
    """
    require("distributed", "dask", "the Dask engine")
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster), cluster


def run_dask(
    items: Iterable[Item],
    factory: ExtractorFactory,
    options: Optional[BatchOptions] = None,
    scheduler: Optional[str] = None,
    client: Any = None,
) -> Iterator[Outcome]:
    """Yield one :class:`~quotes.batch.runner.Outcome` per item, in input order, computed on Dask.

    Pass ``client`` to use an existing ``distributed.Client``; otherwise one is made for
    ``scheduler`` or for a LocalCluster with ``options.workers`` processes, and closed
    at the end.
    """
    options = options or BatchOptions()
    cluster = None
    own = client is None
    if own:
        client, cluster = connect(scheduler, options.workers)
    try:
        n_workers = max(len(client.scheduler_info().get("workers", {})), options.workers, 1)
        max_in_flight = 2 * n_workers + 2
        pending: deque[tuple[list[Item], dict[int, Result], Any]] = deque()

        def submit(chunk: list[Item]) -> None:
            early: dict[int, Result] = {}
            work: list[tuple[int, Document]] = []
            for pos, item in chunk:
                pre = precheck(item, options)
                if pre is not None:
                    early[pos] = pre
                else:
                    assert isinstance(item, Document)
                    work.append((pos, item))
            future = (
                client.submit(process_chunk, factory, work, options.max_chars, options.timeout, pure=False)
                if work
                else None
            )
            pending.append((chunk, early, future))

        def collect() -> Iterator[Outcome]:
            chunk, results, future = pending.popleft()
            if future is not None:
                results.update(_chunk_results(client, future, factory, chunk, results, options))
            for pos, item in chunk:
                yield Outcome(pos, item, results[pos])

        chunk: list[Item] = []
        for pos_item in items:
            chunk.append(pos_item)
            if len(chunk) >= options.batch_size:
                submit(chunk)
                chunk = []
                while len(pending) >= max_in_flight:
                    yield from collect()
        if chunk:
            submit(chunk)
        while pending:
            yield from collect()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def _chunk_results(
    client: Any,
    future: Any,
    factory: ExtractorFactory,
    chunk: list[Item],
    early: dict[int, Result],
    options: BatchOptions,
) -> dict[int, Result]:
    try:
        return dict(future.result())
    except Exception:
        pass
    # the chunk failed as a whole (a worker died on it): retry its documents one by one
    out: dict[int, Result] = {}
    for pos, item in chunk:
        if pos in early:
            continue
        try:
            out.update(
                client.submit(
                    process_chunk, factory, [(pos, item)], options.max_chars, options.timeout, pure=False
                ).result()
            )
        except Exception as exc:
            out[pos] = Result(item.id, error=f"extraction failed on the Dask cluster: {type(exc).__name__}: {exc}")
    return out
