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


def _counted(model: type, fields: Iterable[str] | None, *, adding: bool = False) -> list[generations.Tracked]:
    """The tables of `model` that a write to `fields` (None: every field) moves scopes in; a new
    row moves nothing in a table that watches some fields only (a new student has written
    nothing yet)."""
    if not generations.enabled():
        return []
    return [t for t in generations.tracking(model) if t.counts(fields) and not (adding and t.watched)]


class ChangeTrackingQuerySet(models.QuerySet):
    """A queryset whose writes move on the cached pages that show its rows (core.generations),
    whichever code makes them: services, the admin, a shell. Which scopes a row moves is its
    apps' tables (`generations.track`). A write that moves rows (to another board, say) moves on
    the pages of their old and their new place."""

    def pages_changed(self, tables: Iterable[generations.Tracked] | None = None) -> None:
        """Move on the pages that show these rows (one query per table for where they are)."""
        for tracked in generations.tracking(self.model) if tables is None else tables:
            generations.changed(*tracked.scopes(list(self.values_list(*tracked.fields).distinct())))

    def update(self, **kwargs):
        tables = _counted(self.model, kwargs)
        self.pages_changed(tables)
        moving = [t for t in tables if t.moving & kwargs.keys()]
        ids = list(self.values_list("pk", flat=True)) if moving else []
        updated = super().update(**kwargs)
        if ids:
            self.model.objects.filter(pk__in=ids).pages_changed(moving)
        return updated

    def delete(self):
        self.pages_changed(_counted(self.model, None))
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if tables := _counted(self.model, None, adding=True):
            self.model.objects.filter(pk__in=[obj.pk for obj in created if obj.pk is not None]).pages_changed(
                tables
            )
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        self.model.objects.filter(pk__in=[obj.pk for obj in objs]).pages_changed(_counted(self.model, fields))
        return super().bulk_update(objs, fields, *args, **kwargs)


class ChangeTracking(models.Model):
    """One row's `save` and `delete` move its pages on (see `ChangeTrackingQuerySet`)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        adding = self._state.adding
        tables = _counted(type(self), fields, adding=adding)
        moving = [t for t in tables if not adding and (fields is None or t.moving & set(fields))]
        if moving:  # where it was, should it move
            rows = type(self)._default_manager.filter(pk=self.pk)
            cast(ChangeTrackingQuerySet, rows).pages_changed(moving)
        super().save(*args, **kwargs)
        self.pages_changed(tables)

    def delete(self, *args, **kwargs):
        self.pages_changed(_counted(type(self), None))
        return super().delete(*args, **kwargs)

    def pages_changed(self, tables: Iterable[generations.Tracked] | None = None) -> None:
        """Move on the pages that show this row where it is now (no query for a table whose
        fields the row holds)."""
        for tracked in generations.tracking(type(self)) if tables is None else tables:
            if tracked.is_local:
                generations.changed(*tracked.scopes([tuple(getattr(self, name) for name in tracked.fields)]))
            else:
                rows = type(self)._default_manager.filter(pk=self.pk)
                cast(ChangeTrackingQuerySet, rows).pages_changed([tracked])


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
