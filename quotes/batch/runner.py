"""Batch extraction: a stream of documents in, one result per document out, in input order.

The local engine runs the extractor in worker processes:

* **order** -- results are yielded in input order; at most ``window`` documents are read
  ahead of the last yielded one, so memory stays bounded whatever the corpus size;
* **no lost document** -- a document whose extraction raises, runs past ``timeout`` or is
  longer than ``max_chars`` gets an error record; a worker process that dies takes only
  the document it was working on with it (error record), the rest of its chunk is
  re-queued and a fresh worker is started;
* **models load once per worker** -- each worker calls the extractor factory once; the
  factory must be picklable (a module-level function or a ``functools.partial`` of one),
  which is also what lets the Dask engine (:mod:`quotes.batch.dask_engine`) ship it;
* **resume** -- output is written in input order, so a killed run leaves a prefix of the
  full output; :func:`completed_records` measures that prefix (cutting a torn last line)
  and the caller skips that many input documents after checking their ids.

Workers talk to the parent over one pipe each (no shared queue whose lock a killed
worker could leave held), and the parent watches the pipes and the process sentinels.
"""

from __future__ import annotations

import functools
import json
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import wait as wait_for
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Protocol, Union

from quotes.errors import BatchError, DocumentTimeout, ResumeError
from quotes.io.results import iter_results
from quotes.records import Document, InputError, Result

DocOrError = Union[Document, InputError]
Item = tuple[int, DocOrError]  # (0-based position in the input, document)

DEFAULT_MAX_CHARS = 2_000_000


class ExtractorLike(Protocol):
    def extract(self, doc: Document) -> Result: ...


ExtractorFactory = Callable[[], ExtractorLike]


@dataclass
class BatchOptions:
    """How a batch runs. ``workers=0`` runs the extractor in the calling process."""

    workers: int = 1
    batch_size: int = 16  # documents per task sent to a worker
    window: Optional[int] = None  # documents read ahead of the output; default 4 * workers * batch_size
    max_chars: Optional[int] = DEFAULT_MAX_CHARS
    timeout: Optional[float] = None  # seconds per document
    start_method: str = "spawn"

    @property
    def read_ahead(self) -> int:
        return self.window or max(4 * max(self.workers, 1) * self.batch_size, 8)


@dataclass
class Outcome:
    """One document's result, with the input item it came from."""

    position: int
    item: DocOrError
    result: Result


def _load_extractor(mode: str, models_dir: Optional[str], scheme: str = "speech") -> ExtractorLike:
    from quotes.extraction.modes import load_extractor  # spaCy is imported in the workers only

    return load_extractor(mode=mode, models_dir=models_dir, scheme=scheme)


def default_factory(
    mode: str = "auto", models_dir: Optional[str] = None, scheme: str = "speech"
) -> ExtractorFactory:
    """A picklable factory for :func:`quotes.extraction.pipeline.load_extractor`."""
    return functools.partial(_load_extractor, mode, models_dir, scheme)


def load_factory(spec: str) -> ExtractorFactory:
    """``package.module:callable`` -> that callable (a custom extractor factory)."""
    import importlib

    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise ValueError(f"expected MODULE:CALLABLE, got {spec!r}")
    obj: Any = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise ValueError(f"{spec} is not callable")
    return obj


# --------------------------------------------------------------------------- one document


@contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise DocumentTimeout after ``seconds`` (main thread only; elsewhere a no-op).

    The alarm interrupts Python code; a long stretch inside compiled code is cut by the
    parent's watchdog instead, which kills the worker (see :func:`run_parallel`).
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def precheck(item: DocOrError, options: BatchOptions) -> Optional[Result]:
    """The result of a document that needs no extractor: unreadable, or too long."""
    if isinstance(item, InputError):
        return Result(item.id, error=item.describe())
    if options.max_chars and len(item.text) > options.max_chars:
        return Result(
            item.id,
            error=f"document has {len(item.text):,} characters, over the limit of {options.max_chars:,} "
            "(--max-chars); split it or raise the limit",
        )
    return None


def extract_one(extractor: ExtractorLike, doc: Document, timeout: Optional[float] = None) -> Result:
    """Extract one document; any failure becomes an error record for that document."""
    try:
        with time_limit(timeout):
            result = extractor.extract(doc)
    except DocumentTimeout:
        return Result(doc.id, error=f"timed out after {timeout:g} s (--timeout)")
    except Exception as exc:
        return Result(doc.id, error=f"extraction failed: {type(exc).__name__}: {exc}")
    if not isinstance(result, Result):
        return Result(doc.id, error=f"extractor returned {type(result).__name__}, not a Result")
    if result.id != doc.id:
        result.id = doc.id
    return result


