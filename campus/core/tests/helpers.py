"""Test helpers shared by the apps' test suites."""

import socket
import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import OperationalError, connection, transaction


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database as another process (gunicorn, a worker) reaches it: `DATABASE_URL`."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def database_lost_then(real: Callable[..., Any]) -> Callable[..., Any]:
    """`real`, called after the database went away under the request, as a restart does: on
    PostgreSQL the server ends this connection's session; SQLite has no server to lose, so there
    the driver's own error stands in."""

    def lost(**kwargs: Any) -> Any:
        if connection.vendor != "postgresql":
            raise OperationalError("database is locked")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return real(**kwargs)

    return lost


def run_queued_tasks() -> int:
    """Run every task the database queue holds that is due, as a worker does (django-tasks-db's
    claim and `run_task`), in this process and this test's transaction; returns how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    ran = 0
    while True:
        with transaction.atomic():
            queued = DBTaskResult.objects.ready().get_locked()
            if queued is None:
                return ran
            queued.claim(worker.worker_id)
        worker.run_task(queued)
        ran += 1
