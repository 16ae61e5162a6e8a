"""Progress pages, included into the stretches namespace."""

urlpatterns = []
