"""Where Monte Carlo replications run: in this process, in a local process pool, or on dask.

Every backend runs the same kernel, :func:`replicate` (or another one passed in, such as the
stress tests' and sweeps' of :mod:`oefening.analysis`), on batches of consecutive
replications and yields ``(start, rows)`` as batches complete, in whatever order they
finish; the caller files each row under its replication index. A row depends only on
(scenario, plan, seed, replication), never on the worker or the batch, so the aggregates
are bit-identical whatever the backend. The work (scenario, plans, seed) travels once per
worker: through the pool's initializer, or scattered to every dask worker.
"""

from __future__ import annotations

import gc
import logging
import math
import multiprocessing
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, NamedTuple

from oefening.decide import Decider, PlanDecider, collector_paused, play, play_plan
from oefening.engine.exercise import Exercise
from oefening.engine.result import totals
from oefening.errors import OefeningError


class Breached:
    """Which processes breached their MTPD in one world: one bit per process, in scenario
    order. A run keeps this for every world: a national world breaches hundreds of MTPDs,
    which as indices took ≈ 0.9 KB and as bits take 63 bytes. Iterates over the indices in
    ascending order; ``i in breached``; ``len``: how many."""

    __slots__ = ("bits",)

    def __init__(self, bits: bytes = b"") -> None:
        self.bits = bytes(bits).rstrip(b"\0")   # one meaning, one form: equal sets are equal

    @classmethod
    def of(cls, indices: Iterable[int]) -> Breached:
        """From process indices (a row built by hand)."""
        bits = bytearray()
        for i in indices:
            if i >> 3 >= len(bits):
                bits.extend(bytes((i >> 3) + 1 - len(bits)))
            bits[i >> 3] |= 1 << (i & 7)
        return cls(bytes(bits))

    def __iter__(self) -> Iterator[int]:
        for byte_index, byte in enumerate(self.bits):
            for bit in range(8):
                if byte >> bit & 1:
                    yield byte_index * 8 + bit

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and 0 <= i >> 3 < len(self.bits) and bool(self.bits[i >> 3] >> (i & 7) & 1)

    def __len__(self) -> int:
        return int.from_bytes(self.bits, "little").bit_count()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Breached) and other.bits == self.bits

    def __hash__(self) -> int:
        return hash(self.bits)

    def __repr__(self) -> str:
        return f"Breached.of({list(self)})"

    def __reduce__(self) -> tuple[type[Breached], tuple[bytes]]:
        return Breached, (self.bits,)


class Outcome(NamedTuple):
    """What one replication of one arm gives Monte Carlo: the two numbers every comparison
    needs and which processes breached their MTPD (a small, picklable record)."""

    continuity: float
    cost: float
    breached: Breached   # the processes (indices in scenario order) whose MTPD was breached


DeciderFactory = Callable[[], Decider]
Arm = tuple[str, DeciderFactory | None]
"""A plan id and what makes a fresh decider for each run (None: nobody acts)."""
Row = tuple[Outcome, ...]
"""One replication: an outcome per arm."""
Work = tuple[Any, ...]
"""What every task needs (for Monte Carlo: the scenario, the arms and the seed): sent once to
every worker."""
Kernel = Callable[[Any, int, int], list[Any]]
"""The work of task indices ``start`` … ``stop − 1``: a module-level function (it travels to
the workers by name), one result per index, depending on the index alone."""
Batch = tuple[int, list[Row]]
"""The first replication of a batch and its rows."""
Timed = tuple[int, list[Row], float]
"""A batch and the seconds it took on its worker."""

TASK_SECONDS = 0.2
CONNECT_TIMEOUT = 10.0


def outcome(exercise: Exercise) -> Outcome:
    """Continuity, cost and breached processes of an exercise that reached its horizon:
    :func:`oefening.engine.result.totals`, without the per-process table and the timeline of
    ``run --json``, which would cost a quarter of a run."""
    world = exercise.world
    score, cost = totals(world, world.horizon)
    # one bit per process, not a tuple of int objects: a national world breaches hundreds of
    # MTPDs, and a run keeps this for every world (≈ 7.5 KB → 0.14 KB per world)
    processes = world.processes.values()
    bits = bytearray((len(processes) + 7) >> 3)
    for i, proc in enumerate(processes):
        if proc.breach_at is not None:
            bits[i >> 3] |= 1 << (i & 7)
    return Outcome(score, cost, Breached(bytes(bits)))


