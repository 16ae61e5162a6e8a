"""Content kept in the process (stretches.caching.content.ProcessContent)."""

import sys
import threading

from stretches.caching import content
from stretches.caching.content import ProcessContent


def test_content_is_kept_for_its_version_only():
    kept = ProcessContent(size=2)
    kept.set("card", "v1", "<li>")

    assert kept.get("card", "v1") == "<li>"
    assert kept.get("card", "v2") is None


def test_the_least_recently_used_is_dropped_first():
    kept = ProcessContent(size=2)
    kept.set("a", "v1", 1)
    kept.set("b", "v1", 2)
    kept.get("a", "v1")
    kept.set("c", "v1", 3)

    assert [kept.get(key, "v1") for key in "abc"] == [1, None, 3]


def test_with_a_max_age_an_entry_is_dropped_when_the_shared_cache_would_drop_it(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(content.time, "monotonic", lambda: now[0])
    kept = ProcessContent(size=2, max_age=600)
    kept.set("page", "v1", b"<html>")

    now[0] += 600
    assert kept.get("page", "v1") == b"<html>"
    now[0] += 1
    assert kept.get("page", "v1") is None


def test_threads_asking_and_keeping_at_once_never_fail():
    # A threaded server keeps and drops pages from several threads; asking for one another
    # thread has just dropped was a KeyError (a 500).
    kept = ProcessContent(size=3)
    errors = []

    def ask_and_keep(offset):
        try:
            for n in range(10_000):
                key = f"k{(n + offset) % 8}"
                kept.get(key, "v1")
                kept.set(key, "v1", n)
        except Exception as error:  # any failure is the finding
            errors.append(repr(error))

    # Threads switched as often as the interpreter allows, so any gap between a lookup and its
    # use is hit.
    threads = [threading.Thread(target=ask_and_keep, args=(offset,)) for offset in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert errors == []
