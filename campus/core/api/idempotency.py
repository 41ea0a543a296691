"""`Idempotency-Key` for the create endpoints (posts, comments, 쪽지).

A client whose request committed but whose response was lost (a dropped connection, a database
restart right after the commit) retries with the same key and gets the first answer back, with
`Idempotent-Replayed: true`, instead of writing twice. The key is stored in the same transaction
as what the request created, so "created" and "remembered" commit together; a concurrent retry
with the same key waits on the unique constraint and then gets the stored answer. Only
successful answers are kept: a refused request changed nothing and may simply be sent again.
Keys are per user and live 24 hours; the same key with a different request is a 422.
"""

import hashlib
import json
import re
from datetime import timedelta
from functools import wraps

from django.db import IntegrityError
from django.utils import timezone
from rest_framework.response import Response

from campus.core.errors import ApplicationError, ErrorCode
from campus.core.files import atomic_files
from campus.core.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,255}")
LIFETIME = timedelta(hours=24)


def _request_hash(request) -> str:
    digest = hashlib.sha256(f"{request.method} {request.path}\n".encode())
    data = request.data
    if hasattr(data, "lists"):  # form or multipart: fields in order, files by their bytes
        for name, values in sorted(data.lists()):
            for value in values:
                digest.update(name.encode() + b"=")
                if hasattr(value, "chunks"):
                    for chunk in value.chunks():
                        digest.update(chunk)
                    value.seek(0)
                else:
                    digest.update(str(value).encode())
    else:
        digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _replay(*, user, key: str, request_hash: str) -> Response | None:
    stored = IdempotencyKey.objects.filter(
        user=user, key=key, created_at__gte=timezone.now() - LIFETIME
    ).first()
    if stored is None:
        return None
    if stored.request_hash != request_hash:
        raise ApplicationError(
            "이 Idempotency-Key는 다른 요청에 이미 쓰였습니다. 새 요청에는 새 키를 쓰세요.",
            code=ErrorCode.IDEMPOTENCY_KEY_REUSED,
        )
    return Response(stored.body, status=stored.status, headers={"Idempotent-Replayed": "true"})


def idempotent(view_method):
    """Make a DRF create method honour `Idempotency-Key` (see the module's docstring)."""

    @wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view_method(self, request, *args, **kwargs)
        if not KEY_PATTERN.fullmatch(key):
            raise ApplicationError(
                "Idempotency-Key는 공백 없는 ASCII 1–255자여야 합니다.", code=ErrorCode.INVALID
            )
        request_hash = _request_hash(request)
        user = request.user
        try:
            with atomic_files():
                if (replay := _replay(user=user, key=key, request_hash=request_hash)) is not None:
                    return replay
                IdempotencyKey.objects.filter(user=user, created_at__lt=timezone.now() - LIFETIME).delete()
                response = view_method(self, request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    IdempotencyKey.objects.create(
                        user=user,
                        key=key,
                        request_hash=request_hash,
                        status=response.status_code,
                        body=response.data,
                    )
                return response
        except IntegrityError:
            # A concurrent request with the same key committed first: answer as it did.
            if (replay := _replay(user=user, key=key, request_hash=request_hash)) is not None:
                return replay
            raise

    return wrapper
