"""Where a batch's stage functions run: in this process, in local worker processes, or on Ray.

Every engine maps the task function it is handed (the batch passes ``run.run_task(task, worker)``;
this module imports nothing of the batch, so there is no circle) over a stream of small JSON-able
tasks (a shard of articles to prepare, a story to analyse) and yields each task's result as it is
done, in any order. Tasks name files in the batch folder; results are small summaries, so neither
side ever holds the corpus. At most a few tasks per worker are in flight at once, so memory does not
grow with the number of tasks.

* ``single``: one process, models loaded once.
* ``local``: ``workers`` processes (spawned, so no model or torch thread state is forked: a script
  that calls ``run_batch`` needs the usual ``if __name__ == "__main__":`` guard), models loaded once
  per process, each with ``cores // workers`` torch threads.
* ``ray``: the tasks are spooled to a file and Ray Data maps the task numbers with
  ``map_batches`` and a callable class, so each actor of the pool loads the models once per stage; on
  a local Ray (``ray.init(num_cpus=workers)``) or the cluster at ``ray_address`` (which must see the
  batch folder on a shared filesystem). Ray is imported only here, only when this engine is chosen:
  ``pip install 'sourcetrace[ray]'``.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import UsageError

Task = dict[str, Any]
Result = dict[str, Any]
# What an engine runs: a module-level function (local processes and Ray pickle it by reference).
TaskFunction = Callable[[Task, "Worker"], Result]
EngineName = Literal["single", "local", "ray"]
ENGINES: tuple[EngineName, ...] = ("single", "local", "ray")


class Engine(Protocol):
    name: str
    workers: int

    def map(self, tasks: Iterable[Task]) -> Iterator[Result]: ...

    def close(self) -> None: ...


def make_engine(
    name: str,
    *,
    task: TaskFunction,
    scratch: Path,
    workers: int | None = None,
    ray_address: str | None = None,
) -> Engine:
    """The engine called ``name``, running ``task`` on every task it is given (``scratch``: a folder for
    Ray's task files); raises ``UsageError`` for an unknown engine or a missing Ray."""
    cores = os.cpu_count() or 1
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if name == "single":
        return SingleEngine(task)
    if name == "local":
        return LocalEngine(task, workers or cores)
    if name == "ray":
        return RayEngine(task, workers or cores, scratch=scratch, address=ray_address)
    raise UsageError(f"unknown engine {name!r}; use one of: {', '.join(ENGINES)}")


class Worker:
    """The per-process state of a worker: the task function, and model handles loaded on first use."""

    def __init__(self, task: TaskFunction, torch_threads: int | None = None) -> None:
        self.task = task
        self.torch_threads = torch_threads
        self._ready = False

    def ready(self) -> None:
        """Set torch's thread count once, before any model runs in this process."""
        if not self._ready:
            self._ready = True
            if self.torch_threads:
                import torch

                torch.set_num_threads(self.torch_threads)

    @property
    def nlp(self) -> Any:
        from ..nlp import load_spacy

        self.ready()
        return load_spacy()

    @property
    def encoder(self) -> Any:
        from ..nlp import load_encoder

        self.ready()
        return load_encoder()

    def __call__(self, task: Task) -> Result:
        return self.task(task, self)


class SingleEngine:
    name = "single"
    workers = 1

    def __init__(self, task: TaskFunction) -> None:
        self.worker = Worker(task)

    def map(self, tasks: Iterable[Task]) -> Iterator[Result]:
        for task in tasks:
            yield self.worker(task)

    def close(self) -> None:
        return None


# ------------------------------------------------------------------------------------ local processes

_process_worker: Worker | None = None


def _init_process(task: TaskFunction, torch_threads: int) -> None:
    global _process_worker
    # Ctrl-C reaches the whole process group; the parent decides what to do, workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _process_worker = Worker(task, torch_threads)


def _run_in_process(task: Task) -> Result:
    assert _process_worker is not None, "worker process not initialised"
    return _process_worker(task)


class LocalEngine:
    """A pool of spawned processes; ``2 * workers`` tasks in flight at most."""

    name = "local"

    def __init__(self, task: TaskFunction, workers: int) -> None:
        import multiprocessing

        self.workers = workers
        threads = max(1, (os.cpu_count() or 1) // workers)
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_process,
            initargs=(task, threads),
        )

    def map(self, tasks: Iterable[Task]) -> Iterator[Result]:
        return _bounded(self._pool.submit, _run_in_process, iter(tasks), 2 * self.workers)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop at once (Ctrl-C): pending tasks are dropped, running ones are not waited for."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in list((getattr(self._pool, "_processes", None) or {}).values()):
            process.terminate()


def _bounded(
    submit: Callable[..., Future[Result]], fn: Callable[[Task], Result], tasks: Iterator[Task], limit: int
) -> Iterator[Result]:
    pending: set[Future[Result]] = set()
    for task in islice(tasks, limit):
        pending.add(submit(fn, task))
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
            for task in islice(tasks, 1):
                pending.add(submit(fn, task))


# ---------------------------------------------------------------------------------------------- Ray


class RayWorker:
    """The callable class Ray Data runs in each actor: one ``Worker`` (models loaded once) per actor.

    A row is a task number; the task itself is read from the task file the driver spooled, so the
    dataset is a list of numbers and Arrow never sees the tasks. Results travel as JSON strings.
    """

    def __init__(self, task: TaskFunction, tasks: str, offsets: str, torch_threads: int = 1) -> None:
        import numpy as np

        self.tasks = tasks
        self.offsets = np.load(offsets, mmap_mode="r")
        self.worker = Worker(task, torch_threads)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        results: list[str] = []
        with open(self.tasks, "rb") as handle:
            for number in batch["id"]:
                start, end = int(self.offsets[number]), int(self.offsets[number + 1])
                handle.seek(start)
                task = json.loads(handle.read(end - start))
                results.append(json.dumps(self.worker(task)))
        return {"result": np.array(results, dtype=object)}


class RayEngine:
    """Ray Data ``map_batches`` with an actor pool of ``workers`` actors, over a spooled task file."""

    name = "ray"

    def __init__(
        self, task: TaskFunction, workers: int, *, scratch: Path, address: str | None = None
    ) -> None:
        try:
            import ray  # noqa: F401 - fail now, with the install hint, not at the first task
        except ImportError as exc:
            raise UsageError(
                "--engine ray needs Ray: pip install 'sourcetrace[ray]' (ray[data]==2.60.0)"
            ) from exc
        self.task = task
        self.workers = workers
        self.scratch = scratch
        self.address = address
        self._jobs = 0
        self._started = False

    def _connect(self) -> None:
        """Start (or join) Ray on first use, so that a pass with nothing to do costs nothing."""
        import ray

        if not ray.is_initialized():
            os.environ.setdefault("RAY_DEDUP_LOGS", "0")
            if self.address:
                ray.init(address=self.address, log_to_driver=False)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
            self._started = True
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False

    def map(self, tasks: Iterable[Task]) -> Iterator[Result]:
        import numpy as np
        import ray

        self.scratch.mkdir(parents=True, exist_ok=True)
        self._jobs += 1
        path = self.scratch / f"ray-tasks-{os.getpid()}-{self._jobs}.jsonl"
        offsets = [0]
        with path.open("wb") as handle:
            for task in tasks:
                handle.write(json.dumps(task).encode("utf-8") + b"\n")
                offsets.append(handle.tell())
        count = len(offsets) - 1
        if count == 0:
            path.unlink()
            return
        self._connect()
        offsets_path = path.with_suffix(".offsets.npy")
        np.save(offsets_path, np.asarray(offsets, dtype=np.int64))
        try:
            # from_items, not range: the numbers sit in the object store, so no read task has to wait for
            # a CPU that the actor pool (one actor per CPU) holds.
            numbers = [{"id": n} for n in range(count)]
            dataset = ray.data.from_items(numbers, override_num_blocks=min(count, 4096)).map_batches(
                RayWorker,
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(size=min(self.workers, count)),
                num_cpus=1,
                fn_constructor_kwargs={
                    "task": self.task,
                    "tasks": str(path),
                    "offsets": str(offsets_path),
                    "torch_threads": 1,
                },
            )
            for row in dataset.iter_rows():
                yield json.loads(row["result"])
        finally:
            path.unlink(missing_ok=True)
            offsets_path.unlink(missing_ok=True)

    def close(self) -> None:
        import ray

        if self._started and ray.is_initialized():
            ray.shutdown()
