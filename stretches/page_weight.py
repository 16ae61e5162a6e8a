"""What a page costs to download: its HTML and every file it loads, compressed as they are served.

Text (HTML, CSS, JavaScript, SVG) counts gzip-compressed, as WhiteNoise and any web server send
it; raster pictures count as they are. Headers are left out. Of a <picture>, only the <img> counts:
the browser fetches one of the sources, and the fallback is never the smallest.
"""

import gzip
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

COMPRESSED_SUFFIXES = {".css", ".js", ".svg", ".html", ".json", ".txt"}


@dataclass(frozen=True)
class PageWeight:
    url: str
    html_bytes: int
    file_bytes: dict  # each file's address and the bytes it costs

    @property
    def total_bytes(self):
        return self.html_bytes + sum(self.file_bytes.values())

    @property
    def picture_count(self):
        return sum(1 for address in self.file_bytes if "/steps/" in address)


class _LoadedFiles(HTMLParser):
    """The addresses of the stylesheets, scripts, icons and images a page makes the browser fetch."""

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"stylesheet", "icon"}:
            self.addresses.append(attributes.get("href"))
        elif tag in {"script", "img"}:
            self.addresses.append(attributes.get("src"))


def measure_page(client, url):
    response = client.get(url)
    if response.status_code != 200:
        raise ValueError(f"{url} answered {response.status_code}.")
    html = response.content
    parser = _LoadedFiles()
    parser.feed(html.decode())
    addresses = dict.fromkeys(address for address in parser.addresses if address)
    return PageWeight(
        url=url,
        html_bytes=_sent_size(html, ".html"),
        file_bytes={address: _file_cost(client, address) for address in addresses},
    )


def _file_cost(client, address):
    static_url = "/" + settings.STATIC_URL.lstrip("/")
    media_url = "/" + settings.MEDIA_URL.lstrip("/")
    suffix = PurePosixPath(address).suffix.lower()
    if address.startswith(static_url):
        found = finders.find(address.removeprefix(static_url))
        if found is None:
            raise ValueError(f"{address} is not a static file.")
        with open(found, "rb") as file:
            return _sent_size(file.read(), suffix)
    if address.startswith(media_url):
        with default_storage.open(address.removeprefix(media_url)) as file:
            return _sent_size(file.read(), suffix)
    return _sent_size(client.get(address).content, suffix)


def _sent_size(content, suffix):
    return len(gzip.compress(content)) if suffix in COMPRESSED_SUFFIXES else len(content)
