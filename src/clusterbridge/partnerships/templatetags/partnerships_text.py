"""Forum text, rendered safely: plain text escaped, links made clickable (rel="nofollow
noopener"), line breaks kept. Never raw HTML."""

from django import template
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines

register = template.Library()


@register.filter(is_safe=True)
def forum_text(value: str) -> str:
    linked = urlize(value or "", nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow noopener"')
    paragraphs = normalize_newlines(linked).split("\n")
    return mark_safe("<br>".join(paragraphs))