def prepare_extractor(factory: ExtractorFactory, max_chars: Optional[int]) -> ExtractorLike:
    """Build the extractor and let its spaCy pipeline take documents up to ``max_chars``."""
    extractor = factory()
    nlp = getattr(extractor, "nlp", None)
    if nlp is not None and max_chars and getattr(nlp, "max_length", max_chars + 1) <= max_chars:
        nlp.max_length = max_chars + 1
    return extractor


# --------------------------------------------------------------------------- engines


def run_batch(
    items: Iterable[Item], factory: ExtractorFactory, options: Optional[BatchOptions] = None
) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per item, in the order of ``items``."""
    options = options or BatchOptions()
    if options.workers <= 0:
        return run_inline(items, factory, options)
    return run_parallel(items, factory, options)


def run_inline(items: Iterable[Item], factory: ExtractorFactory, options: BatchOptions) -> Iterator[Outcome]:
    """Everything in this process (no crash isolation): for small inputs and debugging."""
    extractor: Optional[ExtractorLike] = None
    for pos, item in items:
        result = precheck(item, options)
        if result is None:
            if extractor is None:
                extractor = prepare_extractor(factory, options.max_chars)
            assert isinstance(item, Document)
            result = extract_one(extractor, item, options.timeout)
        yield Outcome(pos, item, result)


def _worker_main(conn: Any, factory: ExtractorFactory, max_chars: Optional[int], timeout: Optional[float]) -> None:
    """Worker process: load the extractor once, then extract chunks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # One thread per worker: parallelism comes from the processes, and N workers each
    # starting a core-sized BLAS/torch thread pool would only fight over the cores.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        extractor = prepare_extractor(factory, max_chars)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which stops the batch
        try:
            conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        finally:
            return
    conn.send(("ready",))
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return  # parent gone
        if chunk is None:
            return
        for pos, doc in chunk:
            result = extract_one(extractor, doc, timeout)
            try:
                conn.send(("result", pos, result))
            except (BrokenPipeError, EOFError, OSError):
                return
            except Exception as exc:  # result not picklable
                conn.send(("result", pos, Result(doc.id, error=f"result could not be sent: {exc}")))


class _Worker:
    def __init__(self, ctx: Any, factory: ExtractorFactory, options: BatchOptions):
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_worker_main,
            args=(child_end, factory, options.max_chars, options.timeout),
            daemon=True,
            name="quotes-worker",
        )
        self.proc.start()
        child_end.close()  # so the parent sees EOF when the worker dies
        self.conn = parent_end
        self.ready = False
        self.chunk: list[Item] = []
        self.n_done = 0
        self.last_progress = time.monotonic()
        self.timed_out = False

    @property
    def busy(self) -> bool:
        return self.n_done < len(self.chunk)

    def assign(self, chunk: list[Item]) -> bool:
        """Send a chunk; False (and nothing assigned) when the worker is already gone."""
        try:
            self.conn.send(chunk)
        except (BrokenPipeError, OSError):
            return False
        self.chunk = chunk
        self.n_done = 0
        self.last_progress = time.monotonic()
        return True

    def stop(self, wait: float = 2.0) -> None:
        try:
            if self.proc.is_alive():
                self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass
        self.proc.join(wait)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(wait)
        self.conn.close()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def describe_exit(exitcode: Optional[int]) -> str:
    if exitcode is None:
        return "still running"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def hard_deadline(timeout: float) -> float:
    """How long the parent waits on one document before killing its worker.

    Longer than ``timeout`` so that the worker's own alarm, which keeps the worker
    alive, normally fires first.
    """
    return timeout + max(2.0, 0.5 * timeout)


