from clusterbridge.common.facets import Facet, FacetValue, build_facet


def test_values_sorted_by_count_then_label_and_selected_kept_past_the_limit():
    facet = build_facet(
        name="countries",
        label="Country",
        param="country",
        counts={"DE": 5, "FR": 5, "IT": 2, "ES": 1},
        labels={"DE": "Germany", "FR": "France", "IT": "Italy", "ES": "Spain"},
        selected=("ES", "PT"),
        limit=2,
    )
    assert facet == Facet(
        name="countries",
        label="Country",
        param="country",
        values=[
            FacetValue("FR", "France", 5, False),
            FacetValue("DE", "Germany", 5, False),
            FacetValue("ES", "Spain", 1, True),
            FacetValue("PT", "PT", 0, True),
        ],
    )


def test_label_order():
    facet = build_facet(
        name="k",
        label="K",
        param="k",
        counts={"b": 9, "a": 1},
        labels={},
        selected=(),
        order="label",
    )
    assert [v.value for v in facet.values] == ["a", "b"]
