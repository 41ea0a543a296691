from collections.abc import Iterable
from typing import cast

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
    whichever code makes them: services, the admin, a shell. Which scopes a row moves is its
    app's table (`generations.track`). A write that moves rows (to another board, say) moves on
    the pages of their old and their new place."""

    def pages_changed(self) -> None:
        """Move on the pages that show these rows (one query for where they are)."""
        tracked = generations.tracked(self.model)
        generations.changed(*tracked.scopes(list(self.values_list(*tracked.fields).distinct())))

    def _pages_changed(self, fields: Iterable[str] | None = None) -> None:
        if generations.enabled() and generations.tracked(self.model).counts(fields):
            self.pages_changed()

    def update(self, **kwargs):
        self._pages_changed(kwargs)
        moving = generations.tracked(self.model).moving
        moved = moving & kwargs.keys() and generations.enabled()
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
        if generations.tracked(self.model).watched is None:  # a new row of a watched model moves nothing
            self.model.objects.filter(
                pk__in=[obj.pk for obj in created if obj.pk is not None]
            )._pages_changed()
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        self.model.objects.filter(pk__in=[obj.pk for obj in objs])._pages_changed(fields)
        return super().bulk_update(objs, fields, *args, **kwargs)


class ChangeTracking(models.Model):
    """One row's `save` and `delete` move its pages on (see `ChangeTrackingQuerySet`)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        tracked = generations.tracked(type(self))
        fields = kwargs.get("update_fields")
        adding = self._state.adding
        counts = generations.enabled() and tracked.counts(fields) and not (adding and tracked.watched)
        if counts and not adding and (fields is None or tracked.moving & set(fields)):
            rows = type(self)._default_manager.filter(pk=self.pk)
            cast(ChangeTrackingQuerySet, rows).pages_changed()  # where it was, should it move
        super().save(*args, **kwargs)
        if counts:
            self.pages_changed()

    def delete(self, *args, **kwargs):
        if generations.enabled():
            self.pages_changed()
        return super().delete(*args, **kwargs)

    def pages_changed(self) -> None:
        """Move on the pages that show this row where it is now (no query when the row holds
        what names its scopes)."""
        tracked = generations.tracked(type(self))
        if not tracked.is_local:
            rows = type(self)._default_manager.filter(pk=self.pk)
            cast(ChangeTrackingQuerySet, rows).pages_changed()
            return
        generations.changed(*tracked.scopes([tuple(getattr(self, name) for name in tracked.fields)]))


class IdempotencyKey(models.Model):
    """The first answer to a create sent with an `Idempotency-Key`, kept so that a client
    retrying after a lost response gets that answer again instead of a second post, comment or
    쪽지. Written in the same transaction as what it created (see campus.core.api.idempotency)."""

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