def replicate(work: Work, start: int, stop: int) -> list[Row]:
    """Run every arm on replications ``start`` … ``stop − 1``: the kernel of every backend."""
    scenario, arms, seed = work
    rows = []
    with collector_paused():  # building a world is thousands of objects: no rescans meanwhile
        for replication in range(start, stop):
            row = []
            for _plan, factory in arms:
                exercise = Exercise(scenario, seed, replication)
                decider = factory() if factory is not None else None
                if isinstance(decider, PlanDecider):   # only the outcome counts: no stop at quiet turns
                    play_plan(exercise, decider)
                else:
                    play(exercise, decider)
                row.append(outcome(exercise))
                exercise.release()   # freed now, not left to the collector (≈ 3.5 ms a national replication)
                del exercise         # and gone before the next world is built, which then reuses its memory
            rows.append(tuple(row))
    return rows


# -- handing out work ------------------------------------------------------------------------


class Feeder:
    """Hands out consecutive ranges of replications, sized as the run goes.

    The first ranges hold one replication; then each aims at ``TASK_SECONDS`` of work at
    the speed measured so far, but never more than the remaining replications divided by
    twice the workers (guided self-scheduling), so the ranges shrink towards the end and no
    worker is left with a long tail while the others idle.
    """

    def __init__(self, n: int, workers: int) -> None:
        self.n = n
        self.workers = workers
        self.next = 0
        self.done = 0
        self.seconds = 0.0

    def take(self) -> tuple[int, int] | None:
        if self.next >= self.n:
            return None
        size = 1
        if self.done and self.seconds > 0.0:
            size = max(1, round(TASK_SECONDS * self.done / self.seconds))
        size = min(size, math.ceil((self.n - self.next) / (2 * self.workers)))
        start, self.next = self.next, min(self.n, self.next + size)
        return start, self.next

    def record(self, replications: int, seconds: float) -> None:
        self.done += replications
        self.seconds += seconds


def _timed(work: Work, start: int, stop: int, kernel: Kernel | None = None) -> Timed:
    began = time.perf_counter()
    rows = (kernel or replicate)(work, start, stop)
    return start, rows, time.perf_counter() - began


def drive(submit: Callable[[int, int], Any], wait_first: Callable[[set[Any]], Any],
          cancel: Callable[[set[Any]], None], n: int, workers: int) -> Generator[Batch, None, None]:
    """Keep two ranges per worker in flight; yield each batch as it completes.

    ``submit(start, stop)`` returns a future of :func:`_timed`'s result, ``wait_first``
    returns ``(done, pending)`` once one completes, ``cancel`` drops what has not started.
    """
    feeder = Feeder(n, workers)
    pending: set[Any] = set()
    try:
        while True:
            while len(pending) < 2 * workers and (span := feeder.take()) is not None:
                pending.add(submit(*span))
            if not pending:
                return
            done, pending = wait_first(pending)
            for future in done:
                start, rows, seconds = future.result()
                feeder.record(len(rows), seconds)
                yield start, rows
    finally:
        if pending:
            cancel(pending)


# -- in this process ------------------------------------------------------------------------


@contextmanager
def collector_once_per_batch() -> Iterator[Callable[[], int]]:
    """What lives for the whole run (the scenario, the plans, the modules) is frozen out of
    the collector's sight; call what this yields after each batch (whose worlds are built
    with the collector paused): it collects that batch's garbage alone, ≈ 0.1 ms a world
    instead of rescanning everything (≈ 10 ms a full pass, 0.8 ms a world over a batch)."""
    gc.collect()
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def run_here(work: Work, n: int, kernel: Kernel | None = None) -> Generator[Batch, None, None]:
    """One replication at a time, so an interrupt loses at most the one running."""
    with collector_once_per_batch() as collect:
        for replication in range(n):
            rows = (kernel or replicate)(work, replication, replication + 1)
            collect()
            yield replication, rows


# -- a local process pool -------------------------------------------------------------------

_WORK: Work | None = None
_KERNEL: Kernel | None = None


def _init_worker(work: Work, kernel: Kernel | None = None) -> None:
    global _WORK, _KERNEL
    _WORK = work
    _KERNEL = kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.collect()
    gc.freeze()   # the work and the modules live as long as the worker: never rescanned (see collector_once_per_batch)


def _collected(work: Work, start: int, stop: int, kernel: Kernel | None = None) -> Timed:
    """A batch on a worker whose long-lived objects are frozen; then this batch's garbage
    alone is collected."""
    timed = _timed(work, start, stop, kernel)
    gc.collect()
    return timed


def _pool_batch(start: int, stop: int) -> Timed:
    assert _WORK is not None
    return _collected(_WORK, start, stop, _KERNEL)


