"""A helper process for text work, so that a second core takes part in an import.

Sentences go there first: loading spaCy (about a second) then runs beside reading,
cleaning and lemmatizing here rather than before them. A project import sends it
every document to segment while this process writes the project.

The worker is this module run as `python -m coder.text.worker`: it answers requests
(a module-level function and its arguments, pickled over its stdin and stdout) in
order. It is a plain subprocess rather than multiprocessing, whose workers import the
parent's main module first (the whole CLI, or pytest). There is one per process,
started on first use by its `Helper` and kept for the next import, since the app
imports file after file. Where the worker cannot start or dies, the work is done in
this process: same function, same result.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coder.text.segment import sentence_pipeline, sentence_spans
from coder.text.spans import Span


class _Worker:
    def __init__(self):
        # This coder, not one in the current folder: -P leaves the folder off sys.path.
        root = str(Path(__file__).resolve().parents[2])      # the folder holding coder/
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-P", "-m", __name__], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        _widen(self.process.stdin, self.process.stdout)
        self.sent = 0
        self.replies: dict[int, tuple[bool, object]] = {}
        self.gone = False
        self.arrived = threading.Condition()
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()
        # Both ends of the pipe are served by threads: writing waits while the worker
        # still loads spaCy, and the worker waits for its replies to be read, which
        # must not wait until this process asks for them.
        threading.Thread(target=self._send, daemon=True).start()
        threading.Thread(target=self._receive, daemon=True).start()

    def submit(self, arguments: tuple) -> int:
        with self.arrived:
            self.sent += 1
            self.outbox.put(arguments)
            return self.sent

    def _send(self) -> None:
        pipe = self.process.stdin
        assert pipe is not None         # opened with stdin=PIPE
        try:
            while (arguments := self.outbox.get()) is not None:
                pickle.dump(arguments, pipe)
                pipe.flush()
            pipe.close()
        except (OSError, ValueError):       # the worker is gone: `_receive` finds out
            pass

    def _receive(self) -> None:
        pipe = self.process.stdout
        assert pipe is not None         # opened with stdout=PIPE
        number = 0
        while True:
            try:
                reply = pickle.load(pipe)
            except Exception:               # EOF or garbage: the worker is gone
                with self.arrived:
                    self.gone = True
                    self.arrived.notify_all()
                return
            number += 1
            with self.arrived:
                self.replies[number] = reply
                self.arrived.notify_all()

    def has_reply(self, number: int) -> bool:
        with self.arrived:
            return number in self.replies or self.gone

    def reply(self, number: int) -> tuple[bool, object]:
        """(True, what the function returned) or (False, the exception it raised).
        Raises EOFError when the worker is gone without answering."""
        with self.arrived:
            self.arrived.wait_for(lambda: number in self.replies or self.gone)
            if number not in self.replies:
                raise EOFError("the worker is gone")
            return self.replies.pop(number)

    def stop(self, wait: bool = False) -> None:
        self.outbox.put(None)
        if wait:
            self.process.wait()


# Bytes a pipe holds (Linux lets a process ask for up to 1 MB; the default is 64 KB).
_PIPE_BYTES = 1 << 20


def _widen(*pipes) -> None:
    """Let a whole request (a 100,000-character document) or answer go into the pipe at
    once: with 64 KB the worker waits, mid-message, for this process's pipe threads,
    which wait for the GIL (up to 5 ms a time) — about 6 ms lost per document."""
    try:
        import fcntl
        for pipe in pipes:
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
    except (ImportError, AttributeError, OSError):     # not Linux, or a lower limit: as it was
        pass


@dataclass
class Pending:
    """Work on its way: `result()` waits for it."""
    number: int | None          # the request's number in the worker; None: done here
    function: Callable
    arguments: tuple
    helper: Helper | None = None

    @property
    def elsewhere(self) -> bool:
        return self.number is not None

    def ready(self) -> bool:
        """Whether `result()` would answer without waiting for the worker."""
        worker = self.helper.worker if self.helper else None
        return self.number is None or worker is None or worker.has_reply(self.number)

    def result(self):
        worker = self.helper.worker if self.helper else None
        if self.number is not None and worker is not None:
            try:
                ok, value = worker.reply(self.number)
            except Exception:           # the worker died (killed, out of memory): do it here
                if self.helper is not None:
                    self.helper.shutdown(wait=False)
            else:
                if ok:
                    return value
                assert isinstance(value, BaseException)     # the worker's own exception
                raise value
        return self.function(*self.arguments)


class Helper:
    """One helper process, started on first use and kept until `shutdown` (or the end
    of this process): the ingest service (coder/ingest/service.py) owns one."""

    def __init__(self) -> None:
        self.worker: _Worker | None = None
        atexit.register(self.shutdown, False)

    def run(self, function: Callable, *arguments) -> Pending:
        """function(*arguments) in the worker (a module-level function, plain data)."""
        worker = self._get()
        return Pending(worker.submit((function, arguments)) if worker else None, function, arguments, self)

    def start(self, module: str) -> None:
        """Start the worker now and have it import `module`, whose functions it is about
        to run, so that both overlap what this process does before the first job."""
        self.run(_import, module)

    def warm_up(self, language: str) -> None:
        """Have the worker load spaCy for `language` now, unless it is loaded here."""
        if not _spacy_here():
            self.run(_load, language)

    def split(self, text: str, within: list[Span], language: str, model: str | None = None) -> Pending:
        """`sentence_spans(text, within, language, model)`, in the worker unless spaCy is
        loaded here already (the app, tests), when there is no need to wait for another."""
        arguments = (text, within, language, model)
        if _spacy_here():
            return Pending(None, sentence_spans, arguments)
        return self.run(sentence_spans, *arguments)

    def shutdown(self, wait: bool = True) -> None:
        """Stop the worker (and wait for it to end)."""
        if self.worker is not None:
            self.worker.stop(wait)
            self.worker = None

    def _get(self) -> _Worker | None:
        if self.worker is None or self.worker.process.poll() is not None:
            try:
                self.worker = _Worker()
            except OSError:
                self.worker = None
        return self.worker


def _spacy_here() -> bool:
    return "spacy" in sys.modules


def _import(module: str) -> None:
    importlib.import_module(module)


def _load(language: str) -> None:
    sentence_pipeline(language, os.environ.get("CODER_SPACY_MODEL") or None)


def _serve() -> None:
    """Answer requests until stdin ends. The cyclic garbage collector is paused while a
    request runs: segmenting makes hundreds of thousands of small objects without
    cycles, and the collector's passes over them cost time (segmenting the 10 MB of
    benchmarks/bench_qdpx.py in one process: 1.9 → 1.6 s CPU; the worker's CPU in that
    .qdpx import, median of 3: 4.1 → 3.9 s). Reference counting frees them as usual;
    the collector runs again between requests."""
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr             # nothing else may write into the reply pipe
    while True:
        try:
            function, arguments = pickle.load(requests)
        except EOFError:
            return
        gc.disable()        # see _serve's docstring
        try:
            reply = (True, function(*arguments))
        except Exception as exc:
            reply = (False, exc)
        finally:
            gc.enable()
        pickle.dump(reply, replies)
        replies.flush()


if __name__ == "__main__":
    _serve()
    # Every reply is written and flushed; tearing down spaCy's and simplemma's objects
    # would keep the import waiting for this process to end (~0.3 s of a 10 MB .qdpx).
    os._exit(0)
