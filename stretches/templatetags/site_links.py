"""`{% link %}`: `{% url %}` for Limber's own pages, each address worked out once per process.

Django's reverse() looks up the active language, the URLconf and the script prefix in
thread-locals and walks the resolver's tables on every call. The navbar, footer and breadcrumbs
asked it ten times per page: more than half of rendering a page with no database work
(docs/performance.md). An address depends only on the URLconf, the script prefix, the name and
the arguments (Limber has no language-prefixed URLs), so those are the key. It is a builtin
(config/settings.py), so templates need no `{% load %}`; `{% link "name" arg as variable %}`
works as `{% url %}` does.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=4096)
def _address(urlconf, script_prefix, viewname, args):
    return reverse(viewname, urlconf=urlconf, args=args)


@register.simple_tag
def link(viewname, *args):
    return _address(get_urlconf(), get_script_prefix(), viewname, tuple(str(a) for a in args))
