import subprocess
import sys

from clusterbridge.eventlogic import Applicant, country_quotas, select_balanced


def _apps(spec: str) -> list[Applicant]:
    """'AAB C' -> applicants in registration order with those countries."""
    return [Applicant(i, c, i) for i, c in enumerate(spec.replace(" ", ""))]


def test_issue_example_100_places_fair_shares():
    assert country_quotas({"A": 80, "B": 30, "C": 10}, 100) == {"A": 60, "B": 30, "C": 10}


def test_everyone_fits():
    assert select_balanced(_apps("AAB"), 5) == [0, 1, 2]


def test_each_country_first_then_registration_order():
    # 3 places, A registered first three times: B and C still get one each.
    assert select_balanced(_apps("AAABC"), 3) == [0, 3, 4]


def test_left_over_place_goes_to_the_earliest_next_applicant():
    # 4 places, A×3, B×3, C×1: level 1 gives A,B,C; one place left; next A (id 1) registered
    # before next B (id 4).
    assert select_balanced(_apps("AAABBBC"), 4) == [0, 1, 3, 6]


def test_no_country_above_fair_share_while_others_wait():
    selected = select_balanced(_apps("A" * 10 + "B" * 10 + "C" * 2), 10)
    countries = ["A" * 10 + "B" * 10 + "C" * 2][0]
    picked = [countries[i] for i in selected]
    assert picked.count("C") == 2
    assert picked.count("A") == 4
    assert picked.count("B") == 4


def test_zero_capacity():
    assert select_balanced(_apps("AB"), 0) == []


def test_package_does_not_import_django():
    code = "import sys, clusterbridge.eventlogic; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
