from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # Pages that don't name an icon (the admin's) make browsers ask for this one.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("account/", include("accounts.urls")),
    path("", include("stretches.urls")),
]
