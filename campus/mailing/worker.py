from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

FINISHED_KEPT = timedelta(days=1)


def requeue_stale(*, now=None) -> int:
    """Tasks a worker took more than TASK_STALE_SECONDS ago and never finished go back to the
    queue. A task here must therefore be safe to run twice (a mail may then go out twice)."""
    now = now or timezone.now()
    stale = DBTaskResult.objects.running().filter(
        started_at__lt=now - timedelta(seconds=settings.TASK_STALE_SECONDS)
    )
    return stale.update(status=TaskResultStatus.READY, started_at=None)


def forget_finished(*, now=None) -> int:
    now = now or timezone.now()
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=now - FINISHED_KEPT).delete()
    return deleted
