"""Caching of content and anonymous public pages, keyed by a content version.

- `version`: the content version every cached thing is tagged with, and the receivers that
  replace it when routine content changes;
- `content`: content read or rendered once per version (a routine with its questions, cards,
  the list's count and each page's routine ids), kept in the process and the cache;
- `openings`: markup rendered once with openings for each request's own parts;
- `steps`: the steps page's content block and check-in form (and, for a visitor who is not
  signed in, the whole page), once per version, with the person's parts (CSRF tokens, their own
  rating, their messages) filled in per request;
- `screening`: an unsent screening form's page (or, signed in, its content block), once per
  version and questions asked, with the tokens and the person's own parts filled in per request;
- `pages`: whole anonymous public pages (`cache_public_page`);
- `middleware`: the early answer for a visitor with no cookie (`PublicPageCacheMiddleware`).
"""

from stretches.caching.content import (
    RoutineContent,
    RoutineIdPaginator,
    published_routine_cards_html,
    published_routine_content,
)
from stretches.caching.middleware import PublicPageCacheMiddleware
from stretches.caching.pages import cache_public_page
from stretches.caching.steps import (
    check_in_card_html,
    routine_steps_html,
    routine_steps_page_html,
)
from stretches.caching.version import bump_content_version, content_changed, content_version

__all__ = [
    "PublicPageCacheMiddleware",
    "RoutineContent",
    "RoutineIdPaginator",
    "bump_content_version",
    "cache_public_page",
    "check_in_card_html",
    "content_changed",
    "content_version",
    "published_routine_cards_html",
    "published_routine_content",
    "routine_steps_html",
    "routine_steps_page_html",
]
