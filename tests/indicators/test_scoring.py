import subprocess
import sys

import pytest

from clusterbridge.indicators.scoring import Rating, Thresholds, mean_points, rate, score

HIGH = Thresholds(green_at=50, yellow_at=20)
LOW = Thresholds(green_at=10, yellow_at=30, higher_is_better=False)


def test_importing_the_package_does_not_import_django():
    code = (
        "import sys, clusterbridge.indicators.scoring, clusterbridge.indicators.peers, "
        "clusterbridge.indicators.labels; print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50, Rating.GREEN),
        (80, Rating.GREEN),
        (49.9, Rating.YELLOW),
        (20, Rating.YELLOW),
        (19, Rating.RED),
        (0, Rating.RED),
    ],
)
def test_higher_is_better_thresholds(value, expected):
    assert rate("number", value, HIGH) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10, Rating.GREEN),
        (0, Rating.GREEN),
        (11, Rating.YELLOW),
        (30, Rating.YELLOW),
        (31, Rating.RED),
    ],
)
def test_lower_is_better_thresholds(value, expected):
    assert rate("percentage", value, LOW) is expected


def test_yes_no_choice_and_unrated_types():
    assert rate("yes_no", True, Thresholds()) is Rating.GREEN
    assert rate("yes_no", False, Thresholds()) is Rating.RED
    choice = Thresholds(choice_ratings={"written": "green", "informal": "yellow", "none": "red"})
    assert rate("choice", "informal", choice) is Rating.YELLOW
    assert rate("choice", "other", choice) is None
    assert rate("text", "anything", HIGH) is None
    assert rate("date", "2020-01-01", HIGH) is None
    assert rate("number", None, HIGH) is None
    assert rate("number", "", HIGH) is None
    assert rate("number", 5, Thresholds()) is None  # no thresholds: not rated


def test_dimension_and_overall_scores():
    result = score(
        {
            "structure": [Rating.GREEN, Rating.RED],  # 50
            "services": [Rating.GREEN, Rating.GREEN, Rating.YELLOW, None],  # 83.3
            "recognition": [None],  # nothing rated
        }
    )
    assert result.dimensions == {"structure": 50.0, "services": 83.3, "recognition": None}
    assert result.overall == 66.7  # mean of 50 and 83.33…, dimensions weigh equally
    assert mean_points([]) is None
    assert score({}).overall is None
