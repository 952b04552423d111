"""Every user-facing string is translatable, and pages render in the reader's language."""

from pathlib import Path

import pytest

from clusterbridge.common.template_strings import untranslated, untranslated_in_template

SOURCE = Path(__file__).resolve().parents[2] / "src" / "clusterbridge"


def test_no_template_holds_untranslated_user_facing_text():
    found = untranslated(SOURCE)
    assert found == [], "Mark these for translation:\n" + "\n".join(map(str, found))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ('<p>{% translate "Hello" %}</p>', []),
        ("<p>Hello {{ name }}</p>", ["Hello"]),
        ("{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}", []),
        ('<input placeholder="Search…">', ["Search…"]),
        ('<button data-confirm="{% translate "Sure?" %}">{% translate "Go" %}</button>', []),
        ("<p>API · CSV · 12 %</p>", []),
        ("<code>Authorization: Token</code>", []),
        ("{% comment %}A note for developers{% endcomment %}", []),
        ('<a href="{% url "x" %}">Next →</a>', ["Next →"]),
    ],
)
def test_the_checker_finds_exactly_the_untranslated_text(tmp_path, template, expected):
    path = tmp_path / "templates" / "t.html"
    path.parent.mkdir()
    path.write_text(template)
    assert [lit.text for lit in untranslated_in_template(path, root=tmp_path)] == expected
