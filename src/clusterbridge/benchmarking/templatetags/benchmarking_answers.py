"""Answers and ratings as people read them: labels, never the stored codes."""

from django import template

from clusterbridge.benchmarking import texts
from clusterbridge.benchmarking.queries import reports

register = template.Library()


@register.filter
def answer_label(indicator, value: str) -> str:
    """``{{ indicator|answer_label:answer.value }}``: "Drafted, not adopted", "Yes", "12 FTE"."""
    return reports.answer_label(indicator, value or "")


@register.filter
def rating_label(rating: str) -> str:
    """``{{ answer.rating|rating_label }}``: "Green"."""
    return reports.rating_label(rating or "")


@register.filter
def decision_reason(decision) -> str:
    """``{{ decision|decision_reason }}``: the reason of a label decision in the reader's
    language when the platform wrote it ("Benchmark validated on 2 March 2026.")."""
    return texts.decision_reason(decision)
