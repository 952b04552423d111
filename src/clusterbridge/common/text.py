"""Text helpers shared by search indexing and querying."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents so 'Zürich' matches 'zurich' on every database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_terms(text: str, limit: int = 8) -> list[str]:
    """Split a query into folded terms; the limit keeps a pasted paragraph from becoming 200 LIKEs."""
    terms = [term for term in fold(text).split() if term]
    return list(dict.fromkeys(terms))[:limit]
