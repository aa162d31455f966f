"""Sentences split in a helper process, so that loading spaCy (about a second) runs
beside reading, cleaning and lemmatizing rather than before them.

The worker is this module run as `python -m coder.text.sentence_worker LANGUAGE`: it
loads the pipeline at once, then answers requests, pickled over its stdin and stdout,
in order. (A plain subprocess rather than multiprocessing, whose workers import the
parent's main module first: the whole CLI, or pytest.) There is one worker per
process, started on first use and kept for the next import, since the app imports
file after file. Where spaCy is loaded here already, or the worker cannot start or
dies, sentences are split in this process: same function, same result.
"""

from __future__ import annotations

import atexit
import os
import pickle
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from coder.text.segment import sentence_pipeline, sentence_spans
from coder.text.spans import Span


class _Worker:
    def __init__(self, language: str):
        root = str(Path(__file__).resolve().parents[2])      # the folder holding coder/
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-m", __name__, language], env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.sent = self.received = 0
        self.replies: dict[int, tuple[bool, object]] = {}
        self.lock = threading.Lock()
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()
        # Writing waits while the worker is still loading spaCy: a thread does it.
        threading.Thread(target=self._send, daemon=True).start()

    def submit(self, arguments: tuple) -> int:
        with self.lock:
            self.sent += 1
            self.outbox.put(arguments)
            return self.sent

    def _send(self) -> None:
        pipe = self.process.stdin
        try:
            while (arguments := self.outbox.get()) is not None:
                pickle.dump(arguments, pipe)
                pipe.flush()
            pipe.close()
        except (OSError, ValueError):       # the worker is gone: `reply` finds out
            pass

    def reply(self, number: int) -> tuple[bool, object]:
        """(True, spans) or (False, the exception it raised). Raises EOFError (or an
        unpickling error) when the worker is gone."""
        with self.lock:
            while number not in self.replies:
                self.received += 1
                self.replies[self.received] = pickle.load(self.process.stdout)
            return self.replies.pop(number)

    def stop(self, wait: bool = False) -> None:
        self.outbox.put(None)
        if wait:
            self.process.wait()


_worker: _Worker | None = None


@dataclass
class Pending:
    """Sentences on their way: `result()` waits for them."""
    number: int | None          # the request's number in the worker; None: worked out here
    arguments: tuple

    @property
    def elsewhere(self) -> bool:
        return self.number is not None

    def result(self) -> list[Span]:
        if self.number is not None and _worker is not None:
            try:
                ok, value = _worker.reply(self.number)
            except Exception:           # the worker died (killed, out of memory): do it here
                _stop()
            else:
                if ok:
                    return value
                raise value
        return sentence_spans(*self.arguments)


def warm_up(language: str) -> None:
    """Start the worker loading spaCy for `language` now."""
    if not _in_process():
        _get(language)


def split(text: str, within: list[Span], language: str, model: str | None = None) -> Pending:
    """`sentence_spans(text, within, language, model)`, worked out in the worker."""
    arguments = (text, within, language, model)
    worker = None if _in_process() else _get(language)
    return Pending(worker.submit(arguments) if worker else None, arguments)


def shutdown() -> None:
    """Stop the worker and wait for it to end."""
    _stop(wait=True)


def _in_process() -> bool:
    """spaCy loaded here already (the app, tests): no need to wait for another."""
    return "spacy" in sys.modules


def _get(language: str) -> _Worker | None:
    global _worker
    if _worker is None or _worker.process.poll() is not None:
        try:
            _worker = _Worker(language)
        except OSError:
            _worker = None
    return _worker


def _stop(wait: bool = False) -> None:
    global _worker
    if _worker is not None:
        _worker.stop(wait)
        _worker = None


atexit.register(_stop)


def _serve(language: str) -> None:
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr             # nothing else may write into the reply pipe
    try:
        sentence_pipeline(language, os.environ.get("CODER_SPACY_MODEL") or None)
    except Exception:                   # a bad model: the first request reports it
        pass
    while True:
        try:
            arguments = pickle.load(requests)
        except EOFError:
            return
        try:
            reply = (True, sentence_spans(*arguments))
        except Exception as exc:
            reply = (False, exc)
        pickle.dump(reply, replies)
        replies.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])
