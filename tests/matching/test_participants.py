from clusterbridge.matching import Card, recommend


def test_recommendations_explain_themselves_and_rank():
    me = Card(1, "DE", frozenset({"a"}), interest_countries=frozenset({"ES"}), seek="laser welding")
    strong = Card(2, "ES", frozenset({"a"}), offer="We do laser welding")
    weak = Card(3, "DE", frozenset({"a"}))
    none = Card(4, "DE", frozenset({"b"}))
    recs = recommend(me, [none, weak, strong, me], country_names={"ES": "Spain"})
    assert [r.id for r in recs] == [2, 3]
    assert recs[0].reasons == (
        "Shares sectors: a",
        "A potential partner abroad (Spain)",
        "From Spain, a country you look at",
        "Offers what you seek: laser, welding",
    )
    assert recs[1].reasons == ("Shares sectors: a",)


def test_people_of_the_own_organisation_are_never_recommended():
    me = Card(1, "DE", frozenset({"a"}), seek="laser welding", organisation=10)
    colleague = Card(2, "ES", frozenset({"a"}), offer="We do laser welding", organisation=10)
    partner = Card(3, "DE", frozenset({"a"}), organisation=20)
    independent = Card(4, "DE", frozenset({"a"}))
    assert [r.id for r in recommend(me, [colleague, partner, independent])] == [3, 4]
    # Without an organisation of one's own, nobody is a colleague.
    alone = Card(5, "DE", frozenset({"a"}))
    assert [r.id for r in recommend(alone, [colleague, partner, independent])] == [2, 3, 4]
