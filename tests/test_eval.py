"""`sitrep eval`: the scoring rules, on tiny hand-made gold files and hand-built sitrep results.

No spaCy model and no third-party data: the extractor is a fake that returns Results written
here, so every expected number below is worked out by hand from the fixture rows.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sitrep.errors import ResourceError, UnsupportedLanguage, UsageError
from sitrep.evaluate import gold_files
from sitrep.evaluate import acled, args, case, extraction, metrics, plover
from sitrep.evaluate._common import top_event
from sitrep.options import load_options
from sitrep.records import Actor, Claim, Document, Event, Fatalities, Mention, Place, Result

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


# -- building sitrep results by hand ---------------------------------------------------------------
def _span(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(start=start, end=start + len(surface))


def _actor(text, id, name, kind="Rebel group", surface=None, country=None) -> Actor:
    mentions = [_span(text, surface)] if surface else []
    return Actor(id=id, name=name, kind=kind, country=country, mentions=mentions)


def _place(text, id, name, lat, lon, admin1=None, surface=None) -> Place:
    mentions = [_span(text, surface)] if surface else []
    return Place(id=id, name=name, admin1=admin1, feature="city", lat=lat, lon=lon, geo_precision=1, mentions=mentions)


def _event(id, sub, etype="Battles", *, actor1=None, actor2=None, place=None, date=None, best=0, vague=False,
           confidence=0.8, claims=(), evidence=(), plover_type=None) -> Event:  # fmt: skip
    return Event(id=id, event_type=etype, sub_event_type=sub, date=date, date_precision=1, actor1=actor1,
                 actor2=actor2, place=place, fatalities=Fatalities(low=best, best=best, high=best, vague=vague),
                 claims=list(claims), evidence=list(evidence), confidence=confidence, plover=plover_type)  # fmt: skip


def _result(text, *, events=(), actors=(), places=(), claims=()) -> Result:
    return Result(input="synthetic", document=Document(id="0" * 16, text=text), actors=list(actors),
                  places=list(places), claims=list(claims), events=list(events))  # fmt: skip


class FakeExtractor:
    """Answers each text with the Result (or error) written for it; remembers what it was given."""

    def __init__(self, answers: dict):
        self.answers = answers
        self.published: dict[str, object] = {}

    def extract_many(self, raws, *, published=None):
        for raw in raws:
            self.published[raw.text] = raw.published
            answer = self.answers.get(raw.text)
            yield answer if answer is not None else _result(raw.text)


# -- metrics -------------------------------------------------------------------------------------
def test_lenient_actor_drops_the_period_but_strict_keeps_it():
    assert metrics.lenient_actor("Military Forces of Afghanistan (2014-)") == "military forces of afghanistan"
    assert metrics.lenient_actor("Military Forces of Afghanistan (2014-2021)") == "military forces of afghanistan"
    assert metrics.lenient_actor("Police Forces of Afghanistan (2014-) Afghan Local Police") == \
        "police forces of afghanistan afghan local police"  # fmt: skip
    assert metrics.lenient_actor("Protesters (Kenya)") == "protesters (kenya)"
    assert metrics.strict_actor(" Taliban ") == "Taliban"
    assert metrics.strict_actor(None) == ""


def test_haversine_one_degree_of_latitude():
    assert metrics.haversine_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.05)
    assert metrics.haversine_km(34.5, 69.2, 34.5, 69.2) == 0


def test_macro_f1_counts_abstention_as_a_miss():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "none"]
    # A: P 1, R 1/2 → 2/3;  B: P 1/2, R 1 → 2/3;  C: 0
    assert metrics.macro_f1(gold, pred) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert metrics.accuracy(gold, pred).rate == 0.5
    with pytest.raises(ValueError):
        metrics.accuracy(["A"], [])


def test_names_match_on_whole_words():
    assert metrics.names_match("the Taliban", "Taliban fighters")
    assert metrics.names_match("Egypt's police", "egyptian police") is False
    assert metrics.names_match("Egyptian police", "police")
    assert not metrics.names_match("Kabul", "Kabulistan")
    assert not metrics.names_match("", "anything")
    assert metrics.names_match("Tell Ahmar", "Tell Ahmar")


def test_token_prf_is_a_bag_of_words():
    scores = metrics.token_prf("The cat sat", "the cat ran away")
    assert (scores.tp, scores.fp, scores.fn) == (2, 2, 1)
    assert scores.precision == 0.5 and scores.recall == pytest.approx(2 / 3)
    assert metrics.token_prf("", "").f1 == 0.0


def test_majority_first_seen_wins_ties():
    assert metrics.majority(["b", "a", "a", "b"]) == "b"
    assert metrics.majority([]) is None


# -- ACLED ---------------------------------------------------------------------------------------
def test_read_current_schema():
    rows = acled.read_acled(FIXTURES / "acled-current.csv")
    assert [r.id for r in rows] == ["9001", "9002", "9003", "9004"]
    first = rows[0]
    assert first.date == dt.date(2019, 11, 17)
    assert first.event_types == {"Battles"} and first.sub_event_type == "Armed clash"
    assert first.actor2 == "Military Forces of Afghanistan (2014-)"
    assert (first.lat, first.lon, first.fatalities, first.admin1) == (31.60, 64.20, 2, "Helmand")
    assert rows[3].actor2 == "" and rows[3].taxonomy == "current"
    assert len(acled.read_acled(FIXTURES / "acled-current.csv", limit=2)) == 2


def test_read_2016_schema_maps_the_old_types():
    rows = acled.read_acled(FIXTURES / "acled-2016.csv")
    assert len(rows) == 3 and all(r.taxonomy == "2016" for r in rows)
    protest, battle, vac = rows
    assert protest.date == dt.date(2016, 2, 9)  # day/month/year
    assert protest.event_types == {"Protests", "Riots"} and protest.sub_event_type is None
    assert battle.event_types == {"Battles"} and battle.sub_event_type == "Armed clash"
    assert vac.event_types == {"Violence against civilians"} and vac.sub_event_type is None
    assert "shopkeeper\u2019s son" in vac.notes  # Windows-1252 apostrophe decoded
    assert protest.lat == pytest.approx(-1.28333)
    riot = acled.AcledPrediction(event_type="Riots", sub_event_type="Violent demonstration")
    verdict = acled.agreement(protest, riot)
    assert verdict["event_type"] is True and verdict["sub_event_type"] is None


def test_not_an_acled_file(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UsageError):
        acled.read_acled(bad)


def _acled_answers() -> dict:
    rows = {r.id: r.notes for r in acled.read_acled(FIXTURES / "acled-current.csv")}
    t1, t2, t3 = rows["9001"], rows["9002"], rows["9003"]
    first = _result(
        t1,
        actors=[_actor(t1, "taliban", "Taliban", surface="Taliban"),
                _actor(t1, "mil.af", "Military Forces of Afghanistan (2014-2021)", "State forces", "Afghan soldiers")],
        places=[_place(t1, "gn:1", "Nad Ali", 31.62, 64.25, "Helmand", "Nad Ali")],
        events=[_event("e1", "Shelling/artillery/missile attack", "Explosions/Remote violence", confidence=0.5),
                _event("e2", "Armed clash", actor1="taliban", actor2="mil.af", place="gn:1",
                       date=dt.date(2019, 11, 17), best=2, confidence=0.9)],
    )  # fmt: skip
    second = _result(
        t2,
        actors=[_actor(t2, "taliban", "Taliban", surface="Taliban"),
                _actor(t2, "pol.af", "Police Forces of Afghanistan (2014-2021)", "State forces", "police")],
        places=[_place(t2, "adm1:AF-KDZ", "Kunduz", 36.9, 68.5, "Kunduz", "Kunduz")],
        events=[_event("e1", "Armed clash", actor1="pol.af", actor2="taliban", place="adm1:AF-KDZ",
                       date=dt.date(2019, 11, 18))],
    )  # fmt: skip
    third = _result(
        t3,
        actors=[_actor(t3, "civ.af", "Civilians (Afghanistan)", "Civilians", "passengers")],
        places=[_place(t3, "gn:3", "Kabul", 34.53, 69.17, "Kabul", "Kabul")],
        events=[_event("e1", "Remote explosive/landmine/IED", "Explosions/Remote violence", actor2="civ.af",
                       place="gn:3", date=dt.date(2019, 11, 19), best=4)],
    )  # fmt: skip
    return {t1: first, t2: second, t3: third}  # 9004 gets no event


def test_acled_scores_and_baseline_by_hand():
    fake = FakeExtractor(_acled_answers())
    report = acled.evaluate_acled(FIXTURES / "acled-current.csv", extractor=fake)
    assert report.rows == 4
    expected = {  # name: (ours correct, baseline correct), each out of 4
        "event_type": (3, 2),
        "sub_event_type": (3, 2),
        "actor1 (lenient)": (1, 3),
        "actor1 (strict)": (1, 3),
        "actor2 (lenient)": (2, 1),
        "actor2 (strict)": (1, 1),
        "actor pair, either order (lenient)": (2, 1),
        "admin1": (3, 1),
        "location within 25 km": (2, 1),
        "fatalities exact": (3, 2),
        "date exact": (3, 1),
    }
    for name, (ours, base) in expected.items():
        score = report.score(name)
        assert (score.correct, score.total) == (ours, 4), name
        assert score.baseline == base / 4, name
    assert report.details["no_event"] == 1
    assert report.details["baseline"]["event_type"] == "Battles"
    assert report.details["baseline"]["fatalities"] == 0
    first_note = acled.read_acled(FIXTURES / "acled-current.csv")[0].notes
    assert fake.published[first_note] == dt.date(2019, 11, 17)  # the event date is passed as publication date


def test_acled_error_kinds_name_the_field():
    gold = acled.read_acled(FIXTURES / "acled-current.csv")[1]
    pred = acled.AcledPrediction("Battles", "Armed clash", "Taliban", "", "Kunduz", "Kunduz", 36.73, 68.86, 3,
                                 dt.date(2019, 11, 18))  # fmt: skip
    kinds = acled.error_kinds(gold, pred)
    assert kinds == ["actor2: Police Forces of Afghanistan (2014-) -> (none)",
                     "fatalities: sitrep counts deaths the gold codes as 0"]  # fmt: skip
    assert acled.error_kinds(gold, None) == ["no event (gold Battles)"]


def test_acled_error_kinds_for_order_place_and_party_claims():
    gold = acled.read_acled(FIXTURES / "acled-current.csv")[0]  # Taliban v army in Nad Ali, Helmand; 2 killed
    reversed_pair = acled.AcledPrediction("Battles", "Armed clash", "Military Forces of Afghanistan (2014-2021)",
                                          "Taliban", "Helmand", "Helmand", 31.0, 64.0, 2, dt.date(2019, 11, 17),
                                          feature="admin1")  # fmt: skip
    assert acled.error_kinds(gold, reversed_pair) == ["actors: right pair, reversed order",
                                                      "location: only the province (admin1 centroid)"]  # fmt: skip
    homonym = acled.AcledPrediction("Battles", "Armed clash", "Taliban", "Military Forces of Afghanistan (2014-2021)",
                                    "Ghazni", "Nad Ali", 33.0, 68.0, 2, dt.date(2019, 11, 17), feature="city")  # fmt: skip
    assert acled.error_kinds(gold, homonym) == ["location: a place of that name in another province"]
    claimed = acled.AcledGold("x", "Militants said they killed 5 soldiers. Fatalities coded as 0 (the group reported 5).",
                              dt.date(2019, 11, 17), frozenset({"Battles"}), "Armed clash", "Taliban", "", "Helmand",
                              "Nad Ali", 31.6, 64.2, 0)  # fmt: skip
    counted = acled.AcledPrediction("Battles", "Armed clash", "Taliban", "", "Helmand", "Nad Ali", 31.6, 64.2, 5,
                                    dt.date(2019, 11, 17))  # fmt: skip
    assert acled.error_kinds(claimed, counted) == ["fatalities: a party's own claim, which ACLED codes as 0"]


def test_top_event_is_the_most_confident_first_on_ties():
    text = "x"
    events = [_event("e1", "Armed clash", confidence=0.6), _event("e2", "Grenade", confidence=0.9),
              _event("e3", "Attack", confidence=0.9)]  # fmt: skip
    assert top_event(_result(text, events=events)).id == "e2"
    assert top_event(_result(text)) is None
    assert top_event(None) is None


@pytest.mark.parametrize("sentence, figure", [("Dozens of villagers died.", 10), ("Several people were killed.", 3)])
def test_acled_fatalities_impute_vague_deaths(sentence, figure):
    claim = Claim(id="c1", kind="killed", vague=True, sentence=sentence, start=0, end=len(sentence))
    event = _event("e1", "Attack", "Violence against civilians", vague=True, claims=["c1"])
    pred = acled.predict(_result(sentence, events=[event], claims=[claim]))
    assert pred.fatalities == figure


def test_refused_text_counts_as_no_event():
    rows = acled.read_acled(FIXTURES / "acled-current.csv")
    fake = FakeExtractor({rows[0].notes: UnsupportedLanguage("not English", input="9001")})
    report = acled.evaluate_acled(FIXTURES / "acled-current.csv", extractor=fake)
    assert report.details["refused"] == {"UnsupportedLanguage": 1}
    assert report.score("event_type").correct == 0


# -- CASE 2021 -----------------------------------------------------------------------------------
def test_read_case_keeps_quotes_and_labels():
    rows = case.read_case(FIXTURES / "case.tsv")
    assert [r.label for r in rows] == ["AIR_STRIKE", "ARMED_CLASH", "PEACE_PROTEST", "PROTEST_WITH_INTER",
                                       "NATURAL_DISASTER", "ORG_CRIME"]  # fmt: skip
    assert rows[5].text.startswith('A "smuggling ring"')
    assert rows[0].sub_event_type == "Air/drone strike" and rows[4].sub_event_type is None
    assert len(case.LABELS) == 25 and len(case.OUTSIDE_ACLED) == 5


def test_case_unknown_label(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tEventSnippet\tSubType\n1\tSomething happened.\tRIOTING\n", encoding="utf-8")
    with pytest.raises(UsageError, match="RIOTING"):
        case.read_case(bad)


def test_case_scores_by_hand():
    rows = case.read_case(FIXTURES / "case.tsv")
    predicted = ["Air/drone strike", "Armed clash", "Protest with intervention", case.NO_EVENT, case.NO_EVENT, "Attack"]
    scores, details = case.score_case(rows, predicted)
    by_name = {s.name.split(" (")[0]: s for s in scores}
    assert (by_name["sub-event type accuracy"].correct, by_name["sub-event type accuracy"].total) == (2, 4)
    # Air strike 1, Armed clash 1, Peaceful protest 0, Protest with intervention 0 (one false alarm)
    assert scores[1].value == pytest.approx(0.5)
    assert (by_name["event type accuracy"].correct, by_name["event type accuracy"].total) == (3, 4)
    assert (scores[3].correct, scores[3].total) == (1, 2)  # abstained on the flood, not on the smuggling ring
    assert (scores[4].correct, scores[4].total) == (3, 6)
    assert details["per_class"]["Protest with intervention"]["fp"] == 1
    assert details["errors"]["ORG_CRIME -> Attack"]["count"] == 1
    assert details["family_confusions"] == {"Protests -> Protests": 1, "Protests -> no event": 1,
                                            "outside ACLED (ORG_CRIME) -> Violence against civilians": 1}  # fmt: skip


def test_evaluate_case_passes_no_date():
    rows = case.read_case(FIXTURES / "case.tsv")
    text = rows[0].text
    fake = FakeExtractor({text: _result(text, events=[_event("e1", "Air/drone strike", "Explosions/Remote violence")])})
    report = case.evaluate_case(FIXTURES / "case.tsv", extractor=fake)
    assert report.scores[0].correct == 1 and report.scores[0].total == 4
    assert set(fake.published.values()) == {None}


# -- PLOVER --------------------------------------------------------------------------------------
def test_read_plover_skips_documentation_and_stray_targets():
    rows = plover.read_plover(FIXTURES / "plover.json")
    assert [r.event for r in rows] == ["ASSAULT", "AGREE", "PROTEST"]
    assert rows[0].sources[0] == plover.GoldActor("Kenyan soldiers", "KEN", "MIL")
    assert rows[1].targets == ()


def test_plover_actor_matching():
    army = Actor(id="mil.ke", name="Military Forces of Kenya (2013-)", kind="State forces", country="KE")
    assert plover.actor_matches(plover.GoldActor("Kenyan soldiers", "KEN", "MIL"), army, ["Kenyan soldiers"])
    # the same state's forces by CAMEO code, whatever the words
    assert plover.actor_matches(plover.GoldActor("Kenyan government", "KEN", "GOV"), army, ["the army"])
    assert not plover.actor_matches(plover.GoldActor("farmers", "KEN", "CVL"), army, ["the army"])
    assert not plover.actor_matches(plover.GoldActor("Somali troops", "SOM", "MIL"), army, ["the army"])
    assert not plover.actor_matches(plover.GoldActor("Kenyan soldiers", "KEN", "MIL"), None, [])


def test_plover_scores_by_hand():
    rows = plover.read_plover(FIXTURES / "plover.json")
    t1, t2, t3 = (r.text for r in rows)
    answers = {
        t1: _result(t1, actors=[_actor(t1, "mil.ke", "Military Forces of Kenya (2013-)", "State forces", "Kenyan soldiers", "KE"),
                                _actor(t1, "shabaab", "Al Shabaab", surface="Al Shabaab")],
                    events=[_event("e1", "Armed clash", actor1="mil.ke", actor2="shabaab", plover_type="ASSAULT")]),
        # no event: the first-mentioned actor stands in as source
        t2: _result(t2, actors=[_actor(t2, "ner:ruritania", "Ruritania", "organization", "Ruritania")]),
        t3: _result(t3, actors=[_actor(t3, "prot.ke", "Protesters (Kenya)", "Protesters", "farmers")],
                    events=[_event("e1", "Peaceful protest", "Protests", actor1="prot.ke", plover_type="PROTEST")]),
    }  # fmt: skip
    report = plover.evaluate_plover(FIXTURES / "plover.json", extractor=FakeExtractor(answers))
    counts = {s.name: (s.correct, s.total) for s in report.scores}
    assert counts["source actor agreement"] == (3, 3)
    assert counts["source actor (event only)"] == (2, 3)
    assert counts["target actor agreement"] == (1, 2)  # AGREE has no gold target: not scored
    assert counts["event type agreement"] == (2, 3)
    assert counts["sentences with a sitrep event"] == (2, 3)


# -- WikiEvents / RAMS ---------------------------------------------------------------------------
def test_detokenize_offsets():
    text, starts = args.detokenize(["Four", "shepherds", "were", "hurt", ",", "a", "monitor", "said", "."])
    assert text == "Four shepherds were hurt, a monitor said."
    assert starts[4] == text.index(",") and starts[-1] == len(text) - 1
    assert args.detokenize(["the", "army", "'s", "(", "FAR", ")"])[0] == "the army's (FAR)"


def test_read_rams_keeps_violent_events_only():
    units = args.read_args(FIXTURES / "rams.jsonlines")
    assert len(units) == 1  # the meeting and the stroke are out of scope
    unit = units[0]
    assert unit.trigger == unit.text.index("shelled")
    assert [e.surfaces for e in unit.roles["attacker"]] == [["Rebels"]]
    assert [e.surfaces for e in unit.roles["victim"]] == [["Four shepherds"]]
    assert [e.surfaces for e in unit.roles["place"]] == [["Tell Ahmar"]]


def test_read_wikievents_merges_coreferent_arguments():
    (doc,) = args.read_args(FIXTURES / "wikievents.jsonl")
    assert len(doc.roles["attacker"]) == 1  # "Raiders" and "The attackers" are one cluster
    assert set(doc.roles["attacker"][0].surfaces) == {"Raiders", "attackers", "raiders"}
    assert sorted(s for e in doc.roles["victim"] for s in e.surfaces) == ["health clinic", "nurses"]
    assert [e.surfaces for e in doc.roles["place"]] == [["Wajir"]]  # shared by two events, counted once
    assert len(doc.text.split("\n\n")) == 4  # one paragraph per sentence


def test_match_count_is_one_to_one():
    gold = [args.Entity(["Taliban"])]
    predicted = [args.Entity(["Taliban fighters"]), args.Entity(["the Taliban"])]
    assert args.match_count(gold, predicted) == 1


def test_wikievents_scores_by_hand():
    (doc,) = args.read_args(FIXTURES / "wikievents.jsonl")
    text = doc.text
    killed = Claim(id="c1", kind="killed", low=3, high=3, victim_text="three nurses", sentence="", start=0, end=1)
    result = _result(
        text,
        actors=[_actor(text, "ner:raiders", "Raiders", surface="Raiders"),
                _actor(text, "shabaab", "Al Shabaab", surface="Al Shabaab")],
        places=[_place(text, "gn:9", "Wajir", 1.75, 40.06, surface="Wajir")],
        claims=[killed],
        events=[_event("e1", "Armed clash", actor1="ner:raiders", place="gn:9"),
                _event("e2", "Attack", "Violence against civilians", actor1="shabaab", claims=["c1"])],
    )  # fmt: skip
    report = args.evaluate_args(FIXTURES / "wikievents.jsonl", extractor=FakeExtractor({text: result}))
    per_role = report.details["per_role"]
    assert (per_role["attacker"]["tp"], per_role["attacker"]["fp"], per_role["attacker"]["fn"]) == (1, 1, 0)
    assert (per_role["victim"]["tp"], per_role["victim"]["fp"], per_role["victim"]["fn"]) == (1, 0, 1)
    assert per_role["place"]["f1"] == 1.0
    assert report.score("attacker F1").value == pytest.approx(2 / 3)


def test_rams_scores_the_event_nearest_the_trigger():
    (unit,) = args.read_args(FIXTURES / "rams.jsonlines")
    text = unit.text
    near = _event("e1", "Shelling/artillery/missile attack", "Explosions/Remote violence", actor1="mil",
                  place="gn:1", evidence=[_span(text, "Rebels shelled the hamlet")])  # fmt: skip
    far = _event("e2", "Attack", "Violence against civilians", actor1="monitor",
                 evidence=[_span(text, "a monitor said")], confidence=0.99)  # fmt: skip
    result = _result(
        text,
        actors=[_actor(text, "mil", "Rebels", surface="Rebels"), _actor(text, "monitor", "monitor", surface="monitor")],
        places=[_place(text, "gn:1", "Tell Ahmar", 36.7, 38.1, surface="Tell Ahmar")],
        events=[far, near],
    )  # fmt: skip
    report = args.evaluate_args(FIXTURES / "rams.jsonlines", extractor=FakeExtractor({text: result}))
    per_role = report.details["per_role"]
    assert (per_role["attacker"]["tp"], per_role["attacker"]["fp"]) == (1, 0)
    assert per_role["place"]["tp"] == 1
    assert (per_role["victim"]["tp"], per_role["victim"]["fn"]) == (0, 1)


# -- Zyte extraction -----------------------------------------------------------------------------
def test_score_pages_by_hand():
    page = extraction.Page("p", b"", "Troops entered the town")
    scores = extraction.score_pages([page], ["Troops entered the town today"])
    assert scores["precision"] == pytest.approx(0.8) and scores["recall"] == 1.0


_PAGE = """<html><head><title>Ceasefire holds in the hill district</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ceasefire holds in the hill district</h1>
<p>A truce between army units and the hill militia held for a third day on Sunday, residents of the district said.</p>
<p>Shops reopened in the market town and buses ran again on the valley road, which had been closed since the fighting began.</p>
<p>A local official said both sides would swap detainees next week under the supervision of church elders.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved. Privacy policy. Cookie settings.</footer>
</body></html>"""


def test_extraction_runs_both_extractors(tmp_path):
    body = "\n".join(line[3:-4] for line in _PAGE.splitlines() if line.startswith("<p>"))
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "abc.html.gz").write_bytes(gzip.compress(_PAGE.encode("utf-8")))
    (tmp_path / "ground-truth.json").write_text(json.dumps({"abc": {"articleBody": body, "url": "https://example.org/a"}}))
    report = extraction.evaluate_extraction(tmp_path, options=load_options().ingest)
    assert report.rows == 1
    recall = next(s for s in report.scores if s.name == "token recall")
    assert recall.value == 1.0  # every body paragraph kept
    assert recall.baseline is not None


# -- gold files and the command line -------------------------------------------------------------
def test_gold_files_labels_unsplit_sets(tmp_path, monkeypatch):
    target = tmp_path / plover.FILES["dev"]
    target.parent.mkdir(parents=True)
    target.write_text("[]")
    monkeypatch.setenv("SITREP_EVAL_DATA", str(tmp_path))
    assert gold_files("plover", "test") == [(target, "dev (no split)")]
    with pytest.raises(ResourceError):
        gold_files("case", "dev")
    with pytest.raises(UsageError):
        gold_files("gdelt", "dev")


def _app() -> typer.Typer:
    from sitrep.cli import eval as eval_cli

    app = typer.Typer()
    app.command("noop")(lambda: None)  # a second command keeps "eval" a sub-group
    eval_cli.register(app)
    return app


def test_cli_eval_case_json_on_stdout(monkeypatch):
    import sitrep.pipeline

    monkeypatch.setattr(sitrep.pipeline, "Extractor", lambda options: FakeExtractor({}))
    result = CliRunner().invoke(_app(), ["eval", "case", "--gold", str(FIXTURES / "case.tsv"), "--json", "-"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["reports"][0]
    assert report["rows"] == 6
    assert report["scores"][0]["correct"] == 0  # the fake finds no event anywhere
    assert report["scores"][3]["correct"] == 2  # so it abstains on both non-ACLED rows


def test_cli_eval_without_gold_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_EVAL_DATA", str(tmp_path / "nowhere"))
    result = CliRunner().invoke(_app(), ["eval", "plover"])
    assert result.exit_code == ResourceError.exit_code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "evaluation gold not found" in lines[0]


def test_cli_eval_help_has_examples():
    for name in ("acled", "case", "plover", "args", "extraction", "all"):
        result = CliRunner().invoke(_app(), ["eval", name, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, name


@pytest.mark.parametrize(
    "notes, read",
    [
        ("Taliban gunfire hit a convoy. Fatalities coded as 0 (VoJ reported 13).",
         "Taliban gunfire hit a convoy (VoJ reported 13)."),
        ("Fighting in 4 villages. Fatalities were split between 4 events (5).", "Fighting in 4 villages."),
        ("A mortar round. Fatalities coded as 0 (VoJ reported an unknown number of deaths (7)).",
         "A mortar round (VoJ reported an unknown number of deaths (7))."),
        ("Raids. Fatalities split over 2 places (9). VoJ claimed more.", "Raids. VoJ claimed more."),
        ("No remark here: 4 killed.", "No remark here: 4 killed."),
    ],
)
def test_coder_remarks_that_state_the_answer_are_not_read(notes, read):
    assert acled.strip_coding(notes) == read


def test_cli_eval_events_runs_every_event_set_with_one_pipeline(monkeypatch):
    import sitrep.cli.eval as cli_eval

    calls = []

    def fake_run_set(name, split, gold, limit, config, extractor=None):
        calls.append((name, split.value, extractor))
        return [], extractor or "the one extractor"

    monkeypatch.setattr(cli_eval, "_run_set", fake_run_set)
    result = CliRunner().invoke(_app(), ["eval", "events", "--split", "test"])
    assert result.exit_code == 0, result.output
    assert [c[:2] for c in calls] == [("acled", "test"), ("case", "test"), ("plover", "test"), ("args", "test")]
    assert [c[2] for c in calls] == [None, "the one extractor", "the one extractor", "the one extractor"]
