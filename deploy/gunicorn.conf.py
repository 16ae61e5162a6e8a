"""gunicorn for Limber: measured against granian in docs/performance.md.

Sync workers, one per core: pages are CPU-bound (rendering, psycopg), so more workers or threads
only queue for the same two cores.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# Each worker imports Django and opens its own database connection after the fork.
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
