"""{% navbar %}: the navigation bar, from markup rendered once per process (stretches/navbar.py)."""

from django import template

from stretches.navbar import navbar_html

register = template.Library()


@register.simple_tag(takes_context=True)
def navbar(context):
    return navbar_html(
        request=context.get("request"),
        user=context.get("user"),
        csrf_token=context.get("csrf_token"),
    )
