"""A pager whose count is already known, so it runs no COUNT of its own."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """Pages of `object_list` when its length, `count`, was read with other rows.

    The person's page reads its screenings' count in the statement that brings the rest of the
    page (stretches/progress/recent_rows.py): Django's COUNT, and the page's query for someone
    with no screening, were a quarter of an empty page's time (docs/performance.md). The view
    gives no queryset at all to someone with no screening (`ProfileView.get_queryset`).
    """

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property: this is its value
