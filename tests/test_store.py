"""The DuckDB store: store → load is identity, dedup by content hash, fusion, failures, locking."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import StoreError, StoreLocked
from sitrep.records import Actor, Claim, Document, Event, Fatalities, Interaction, Mention, Party, Place, Quote, Result
from sitrep.store import Failure, Store
from test_fuse import report, three_outlets


@pytest.fixture
def store():
    with Store.open(":memory:") as s:
        yield s


# -- store → load is identity ---------------------------------------------------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_MAYBE = st.none() | _TEXT
_DATE = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))
_COUNT = st.none() | st.integers(0, 100_000)
_OFFSET = st.integers(0, 1_000_000)
_MENTIONS = st.lists(st.builds(Mention, start=_OFFSET, end=_OFFSET), max_size=3)
_KINDS = ["State forces", "Rebel group", "Civilians", "person", "media"]


@st.composite
def results(draw) -> Result:
    doc_id = draw(st.text("0123456789abcdef", min_size=16, max_size=16))
    n_quotes, n_claims, n_events = (draw(st.integers(0, 3)) for _ in range(3))
    quote_ids, claim_ids, event_ids = ([f"{p}{i}" for i in range(1, n + 1)] for p, n in (("q", n_quotes), ("c", n_claims), ("e", n_events)))
    local = lambda ids: st.none() | st.sampled_from(ids) if ids else st.none()  # noqa: E731
    actors = draw(st.lists(st.builds(Actor, id=_TEXT, name=_TEXT, kind=st.sampled_from(_KINDS), aliases=st.lists(_TEXT, max_size=2),
                                     affiliation=_MAYBE, role=_MAYBE, country=_MAYBE, mentions=_MENTIONS), max_size=3, unique_by=lambda a: a.id))  # fmt: skip
    places = draw(st.lists(st.builds(Place, id=_TEXT, name=_TEXT, country=_MAYBE, admin1=_MAYBE, feature=_TEXT,
                                     lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180),
                                     geo_precision=st.integers(1, 3), mentions=_MENTIONS), max_size=3, unique_by=lambda p: p.id))  # fmt: skip
    quotes = [draw(st.builds(Quote, id=st.just(q), speaker=_MAYBE, speaker_actor=_MAYBE, text=_TEXT, direct=st.booleans(),
                             channel=_MAYBE, start=_OFFSET, end=_OFFSET)) for q in quote_ids]  # fmt: skip
    claims = [draw(st.builds(Claim, id=st.just(c), kind=st.sampled_from(["killed", "injured", "abducted"]), low=_COUNT, high=_COUNT,
                             vague=st.booleans(), denial=st.booleans(), victim=_MAYBE, victim_text=_MAYBE, claimant=_MAYBE,
                             claimant_actor=_MAYBE, quote=local(quote_ids), event=local(event_ids), date=_DATE, place=_MAYBE,
                             sentence=_TEXT, start=_OFFSET, end=_OFFSET, victims=st.lists(_TEXT, max_size=2),
                             partisan=st.booleans())) for c in claim_ids]  # fmt: skip
    fatalities = st.none() | st.builds(Fatalities, low=st.integers(0, 50), best=st.integers(0, 50), high=_COUNT, vague=st.booleans())
    events = [draw(st.builds(Event, id=st.just(e), event_type=_TEXT, sub_event_type=_TEXT, date=_DATE, date_precision=st.integers(1, 3),
                             actor1=_MAYBE, actor2=_MAYBE, associated_actors=st.lists(_TEXT, max_size=2), place=_MAYBE,
                             fatalities=fatalities, claims=st.lists(st.sampled_from(claim_ids), max_size=3) if claim_ids else st.just([]),
                             evidence=_MENTIONS, confidence=st.floats(0, 1), cameo=_MAYBE, plover=_MAYBE)) for e in event_ids]  # fmt: skip
    parties = st.lists(st.builds(Party, text=_TEXT, start=_OFFSET, end=_OFFSET, actor=_MAYBE), max_size=2)
    interactions = [draw(st.builds(Interaction, id=st.just(f"i{i}"), predicate=_TEXT, plover=_MAYBE, sources=parties,
                                   targets=parties, start=_OFFSET, end=_OFFSET)) for i in range(1, draw(st.integers(0, 2)) + 1)]  # fmt: skip
    document = draw(st.builds(Document, id=st.just(doc_id), title=_MAYBE, url=_MAYBE, source=_MAYBE, published=_DATE,
                              language=st.none() | st.just("en"), text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)))  # fmt: skip
    return Result(input=draw(_TEXT.filter(bool)), document=document, actors=actors, places=places, quotes=quotes,
                  claims=claims, events=events, interactions=interactions, removed=draw(st.lists(_TEXT, max_size=3)))  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(results(), min_size=1, max_size=3, unique_by=lambda r: r.document.id))
def test_store_then_load_is_identity(batch):
    with Store.open(":memory:") as store:
        store.save(batch)
        for result in batch:
            assert store.load_result(result.document.id) == result


def test_identity_survives_reopening_the_file(tmp_path):
    results = three_outlets()
    with Store.open(tmp_path / "s.duckdb") as store:
        store.save(results)
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        assert [store.load_result(r.document.id) for r in results] == results


# -- identity by content hash, inputs, failures ---------------------------------------------------
def test_a_store_from_before_new_claim_columns_gets_them(tmp_path):
    # a store written before claims had "victims" and "partisan": reopening adds the columns, old rows load
    results = three_outlets()
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:
        store.save(results)
        store._con.execute('ALTER TABLE claims DROP COLUMN "victims"')
        store._con.execute('ALTER TABLE claims DROP COLUMN "partisan"')
    with Store.open(path) as store:
        loaded = store.load_result(results[0].document.id)
        assert loaded.claims and all(c.victims == [] and c.partisan is False for c in loaded.claims)
        partisan = results[0].model_copy(update={"claims": [c.model_copy(update={"partisan": True, "victims": ["x"]})
                                                           for c in results[0].claims]})  # fmt: skip
        store._con.execute("DELETE FROM claims")
        store._insert("claims", __import__("sitrep.store", fromlist=["_result_rows"])._result_rows(partisan)["claims"])
        assert all(c.partisan and c.victims == ["x"] for c in store.load_result(partisan.document.id).claims)


def test_the_same_document_twice_is_stored_once(store):
    a = three_outlets()[0]
    again = a.model_copy(update={"input": "mirror/ledger-copy.html"})
    saved = store.save([a, again])
    assert (saved.stored, saved.duplicates) == (1, 1)
    saved = store.save([a])
    assert (saved.stored, saved.duplicates) == (0, 1)
    assert store.document_ids() == [a.document.id]
    assert len(store.table("events")) == 1 and len(store.table("fused_events")) == 1
    # both names are done: a resumed run skips either
    assert store.done_inputs() == {a.input, "mirror/ledger-copy.html"}
    assert store.load_result(a.document.id).input == a.input  # the first name it was seen under


def test_failures_are_recorded_replaced_and_cleared_by_success(store):
    a = three_outlets()[0]
    store.record_failure(a.input, "language", "article is not in English")
    store.record_failure(a.input, "ingest", "the input is empty")
    assert [(f.input, f.stage, f.reason) for f in store.failures()] == [(a.input, "ingest", "the input is empty")]
    assert store.has_input(a.input)
    assert a.input in store.done_inputs() and a.input not in store.done_inputs(include_failed=False)
    store.save([a])  # --retry-failed succeeded this time
    assert store.failures() == []
    assert store.has_input(a.input) and not store.has_input("never/seen.html")


def test_a_batch_is_all_or_nothing(store, monkeypatch):
    def broken(views):
        store._con.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(store, "_fuse", broken)
    with pytest.raises(StoreError, match="rolled back"):
        store.save(three_outlets(), [Failure("x.html", "ingest", "empty")])
    assert store.document_ids() == [] and store.failures() == [] and store.done_inputs() == set()


# -- fusion through the store ---------------------------------------------------------------------
def test_reports_saved_in_separate_batches_fuse_into_one_event(store):
    a, b, c = three_outlets()
    kandahar = report("Frontier Wire", "Taliban and army clashed in Kandahar city on Sunday.", place="kandahar",
                      claims=(), published=dt.date(2024, 3, 10))  # fmt: skip
    store.save([a])
    store.save([kandahar, b])
    store.save([c])
    events = store.fused_events()
    assert len(events) == 2
    shindand = next(e for e in events if e["location"] == "Shindand")
    assert (shindand["n_documents"], shindand["fatalities_best"], shindand["fatalities_low"]) == (3, 7, 7)
    assert shindand["fatalities_high"] is None  # "at least four soldiers"
    assert (shindand["date"], shindand["date_lo"], shindand["date_hi"]) == (dt.date(2024, 3, 10), dt.date(2024, 3, 8), dt.date(2024, 3, 14))
    claims = store.event_claims([shindand["id"]])[shindand["id"]]
    assert sorted(c["outlet"] for c in claims) == ["Frontier Wire", "Frontier Wire", "Kabul Ledger", "Kabul Ledger", "Western Province Daily"]
    assert store.resolve_event(f"{a.document.id}:e1") == shindand["id"] == store.resolve_event(f"AFG-{shindand['id']}")
    assert store.fused_events(country="pk") == [] and len(store.fused_events(since=dt.date(2024, 3, 10))) == 2


def test_fusion_only_loads_candidates_near_in_time(store):
    may = report("Kabul Ledger", "A clash at Shindand in May.", date=dt.date(2024, 5, 20))
    store.save([may])
    a = three_outlets()[0]
    from sitrep.fuse import views_from_result

    assert store._candidates(views_from_result(a)) == []
    store.save([a])
    assert [e.date for e in store._candidates(views_from_result(three_outlets()[1]))] == [dt.date(2024, 3, 10)]


# -- opening ------------------------------------------------------------------------------------
def test_a_second_writer_gets_store_locked_naming_the_holder(tmp_path):
    path = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from sitrep.store import Store
            store = Store.open({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreLocked) as caught:
            Store.open(path)
        err = caught.value
        assert err.input == str(path)
        assert f"PID {holder.pid}" in err.reason
        assert "wait for that run to finish" in err.hint
    finally:
        holder.communicate("")
    with Store.open(path) as store:  # released when the holder exits
        assert store.done_inputs() == set()


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="no store") as caught:
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    assert "sitrep run" in caught.value.hint


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("these are not DuckDB pages\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(path)
