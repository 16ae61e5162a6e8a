"""Django's PostgreSQL backend, with a cheaper health check and no stale prepared statements.

**The health check.** With `CONN_HEALTH_CHECKS`, Django sends `SELECT 1` before a kept
connection's first query in every request: one round trip the worker waits for, on every page
that reads the database (docs/performance.md). A server that restarts or ends the session
(shutdown, `pg_terminate_backend`, a crashed backend) writes its last message or closes the
socket, and either makes the socket readable. So a connection that served a request moments ago,
is idle, and has nothing to read is reused without asking; anything waiting on the socket falls
back to Django's own `SELECT 1`. So does a connection left unused for `QUIET_SECONDS`: a death
nobody announces (a database host that crashed or failed over, a balancer or NAT that forgot an
idle connection) shows only when something is sent, and an idle connection is where it happens.
The price: a host that dies unannounced while a worker is busy costs that worker one failed
request (its next request reconnects), where `SELECT 1` would have reconnected first.

**Errors.** After a database error (other than integrity and data errors) Django checks the
connection with `SELECT 1` and keeps it if that works. With prepared statements on (config/
settings.py) that is not enough: a statement prepared before a migration changed a column's type
fails on every run ("cached plan must not change result type") while `SELECT 1` works. So such a
connection is closed (with `DB_POOL`, closed before it goes back, so the pool drops it), and the
next request starts afresh, with nothing prepared.
"""

import select
import time

from django.db.backends.postgresql import base
from psycopg import pq

# Longer than the gap between two requests of a busy worker, far shorter than any balancer's or
# NAT's idle timeout.
QUIET_SECONDS = 5


class DatabaseWrapper(base.DatabaseWrapper):
    checked_at = None

    def close_if_health_check_failed(self):
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return super().close_if_health_check_failed()
        now = time.monotonic()
        recently_checked = self.checked_at is not None and now - self.checked_at < QUIET_SECONDS
        self.checked_at = now
        if recently_checked and quiet_and_idle(self.connection.pgconn):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def connect(self):
        super().connect()
        # Django counts a new connection as checked for the request that opened it.
        self.checked_at = time.monotonic()

    def close_if_unusable_or_obsolete(self):
        if self.connection is not None and self.errors_occurred:
            if self.pool:
                # Handed back open, it would keep its prepared statements for the next request;
                # closed, the pool drops it.
                self.connection.close()
            self.close()
            return
        super().close_if_unusable_or_obsolete()

    def close(self):
        self.checked_at = None
        super().close()


def quiet_and_idle(pgconn):
    """Whether the connection is open, outside a transaction and has nothing waiting to be read."""
    if pgconn.status != pq.ConnStatus.OK:
        return False
    if pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return False
    waiting = select.poll()
    waiting.register(pgconn.socket, select.POLLIN)
    return not waiting.poll(0)
