"""WhiteNoise's hashed, compressed static files, each file's URL worked out once per process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """The manifest is read when the process starts, so a name's URL cannot change before the
    next deploy restarts it. Working it out again for every `{% static %}` (the manifest lookup,
    urlsplit, urljoin and unquote) was a tenth of a page with no database work
    (docs/performance.md).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        if (url := self._urls.get(name)) is None:
            url = self._urls[name] = super().url(name)
        return url
