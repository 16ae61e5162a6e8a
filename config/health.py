"""Health endpoints for a load balancer or orchestrator: cheap, never cached, no templates.

`/healthz` says the process answers; `/readyz` says it can serve pages, i.e. reach its database
and its cache. A failure is a 503 naming the part at fault, never a 500 with a traceback.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def alive(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    ready = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {part: "ok" if ok else "failing" for part, ok in checks.items()},
        },
        status=200 if ready else 503,
    )


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Readiness: the database does not answer.")
        return False


def _cache_answers():
    # A key of its own per check: two servers checking at once must not read each other's value.
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"
    try:
        cache.set(key, value, timeout=5)
        answered = cache.get(key) == value
        cache.delete(key)
        return answered
    except Exception:
        # Each cache backend raises its own errors (redis-py's ConnectionError, say).
        logger.exception("Readiness: the cache does not answer.")
        return False