def pool_context() -> multiprocessing.context.BaseContext:
    """forkserver where it exists (never fork: the TUI may have threads), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", "oefening.experiments.backends"])
        return context
    return multiprocessing.get_context("spawn")


def _cancel_all(futures: set[Future[Timed]]) -> None:
    for future in futures:
        future.cancel()


def run_pool(work: Work, n: int, workers: int, kernel: Kernel | None = None) -> Generator[Batch, None, None]:
    """Batches on ``workers`` processes; when stopped, what has not started is cancelled and
    the running batches (short) finish before the pool closes."""
    workers = min(workers, n)
    with ProcessPoolExecutor(workers, mp_context=pool_context(), initializer=_init_worker,
                             initargs=(work, kernel)) as pool:
        yield from drive(
            lambda a, b: pool.submit(_pool_batch, a, b),
            lambda fs: wait(fs, return_when=FIRST_COMPLETED),
            _cancel_all,
            n, workers,
        )


# -- dask.distributed -----------------------------------------------------------------------


_FROZEN = False   # in a dask worker: what lived before its first batch is out of the collector's sight


def _dask_batch(work: Work, start: int, stop: int, kernel: Kernel | None = None) -> Timed:
    """A batch on a dask worker, with the collector handled as in a pool's worker: before the
    worker's first batch, what lives (the work, the modules, the worker itself) is frozen;
    after each batch, that batch's garbage alone is collected."""
    global _FROZEN
    if not _FROZEN:
        gc.collect()
        gc.freeze()
        _FROZEN = True
    return _collected(work, start, stop, kernel)


def _reachable(address: str) -> None:
    """Fail at once when a tcp scheduler refuses the connection (dask would retry until timeout)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address)
    if scheme != "tcp":
        return
    host, port = parse_host_port(location)
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        message = f"--scheduler {address}: cannot reach a dask scheduler there ({reason})"
        raise OefeningError(message) from None


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while child processes start (main thread only; elsewhere, do nothing)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def local_cluster(workers: int) -> Any:
    """A dask LocalCluster of ``workers`` single-threaded processes, quiet, no dashboard
    (its HTTP server on a free port, so a busy 8787 is no matter).

    The workers' statistical profiler is off: sampling the stack every 10 ms cost ≈ 10 % of
    the CPU on the national benchmark. Its nannies set their workers' variables
    (``MALLOC_TRIM_THRESHOLD_``, ``PYTHONHASHSEED``, ``OMP_NUM_THREADS``…) in this process's
    own environment; they are put back afterwards, so processes started later (a pool's
    workers) are not affected. (``MALLOC_TRIM_THRESHOLD_`` itself makes no measurable
    difference to this pure-Python kernel, so it is left as dask sets it.)
    """
    import dask
    from distributed import LocalCluster

    saved = os.environ.copy()
    try:
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            return LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                                dashboard_address=None,
                                scheduler_kwargs={"dashboard_address": ":0"},
                                silence_logs=logging.CRITICAL)
    finally:
        if os.environ != saved:
            os.environ.clear()
            os.environ.update(saved)


def run_dask(work: Work, n: int, scheduler: str, workers: int,
             kernel: Kernel | None = None) -> Generator[Batch, None, None]:
    """Batches on a dask.distributed cluster; ``scheduler`` is an address or ``local``."""
    try:
        from distributed import Client
        from distributed import wait as dask_wait
    except ImportError:
        raise OefeningError(
            "--scheduler needs dask.distributed: pip install 'oefening[cluster]'"
        ) from None
    cluster = None
    try:
        if scheduler == "local":
            with _sigint_ignored():  # the cluster's processes inherit it: Ctrl-C is ours
                cluster = local_cluster(workers)
            address = cluster.scheduler_address
        else:
            address = scheduler
            try:
                _reachable(address)
            except ValueError as error:
                message = f"--scheduler {scheduler}: not a scheduler address ({error})"
                raise OefeningError(message) from None
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except Exception as error:  # refused, timed out, or something else answers there
            reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            if not isinstance(error, OSError | TimeoutError):
                reason = f"what answers is not a dask scheduler: {type(error).__name__}"
            message = f"--scheduler {scheduler}: cannot reach a dask scheduler there ({reason})"
            raise OefeningError(message) from None
        with client:
            info = client.scheduler_info(n_workers=-1)["workers"].values()
            if not info:
                raise OefeningError(f"--scheduler {scheduler}: the cluster has no workers")
            slots = sum(w.get("nthreads", 1) for w in info)
            [shared] = client.scatter([work], broadcast=True, hash=False)
            yield from drive(
                lambda a, b: client.submit(_dask_batch, shared, a, b, kernel, pure=False),
                lambda fs: dask_wait(list(fs), return_when="FIRST_COMPLETED"),
                lambda fs: client.cancel(list(fs)),
                n, slots,
            )
    finally:
        if cluster is not None:
            cluster.close()


def run_batches(work: Work, n: int, workers: int | None = None, scheduler: str | None = None,
                kernel: Kernel | None = None) -> Generator[Batch, None, None]:
    """``(start, rows)`` for every batch of the n replications (or task indices of another
    ``kernel``, default :func:`replicate`), in the order they finish."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if scheduler is not None:
        return run_dask(work, n, scheduler, workers, kernel)
    if workers == 1:
        return run_here(work, n, kernel)
    return run_pool(work, n, workers, kernel)
