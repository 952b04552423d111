from clusterbridge.indicators.peers import (
    Profile,
    histogram,
    is_peer,
    peer_keys,
    peer_percentile,
    percentile_rank,
)


def test_percentile_rank_known_answers():
    population = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile_rank(10, population) == 5.0  # 0 below, 1 equal → 0.5 / 10
    assert percentile_rank(55, population) == 50.0
    assert percentile_rank(100, population) == 95.0
    assert percentile_rank(200, population) == 100.0
    assert percentile_rank(0, population) == 0.0
    assert percentile_rank(3, [1, 3, 3, 3, 5]) == 50.0  # ties count half: (1 + 1.5) / 5
    assert percentile_rank(7, [7]) == 50.0
    assert percentile_rank(7, []) is None


def test_peer_group_same_country_shared_sector_same_size():
    me = Profile(1, "DE", frozenset({"automotive", "plastics"}), "50-149")
    others = [
        Profile(2, "DE", frozenset({"plastics"}), "50-149"),  # peer
        Profile(3, "FR", frozenset({"plastics"}), "50-149"),  # other country
        Profile(4, "DE", frozenset({"food"}), "50-149"),  # no shared sector
        Profile(5, "DE", frozenset({"automotive"}), "500+"),  # other size
        me,
    ]
    assert is_peer(me, others[0])
    assert peer_keys(me, others) == {1, 2}


def test_peer_percentile_needs_enough_peers():
    assert peer_percentile(3, [1, 2, 3, 4]) is None
    assert peer_percentile(3, [1, 2, 3, 4, 5]) == 50.0
    assert peer_percentile(3, [1, 2, 3], minimum=3) == 83.3


def test_histogram():
    assert histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], bins=5) == (
        [0.0, 2.0, 4.0, 6.0, 8.0],
        [2, 2, 2, 2, 3],
    )
    assert histogram([4, 4]) == ([4], [2])
    assert histogram([]) == ([], [])
