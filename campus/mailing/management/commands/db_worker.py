"""`python manage.py db_worker`: django-tasks-db's worker, plus the care of lost tasks.

django-tasks-db marks a task "running" when a worker takes it and never looks at it again: a
worker killed mid-task (kill -9, a crash, a lost machine) leaves it "running" for ever. Beside
the worker loop a thread puts every task running for longer than TASK_STALE_SECONDS back in the
queue (`campus.mailing.worker.requeue_stale`), so that another worker (or this one) runs it again,
and forgets finished tasks after a day (nothing needs their results).
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django_tasks_db.management.commands import db_worker

from campus.mailing.worker import forget_finished, requeue_stale

logger = logging.getLogger("campus.mailing")


class Command(db_worker.Command):
    help = "Run a database background worker (and requeue the tasks of workers that died)"

    def handle(self, *args, **options) -> None:
        threading.Thread(target=self._tend_lost_tasks, name="task-reaper", daemon=True).start()
        super().handle(*args, **options)

    def _tend_lost_tasks(self) -> None:
        stop = threading.Event()
        while True:
            try:
                requeued = requeue_stale()
                if requeued:
                    logger.warning("Requeued %s task(s) of a worker that stopped mid-task", requeued)
                forget_finished()
            except Exception:  # the database may be away for a while; the worker loop says so too
                logger.exception("Could not look for lost tasks")
            finally:
                close_old_connections()
                connection.close()
            stop.wait(settings.TASK_REAP_INTERVAL_SECONDS)
