"""Reading rendered pages as trees, so tests check elements and their values, not substrings."""

from django.test.html import Element, parse_html


def page_tree(response):
    return parse_html(response.content.decode())


def elements(root):
    for child in root.children:
        if isinstance(child, Element):
            yield child
            yield from elements(child)


def attribute(element, name):
    return dict(element.attributes).get(name)


def classes(element):
    return (attribute(element, "class") or "").split()


def by_id(root, element_id):
    [found] = [e for e in elements(root) if attribute(e, "id") == element_id]
    return found


def find_all(root, name, css_class=None):
    return [
        e
        for e in elements(root)
        if e.name == name and (css_class is None or css_class in classes(e))
    ]


def text(element):
    parts = []
    for child in element.children:
        parts.append(text(child) if isinstance(child, Element) else child)
    return " ".join(" ".join(parts).split())


def table_rows(table):
    """Each body row's cells as text, header cell first."""
    [body] = find_all(table, "tbody")
    return [
        [text(cell) for cell in row.children if isinstance(cell, Element)]
        for row in find_all(body, "tr")
    ]
