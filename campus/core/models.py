from django.db import models

from campus.core import generations


class TimestampedModel(models.Model):
    """Every Campus row knows when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ChangeTrackingQuerySet(models.QuerySet):
    """A queryset whose writes move on the cached pages that show its rows (core.generations),
    whichever code makes them: services, the admin, a shell. A write that moves rows (to another
    board, say) moves on the pages of their old and their new place."""

    moving_fields: frozenset[str] = frozenset()

    def pages_changed(self) -> None:
        """Move on the pages that show these rows (one query for where they are)."""
        raise NotImplementedError

    def _pages_changed(self) -> None:
        if generations.enabled():
            self.pages_changed()

    def update(self, **kwargs):
        self._pages_changed()
        moved = self.moving_fields & kwargs.keys() and generations.enabled()
        ids = list(self.values_list("pk", flat=True)) if moved else []
        updated = super().update(**kwargs)
        if ids:
            self.model.objects.filter(pk__in=ids)._pages_changed()
        return updated

    def delete(self):
        self._pages_changed()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        self.model.objects.filter(pk__in=[obj.pk for obj in created if obj.pk is not None])._pages_changed()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        self.model.objects.filter(pk__in=[obj.pk for obj in objs])._pages_changed()
        return super().bulk_update(objs, fields, *args, **kwargs)


class ChangeTracking(models.Model):
    """One row's `save` and `delete` move its pages on (see `ChangeTrackingQuerySet`)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if generations.enabled() and not self._state.adding:
            fields = kwargs.get("update_fields")
            row = type(self)._default_manager.filter(pk=self.pk)
            if fields is None or row.moving_fields & set(fields):
                row.pages_changed()  # where it was, should it move
        super().save(*args, **kwargs)
        if generations.enabled():
            self.pages_changed()

    def delete(self, *args, **kwargs):
        if generations.enabled():
            self.pages_changed()
        return super().delete(*args, **kwargs)

    def pages_changed(self) -> None:
        """Move on the pages that show this row where it is now (no query)."""
        raise NotImplementedError


class IdempotencyKey(models.Model):
    """The first answer to a create sent with an `Idempotency-Key`, kept so that a client
    retrying after a lost response gets that answer again instead of a second post, comment or
    쪽지. Written in the same transaction as what it created (see campus.core.idempotency)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
