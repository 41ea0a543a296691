"""Background tasks that are never lost: `enqueue_with` puts a task in the same transaction as
the write that causes it.

With the database backend (production) the task's row is written now, inside the caller's
transaction: it commits with the write or not at all — a transactional outbox. A web process
killed right after its commit has nothing left to do; an `on_commit` hook would have died with
it. With the immediate backend (`make run`, no worker) the task runs in this process once the
transaction commits, never for a rolled-back write.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend


def queued_in_database(task: Task) -> bool:
    return isinstance(task.get_backend(), DatabaseBackend)


def enqueue_with(task: Task, *args: Any, run_after: datetime | None = None) -> None:
    if queued_in_database(task):
        (task.using(run_after=run_after) if run_after else task).enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
