from django.db import models


class TimestampedModel(models.Model):
    """Every Campus row knows when it was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
