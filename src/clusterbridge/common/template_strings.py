"""Finds user-facing text in templates that is not marked for translation.

Used by the test suite (tests/common/test_i18n.py) and by ``clusterbridge
untranslated_strings`` to list what is left. Text counts as user-facing when it contains a
letter and stands outside ``{% translate %}`` / ``{% blocktranslate %}``: between HTML tags,
or in the attributes people read or hear (placeholder, title, alt, aria-label, data-confirm,
…). Names that are the same in every language (the product, formats) are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

# Their content is code or data, never translated.
CODE_TAGS = frozenset({"script", "style", "code", "kbd", "samp", "pre"})
SPOKEN_ATTRIBUTES = frozenset(
    {"placeholder", "title", "alt", "aria-label", "aria-description", "data-confirm", "label"}
)
# The same in every language: brand and format names, units. Keep this list short.
UNIVERSAL = frozenset(
    {
        "API", "CSV", "JSON", "PDF", "XLSX", "iCalendar", "ICS", "RSS", "Atom", "OpenAPI",
        "Clusterbridge", "LinkedIn", "X", "Facebook", "YouTube", "NUTS", "KET", "FTE", "ID",
        "km", "s", "h", "min", "%",
    }
)  # fmt: skip
# Stands in for template tags and variables: not a letter, so never counted as text.
HOLE = "\u2063"
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_][\w.'’-]*")


@dataclass(frozen=True)
class Literal:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _is_user_facing(text: str) -> bool:
    words = [w.strip(".-'’") for w in WORD.findall(text)]
    return any(LETTER.search(w) and w not in UNIVERSAL for w in words)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in CODE_TAGS:
            self._skip += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value and _is_user_facing(value):
                self.found.append(value)
        if tag == "input" and dict(attrs).get("type") in ("submit", "button", "reset"):
            value = dict(attrs).get("value") or ""
            if _is_user_facing(value):
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in CODE_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _is_user_facing(data):
            self.found.append(" ".join(data.split()))


def _masked_text(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every template text token outside translation blocks and comments;
    template tags and variables inside it are replaced by a neutral placeholder so that HTML
    around them still parses ("<a href="{% url … %}">Next</a>")."""
    depth_translate = 0
    depth_comment = 0
    pending: list[str] = []
    pending_line = 1
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in ("blocktranslate", "blocktrans"):
                depth_translate += 1
            elif name in ("endblocktranslate", "endblocktrans"):
                depth_translate -= 1
            elif name == "comment":
                depth_comment += 1
            elif name == "endcomment":
                depth_comment -= 1
            pending.append(HOLE)
            continue
        if token.token_type in (TokenType.VAR, TokenType.COMMENT):
            pending.append(HOLE)
            continue
        if depth_translate or depth_comment:
            pending.append(HOLE)
            continue
        if not pending:
            pending_line = token.lineno
        pending.append(token.contents)
    yield pending_line, "".join(pending)


def untranslated_in_template(path: Path, *, root: Path) -> list[Literal]:
    source = path.read_text(encoding="utf-8")
    relative = str(path.relative_to(root))
    found: list[Literal] = []
    for _line, text in _masked_text(source):
        if path.suffix == ".txt":
            candidates = [" ".join(part.split()) for part in text.splitlines()]
            candidates = [c for c in candidates if _is_user_facing(c.replace(HOLE, " "))]
        else:
            collector = _TextCollector()
            collector.feed(text)
            collector.close()
            candidates = collector.found
        for candidate in candidates:
            cleaned = " ".join(candidate.replace(HOLE, " ").split())
            if cleaned and _is_user_facing(cleaned):
                found.append(Literal(relative, _line_of(source, candidate), cleaned))
    return found


def _line_of(source: str, fragment: str) -> int:
    probe = fragment.strip().split(HOLE)[0].strip()[:30]
    index = source.find(probe) if probe else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 0


def template_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in (".html", ".txt") and "templates" in p.parts and p.is_file()
    )


def untranslated(root: Path) -> list[Literal]:
    return [
        lit for path in template_files(root) for lit in untranslated_in_template(path, root=root)
    ]
