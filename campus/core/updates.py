"""Partial updates for services, as HackSoft's `model_update`: a service names every field it may
change as a keyword argument defaulting to `KEEP`, and saves only what was given."""

from enum import Enum
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class Keep(Enum):
    """ "Leave this field as it is" — not None, which a nullable field may be set to."""

    KEEP = "keep"


KEEP = Keep.KEEP


def given(**values: Any) -> dict[str, Any]:
    """The values a caller gave (not `KEEP`)."""
    return {name: value for name, value in values.items() if value is not KEEP}


def model_update(instance: M, changes: dict[str, Any]) -> M:
    """Set `changes` on `instance` and save only those fields (and `updated_at`, if it has one)."""
    if not changes:
        return instance
    for field, value in changes.items():
        setattr(instance, field, value)
    stamped = ["updated_at"] if any(f.name == "updated_at" for f in instance._meta.concrete_fields) else []
    instance.save(update_fields=[*changes, *stamped])
    return instance