def run_parallel(items: Iterable[Item], factory: ExtractorFactory, options: BatchOptions) -> Iterator[Outcome]:
    """The worker-process engine behind :func:`run_batch` (see the module docstring)."""
    ctx = mp.get_context(options.start_method)
    source = iter(items)
    exhausted = False
    order: deque[int] = deque()  # positions read and not yet yielded, in input order
    items_by_pos: dict[int, DocOrError] = {}
    done: dict[int, Result] = {}
    todo: deque[Item] = deque()  # read, waiting for a worker
    workers: list[_Worker] = []
    startup_failures = 0

    def finish(pos: int, result: Result) -> None:
        done[pos] = result

    def lose_worker(w: _Worker, why: str) -> _Worker:
        nonlocal startup_failures
        w.kill()
        if not w.ready:
            startup_failures += 1
            if startup_failures >= 3:
                raise BatchError(f"worker processes die while loading the extractor ({why})")
        elif w.busy:
            pos, doc = w.chunk[w.n_done]
            finish(pos, Result(doc.id, error=f"worker process {why} while extracting this document"))
            todo.extendleft(reversed(w.chunk[w.n_done + 1 :]))
        return _Worker(ctx, factory, options)

    def receive(w: _Worker) -> bool:
        """Drain the worker's pipe; False when the pipe is broken (worker gone)."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "result":
                    _, pos, result = msg
                    finish(pos, result)
                    w.n_done += 1
                    w.last_progress = time.monotonic()
                elif msg[0] == "ready":
                    w.ready = True
                elif msg[0] == "fatal":
                    raise BatchError(f"the extractor could not be loaded: {msg[1]}")
        except (EOFError, OSError):
            return False
        return True

    try:
        while True:
            # read ahead, up to the window
            while not exhausted and len(order) < options.read_ahead:
                try:
                    pos, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                order.append(pos)
                items_by_pos[pos] = item
                pre = precheck(item, options)
                if pre is not None:
                    finish(pos, pre)
                else:
                    todo.append((pos, item))
            # hand chunks to idle workers
            if todo and not workers:  # started on first need: an input of only errors loads no model
                workers = [_Worker(ctx, factory, options) for _ in range(options.workers)]
            for w in workers:
                if w.ready and not w.busy and todo:
                    chunk = [todo.popleft() for _ in range(min(options.batch_size, len(todo)))]
                    if not w.assign(chunk):
                        todo.extendleft(reversed(chunk))  # its death is handled below
            # yield what is ready, in order
            while order and order[0] in done:
                pos = order.popleft()
                yield Outcome(pos, items_by_pos.pop(pos), done.pop(pos))
            if exhausted and not order:
                break
            if not exhausted and len(order) < options.read_ahead:
                continue  # room to read more before waiting
            # wait for a message, a worker death or a deadline
            now = time.monotonic()
            deadlines = [
                w.last_progress + hard_deadline(options.timeout) for w in workers if options.timeout and w.busy
            ]
            wait_s = max(0.0, min(deadlines) - now) if deadlines else None
            wait_for([w.conn for w in workers] + [w.proc.sentinel for w in workers], wait_s)
            for i, w in enumerate(workers):
                alive = receive(w) and w.proc.is_alive()
                if not alive:
                    receive(w)  # results sent just before dying still count
                    workers[i] = lose_worker(w, f"died ({describe_exit(w.proc.exitcode)})")
                elif options.timeout and w.busy and time.monotonic() - w.last_progress > hard_deadline(options.timeout):
                    workers[i] = lose_worker(w, f"was stopped after {options.timeout:g} s (--timeout)")
    finally:
        for w in workers:
            w.stop()


# --------------------------------------------------------------------------- resume


def completed_records(path: Union[str, os.PathLike]) -> int:
    """Count the whole records of an existing JSON Lines output, cutting a torn last line.

    A run killed mid-write can leave a last line without its newline (or not valid
    JSON); it is truncated away so appending continues on a clean line. A bad line
    before the last means the file is not an output of this tool: ResumeError.
    """
    p = Path(path)
    if not p.exists():
        return 0
    n = 0
    good_end = 0
    with open(p, "rb+") as fh:
        lines = iter(fh)
        for line in lines:
            ok = line.endswith(b"\n")
            if ok:
                try:
                    value = json.loads(line)
                    ok = isinstance(value, dict) and "id" in value
                except ValueError:
                    ok = False
            if not ok:
                if next(lines, None) is not None:
                    raise ResumeError(f"{p}: line {n + 1} is not a result record; cannot resume from this file")
                break
            n += 1
            good_end += len(line)
        fh.truncate(good_end)
    return n


def iter_output_records(path: Union[str, os.PathLike], limit: int) -> Iterator[Result]:
    """The first ``limit`` records of an output file, streamed."""
    return islice(iter_results(path), limit)


def item_id(item: DocOrError) -> str:
    return item.id
