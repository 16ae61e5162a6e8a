from django.conf import settings
from django.conf.urls.static import static as serve_media
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from config import health

urlpatterns = [
    # Pages that don't name an icon (the admin's) make browsers ask for this one.
    # Resolved per request: with hashed static files the name is only known after collectstatic,
    # and it changes with the file, so the redirect is not permanent either.
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=False),
    ),
    path("healthz", health.alive, name="healthz"),
    path("readyz", health.ready, name="readyz"),
    path("admin/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("", include("stretches.urls")),
]

# Uploaded pictures in development; serve_media adds nothing when DEBUG is off, where the storage's
# own URLs (a bucket, say) are used.
urlpatterns += serve_media(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
