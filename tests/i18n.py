"""Test helper: text of a page that stays English when the page is shown in another language.

The page is fetched twice, in English and in the other language; every text node of <main>
(and every label people read: placeholder, title, alt, aria-label) that reads the same in both
is a fallback — unless it is content (names typed by users: pass them as ``content``) or holds
no word that would be translated (numbers, codes, the product's name).
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.conf import global_settings

from clusterbridge.common.template_strings import UNIVERSAL, WORD

ATTRIBUTES = ("placeholder", "title", "alt", "aria-label")
LANGUAGE_NAMES = {name for _code, name in global_settings.LANGUAGES}


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style", "code", "pre"):
            self.skip += 1
        if self.depth:
            self.texts.extend(v for k, v in attrs if k in ATTRIBUTES and v)

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style", "code", "pre") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip and data.strip():
            self.texts.append(" ".join(data.split()))


def main_texts(html: str) -> list[str]:
    parser = _MainText()
    parser.feed(html)
    return parser.texts


def _has_words(text: str, content: set[str]) -> bool:
    remaining = text
    for item in sorted(content, key=len, reverse=True):
        remaining = remaining.replace(item, " ")
    words = [w.strip(".-'’") for w in WORD.findall(remaining)]
    return any(len(w) > 1 and w not in UNIVERSAL and not w.isupper() for w in words)


def english_fallbacks(client, url: str, language: str, *, content=()) -> list[str]:
    """Texts of ``url`` that are identical in English and in ``language``."""
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    other = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert english.status_code == other.status_code == 200, (url, english.status_code)
    assert f'lang="{language}"' in other.content.decode()
    english_texts = set(main_texts(english.content.decode()))
    # Language names that many languages share ("Basque", "Afrikaans") are reference data.
    known = {str(c) for c in content if c} | LANGUAGE_NAMES
    return sorted(
        t for t in main_texts(other.content.decode()) if t in english_texts and _has_words(t, known)
    )
