"""Test helpers shared by the apps' test suites."""

import threading
from collections.abc import Callable, Iterable

from django.db import connection


def run_concurrently(func: Callable, calls: Iterable[tuple]) -> list[BaseException]:
    """Run `func(*args)` for every args tuple at the same moment, one thread (and one real
    database connection) each, and return the errors they raised. Needs a transactional test."""
    calls = list(calls)
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(args: tuple) -> None:
        try:
            barrier.wait()
            func(*args)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(args,)) for args in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def page_html(client, url: str, **kwargs) -> str:
    """A page's HTML from Django's test client, asserting that it answered 200."""
    res = client.get(url, **kwargs)
    assert res.status_code == 200, (url, res.status_code)
    return res.content.decode()
