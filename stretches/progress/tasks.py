"""The reminder task the worker (`manage.py db_worker`) runs: one delivery per task."""

from django.tasks import task

from stretches.progress.reminder_delivery import deliver


@task()
def send_reminder(*, delivery_id):
    retry_at = deliver(delivery_id)
    if retry_at is not None:
        queue_delivery(delivery_id, run_after=retry_at)


def queue_delivery(delivery_id, *, run_after=None):
    """Enqueue one delivery's next attempt. A backend that cannot defer a task (Django's
    immediate one, say) leaves a retry to the clock, which queues it once it is due."""
    reminder_task = send_reminder
    if run_after is not None:
        if not can_defer():
            return
        reminder_task = reminder_task.using(run_after=run_after)
    reminder_task.enqueue(delivery_id=delivery_id)


def can_defer():
    return send_reminder.get_backend().supports_defer
