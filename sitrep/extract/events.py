"""ACLED events from trigger mentions, with claims linked and fatalities fused (stage 9).

Steps:

1. each sentence with a trigger becomes a *mention*: its sub-event type (the highest
   priority trigger, with ACLED's precedence rules), its date and place if the sentence
   states them, and the actors it names; a plural trigger over coordinated places
   ("clashes at the Salang and Khawak passes") becomes one mention per place, because
   ACLED codes one event per day per location;
2. mentions merge into events when their type family, date and place are compatible,
   so two mentions of the same clash are one event and a night assault and clashes two
   days earlier elsewhere are two; a mention missing its date or place takes them from
   the paragraph, then from the lead event;
3. each event is typed from all its mentions (a generic "attack" on civilians only is
   Violence against civilians; tear gas makes a protest "with intervention"…), gets
   actor1/actor2, and the claims that belong to it; fatalities are fused by
   :func:`sitrep.fatalities.fuse_fatalities`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Span

from ..fatalities import fuse_fatalities
from ..records import Claim, Event, Fatalities, Mention
from .claims import SPEECH_VERBS, Context, clause_head, in_clause, is_hypothetical
from . import subtype as _subtype
from ._event_actors import ally_tokens, collective, ensure_actor, national_weapons
from ._event_places import listed_places, mention_places, plural
from ._event_tolls import killed_as_cause, split_tolls
from ._event_roles import Ranker, token_at
from ._event_types import ARMED, PARTIES, actor_kinds, codes_for, final_type, learned_type, main_sub_type
from .triggers import CUES, TRIGGERS, TriggerEntry, TriggerLexicon, has_phrase

__all__ = ["build_events", "codes_for"]

log = logging.getLogger(__name__)

# families whose mentions may be one event: explosions inside a battle (ACLED precedence); a protest,
# its crackdown ("shot dead by police") and arrests, or its turning into a riot
_COMPATIBLE_FAMILIES = [{"Battles", "Explosions/Remote violence"},
                        {"Protests", "Riots", "Violence against civilians", "Arrests"}]
#: families of violent events, which arrests told after them join
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: mentions dated further back than this are background, not news (ACLED codes recent events)
_BACKGROUND_DAYS = 60


@dataclass
class _Mention:
    sent: Span
    trigger: Span
    entry: TriggerEntry
    entries: list[TriggerEntry]
    date: object = None            # extract.time.DateMention or None
    place: Optional[str] = None
    actors: list[str] = field(default_factory=list)
    allies: list[str] = field(default_factory=list)
    learned: bool = False          # opened by the learned typer, not by a trigger (subtype.py)
    #: (index, count): this mention's place is the index-th of ``count`` the sentence lists for one
    #: figure ("killed 8 militants in A, B and C districts"); ACLED splits the figure across them
    share: tuple[int, int] = (0, 1)


@dataclass
class _Cluster:
    mentions: list[_Mention]
    date: object = None
    place: Optional[str] = None
    claims: list[Claim] = field(default_factory=list)

    @property
    def family(self) -> str:
        return self.mentions[0].entry.event_type


def build_events(ctx: Context, claims: list[Claim], *, published: Optional[dt.date]) -> list[Event]:
    """The ACLED events of one document; links ``claims`` to them (sets ``claim.event``, date, place)."""
    lexicon: TriggerLexicon = ctx.triggers
    places = {p.id: p for p in ctx.places.places}
    sents = list(ctx.doc.sents)
    mentions = [m for sent in sents for m in _sentence_mentions(ctx, sent, lexicon, places, published)]
    if not mentions:
        # issue 4: no trigger anywhere; the learned typer may still recognise an event ("troops freed
        # two villages") when it is sure enough (subtype.OPEN)
        mentions = [m for para in _paragraphs(ctx, sents) for m in _learned_mentions(ctx, para, places, published)]
    _add_follow_up_actors(ctx, sents, mentions)
    clusters = _cluster(ctx, mentions, places)
    _link_claims(ctx, clusters, claims, places)
    events = [_event(ctx, i, c, lexicon, published) for i, c in enumerate(clusters, 1)]
    split_tolls(clusters, events)
    for cluster, event in zip(clusters, events):
        for claim in cluster.claims:
            claim.event = event.id
            claim.date = claim.date or event.date
            if claim.place is None or not _same_area(places, claim.place, event.place):
                claim.place = event.place
    return events


# -- 1. mentions ----------------------------------------------------------------------------
def _sentence_mentions(ctx, sent: Span, lexicon: TriggerLexicon, places: dict, published) -> list[_Mention]:
    triggers = [t for t in ctx.doc.spans[TRIGGERS] if sent.start <= t.start < sent.end] if TRIGGERS in ctx.doc.spans else []
    lemmas = {t.lemma_.lower() for t in sent}
    usable = [(t, lexicon.entry(t.label_)) for t in triggers if not is_hypothetical(t.root) and not _done_without(t.root)]
    usable = [(t, e) for t, e in usable if not e.needs or e.needs & lemmas]
    if not usable or (has_phrase(sent, lexicon.non_events) and max(e.priority for _, e in usable) <= 7):
        return []  # accidents and claims of responsibility are not events (ACLED)
    trigger, entry = _choose(usable)
    return _mentions_at(ctx, sent, trigger, entry, [e for _, e in usable], places, published)


def _done_without(token) -> bool:
    """A trigger the sentence says did not happen: "entered the town without fighting", "took the
    hill without a fight" (ACLED: a place that changes hands without fighting is no battle)."""
    return token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "without"


def _paragraphs(ctx, sents: list[Span]) -> list[list[Span]]:
    """The sentences of each paragraph (text between blank lines): the unit the learned typer reads."""
    paragraphs: list[list[Span]] = []
    for sent in sents:
        if not paragraphs or "\n\n" in ctx.text[paragraphs[-1][-1].end_char: sent.start_char]:
            paragraphs.append([])
        paragraphs[-1].append(sent)
    return paragraphs


def _learned_mentions(ctx, paragraph: list[Span], places: dict, published) -> list[_Mention]:
    """A paragraph no trigger matched, typed by the learned model if it is sure it tells of an ACLED
    event; the event's sentence is the one the model finds most telling of that type."""
    model = _subtype.default_model()
    if model is None:
        return []
    text = " ".join(s.text for s in paragraph)
    label, probability = model.predict(text, _subtype.NO_RULE)
    if label == _subtype.NONE or probability < _subtype.OPEN:
        return []
    sent = max(paragraph, key=lambda s: model.probabilities(s.text, _subtype.NO_RULE)[label])
    entry = TriggerEntry(_subtype.EVENT_TYPES[label], label, priority=0)
    root = sent.root.i - sent.start
    return _mentions_at(ctx, sent, sent[root: root + 1], entry, [entry], places, published, learned=True)


def _mentions_at(ctx, sent: Span, trigger: Span, entry: TriggerEntry, entries: list[TriggerEntry], places: dict,
                 published, *, learned: bool = False) -> list[_Mention]:  # fmt: skip
    """The mentions of one typed trigger: none if the sentence is background, else one per place.

    A ``learned`` mention skips the present-perfect/habitual test: the model learned from CASE 2021
    snippets that report events in the perfect ("troops have set up two bases"); with that test,
    77 of 412 CASE dev rows were left without an event in 5-fold cross-validation, without it 29."""
    dates = [d for d in in_clause(sent, trigger.root, ctx.dates_in(sent.start_char, sent.end_char))
             if not _in_relative_clause(ctx.doc, d, trigger.root)]
    if not learned and _is_general(sent, trigger, dates):
        return []
    date = _closest(dates, trigger)
    if date is not None and published is not None and _is_background(date, published):
        return []
    actors, allies = _sentence_actors(ctx, sent, trigger, entry.event_type)
    at = mention_places(ctx, sent, trigger, places)
    listed = max(len(at), listed_places(sent.text)) if plural(trigger) else 1
    return [
        _Mention(sent, trigger, entry, entries, date, place, actors, allies, learned, share=(i, listed))
        for i, place in enumerate(at)
    ]


def _in_relative_clause(doc, date, root) -> bool:
    """The date sits in a clause that describes a noun below the trigger ("marched in memory of youths
    who were killed in 1990"): it dates what the noun went through, not the event."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    for tok in span.root.ancestors if span is not None else ():
        if tok.i == root.i:
            return False
        if tok.dep_ in {"relcl", "acl"} and tok.pos_ == "VERB":
            return root in tok.head.ancestors or root.i == tok.head.i
    return False


def _choose(usable: list[tuple[Span, TriggerEntry]]) -> tuple[Span, TriggerEntry]:
    """Highest priority wins, except that a real battle absorbs explosions (ACLED precedence)."""
    trigger, entry = max(usable, key=lambda te: (te[1].priority, -te[0].start))
    battle = next(((t, e) for t, e in usable if e.sub_event_type == "Armed clash" and not e.generic), None)
    if entry.event_type == "Explosions/Remote violence" and battle and entry.sub_event_type != "Suicide bomb":
        return battle
    return trigger, entry


def _is_general(sent: Span, trigger: Span, dates: list) -> bool:
    """Background, not an event: "Baghlan has seen heavy fighting since May", "the ADF has carried
    out repeated massacres". Present perfect with no day-exact date cannot be coded by ACLED, except
    in the report's lead: "Gunmen have killed four traders in Dori" opening a report is its news
    (the tense of fresh news), unless it says how long ("since May") or how often."""
    head = clause_head(trigger.root)
    chain = {head.i, trigger.root.i} | {a.i for a in list(trigger.root.ancestors)[:3]}
    perfect = any(t.lower_ in {"has", "have"} and t.dep_ == "aux" and t.head.tag_ == "VBN" and t.head.i in chain
                  for t in sent)
    since = any(t.lower_ == "since" for t in sent)
    day = any(d.precision == "day" for d in dates)
    habitual = any(t.lower_ in _HABITUAL for t in sent)
    lead = sent.start == 0 and not since and _perfect_of(sent, trigger.root)
    return (perfect and not day and not lead) or habitual or (since and sent.root.lemma_.lower() in {"see", "be", "continue"})


def _perfect_of(sent: Span, root) -> bool:
    """The trigger itself is in the perfect ("have clashed"), or the verb it is the subject or object of
    ("protests have erupted", "have staged a sit-in") or that it modifies ("have been killed in clashes");
    not a verb further up ("have rejected claims that their aircraft carried out an attack")."""
    verbs = {root.i}
    if root.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        verbs.add(root.head.i)
    elif root.dep_ == "pobj" and root.head.dep_ in {"prep", "agent"}:
        verbs.add(root.head.head.i)
    return any(t.lower_ in {"has", "have"} and t.dep_ == "aux" and t.head.i in verbs for t in sent)


_HABITUAL = frozenset({"regularly", "often", "frequently", "routinely", "usually", "repeatedly", "sometimes",
                       "commonly", "typically"})


def _is_background(date, published: dt.date) -> bool:
    """Dated well before publication. A year is judged by its last day like any date: "elections in 2016"
    in a 2016 report is no old news, "in 1990" is."""
    return (published - date.last).days > _BACKGROUND_DAYS


def _closest(items: list, trigger: Span):
    if not items:
        return None
    return min(items, key=lambda m: abs(m.start - trigger.start_char))


def _sentence_actors(ctx, sent: Span, trigger: Optional[Span] = None,
                     event_type: str = "") -> tuple[list[str], list[str]]:
    """(parties, allies) named in a sentence, the trigger's agent and patient first (see
    _event_roles), else subject first; who *says* something is not a party."""
    kinds = {a.id: a.kind for a in ctx.actors.actors}
    speakers = {t.i for v in sent if v.lemma_.lower() in SPEECH_VERBS
                for c in v.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree}
    # the side that acts comes first (ACLED actor1): the active subject, or the agent of a passive
    # ("a guard was shot by the rebels", "a bomb left by the insurgents")
    subject_tokens = {t.i for tok in sent if tok.dep_ == "nsubj" and tok.i not in speakers for t in tok.subtree}
    subject_tokens |= {t.i for tok in sent if tok.dep_ == "agent" or (tok.dep_ == "prep" and tok.lower_ == "by")
                       for t in tok.subtree}
    subject_tokens -= {t.i for tok in sent if tok.dep_ == "nsubjpass" for t in tok.subtree}
    allies = ally_tokens(sent)
    rank = Ranker(trigger.root if trigger is not None else None, subject_tokens, event_type)
    found, allied = [], []
    for m in ctx.actors.mentions:
        if sent.start_char <= m.start < sent.end_char and kinds.get(m.actor_id) in PARTIES:
            tok = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok is not None and tok.root.i in speakers or not rank.may_take_part(m.actor_id, tok):
                continue
            if tok is not None and tok.root.i in allies:
                allied.append(m.actor_id)
                continue
            found.append((tok.root.i if tok is not None else None, m.start, m.actor_id))
    found = [f for f in found if not _LINKED.match(ctx.text, _mention_end(ctx, f[1]))]
    found += [(token_at(ctx.doc, start), start, actor) for start, actor in national_weapons(ctx, sent)]
    parties = list(dict.fromkeys(a for _, _, a in sorted((rank(i, found), start, a) for i, start, a in found)))
    return parties, [a for a in dict.fromkeys(allied) if a not in parties]


#: "al-Qaeda-linked JNIM", "Iran-backed Houthis": the named patron is not a party to the event
_LINKED = re.compile(r"-(?:linked|affiliated|allied|backed|aligned|inspired|supported)\b", re.I)


def _mention_end(ctx, start: int) -> int:
    return next((m.end for m in ctx.actors.mentions if m.start == start), start)


def _add_follow_up_actors(ctx, sents: list[Span], mentions: list[_Mention]) -> None:
    """A sentence right after a mention, in its paragraph and with no event of its own, often
    names the other side ("It said the devices belonged to the ELN"): its parties join."""
    with_mention = {m.sent.start for m in mentions}
    following = {a.start: b for a, b in zip(sents, sents[1:])}
    for mention in mentions:
        nxt = following.get(mention.sent.start)
        if nxt is None or nxt.start in with_mention or ctx.paragraph_of(nxt.start_char) != ctx.paragraph_of(mention.sent.start_char):
            continue
        parties, allies = _sentence_actors(ctx, nxt)
        mention.actors = list(dict.fromkeys(mention.actors + parties))
        mention.allies = list(dict.fromkeys(mention.allies + allies))


# -- 2. clusters ----------------------------------------------------------------------------
def _cluster(ctx, mentions: list[_Mention], places: dict) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    kinds = actor_kinds(ctx)
    for mention in mentions:
        target = next((c for c in reversed(clusters) if _compatible(c, mention, places, kinds)), None)
        if target is None:
            date, place = _inherit(ctx, mention, clusters)
            clusters.append(_Cluster([mention], date, place))
        else:
            target.mentions.append(mention)
            target.date = target.date or mention.date
            target.place = _more_specific(target.place, mention.place, places)
    return clusters


def _family(entry: TriggerEntry) -> str:
    return "Arrests" if entry.sub_event_type == "Arrests" else entry.event_type


def _family_ok(mention: _Mention, cluster: _Cluster, kinds: dict[str, str]) -> bool:
    a, b = _family(cluster.mentions[0].entry), _family(mention.entry)
    if a == b:
        if a == "Strategic developments":
            return cluster.mentions[0].entry.sub_event_type == mention.entry.sub_event_type
        return True
    if b == "Arrests" and a in _VIOLENT:
        return True  # "... killed a trader. Two suspects were arrested": arrests made over a violent event are part of it
    pair = next((p for p in _COMPATIBLE_FAMILIES if {a, b} <= p), None)
    if pair is None:
        return _crackdown(mention, cluster, kinds)
    if "Arrests" not in pair:
        return True
    # a crackdown or arrests join a protest, not the other way round
    protest = {"Protests", "Riots"}
    return bool({_family(m.entry) for m in cluster.mentions} & protest) or b in protest


def _crackdown(mention: _Mention, cluster: _Cluster, kinds: dict[str, str]) -> bool:
    """A bare killing or shooting told after a protest, by one armed side at most, is what happened at
    the protest ("students marched in Ambo; two of them died as the troops fired"): ACLED codes the
    deaths on the protest event (excessive force), not as a battle of their own."""
    if not mention.entry.generic or not any(m.entry.event_type in {"Protests", "Riots"} for m in cluster.mentions):
        return False
    deaths = any(c.label_ == "killed" and mention.sent.start <= c.start < mention.sent.end
                 for c in mention.sent.doc.spans.get(CUES, []))
    return deaths and len({a for a in mention.actors if kinds.get(a) in ARMED}) <= 1


def _compatible(cluster: _Cluster, mention: _Mention, places: dict, kinds: dict[str, str]) -> bool:
    if not _family_ok(mention, cluster, kinds):
        return False
    if mention.date is not None and cluster.date is not None and not _dates_overlap(cluster.date, mention.date):
        return False
    if mention.place is not None and cluster.place is not None:
        return _places_compatible(places[cluster.place], places[mention.place])
    return True


def _same_area(places: dict, a: Optional[str], b: Optional[str]) -> bool:
    if a is None or b is None or a not in places or b not in places:
        return a == b
    return _places_compatible(places[a], places[b])


def _dates_overlap(a, b) -> bool:
    return a.first <= b.last and b.first <= a.last


def _places_compatible(a, b) -> bool:
    if a.id == b.id:
        return True
    if a.country != b.country:
        return False
    coarse = {"country", "admin1"}
    if a.feature == "country" or b.feature == "country":
        return True
    if a.feature in coarse or b.feature in coarse:
        return bool(a.admin1) and a.admin1 == b.admin1
    return False


def _more_specific(current: Optional[str], new: Optional[str], places: dict) -> Optional[str]:
    if current is None:
        return new
    if new is None:
        return current
    return new if places[new].geo_precision < places[current].geo_precision else current


def _inherit(ctx, mention: _Mention, clusters: list[_Cluster]):
    """A new event's date and place: its own, else the paragraph's, else the lead event's."""
    date, place = mention.date, mention.place
    para_start = ctx.text.rfind("\n\n", 0, mention.sent.start_char) + 1
    if date is None:
        earlier = [d for d in ctx.dates if para_start <= d.start < mention.sent.start_char]
        date = earlier[-1] if earlier else (clusters[0].date if clusters else None)
    if place is None:
        earlier = [m for m in ctx.places.mentions if para_start <= m.start < mention.sent.start_char]
        place = earlier[-1].place_id if earlier else (clusters[0].place if clusters else _main_place(ctx))
    return date, place


def _main_place(ctx) -> Optional[str]:
    """The most mentioned, most specific place of the document: the fallback location."""
    if not ctx.places.places:
        return None
    best = max(ctx.places.places, key=lambda p: (len(p.mentions), -p.geo_precision))
    return best.id


# -- 3. claims → events ---------------------------------------------------------------------
#: "marched … over the death of a teenager": a death that set off a protest is not one of its casualties
#: ("… after a constable fatally shot a fruit seller": the killing is told inside the cause clause)
_CAUSE_OF_PROTEST = re.compile(r"\b(?:following|after|over|against|about|condemning|denouncing)\s+(?:(?:the\s+)?"
                               r"(?:\w+\s+)?(?:death|deaths|killing|killings|murder|murders|assassination)\s+of\b"
                               r"|[^.;,]{0,80}?\b(?:killed|murdered|shot dead)\b)", re.I)


def _link_claims(ctx, clusters: list[_Cluster], claims: list[Claim], places: dict) -> None:
    sentence_of: dict[int, list[_Cluster]] = {}
    for cluster in clusters:
        for m in cluster.mentions:
            sentence_of.setdefault(m.sent.start_char, []).append(cluster)
    for claim in claims:
        same = sentence_of.get(claim.start, [])
        if same and all(_family(c.mentions[0].entry) in {"Protests", "Riots"} for c in same) \
                and claim.kind == "killed" and _CAUSE_OF_PROTEST.search(claim.sentence):
            continue
        if killed_as_cause(claim):
            continue  # "to avenge a slain comrade": an earlier event's toll
        # a sentence split over several places: the claim goes to the event at its own place
        cluster = next((c for c in same if c.place == claim.place), same[0] if same else None)
        if cluster is None:
            cluster = _nearest_cluster(ctx, clusters, claim, places)
        if cluster is not None:
            cluster.claims.append(claim)


_LATE_REPORTS = {"killed", "injured", "missing", "displaced"}


def _claim_date_fits(claim: Claim, date) -> bool:
    """A figure dated within the event's dates; deaths and the missing may be reported up to a
    week after it ("one of the men died in hospital on Saturday")."""
    if date.first <= claim.date <= date.last:
        return True
    return claim.kind in _LATE_REPORTS and 0 < (claim.date - date.last).days <= 7


def _nearest_cluster(ctx, clusters: list[_Cluster], claim: Claim, places: dict) -> Optional[_Cluster]:
    """The event a figure without its own trigger belongs to: one whose date fits; if the figure
    names the place of one of them, that one; else the nearest event mentioned before it."""
    candidates = [c for c in clusters if claim.date is None or c.date is None or _claim_date_fits(claim, c.date)]
    if claim.place in places:
        here = [c for c in candidates if c.place in places and _places_compatible(places[c.place], places[claim.place])]
        candidates = here or candidates
    before = [c for c in candidates if c.mentions[0].sent.start_char <= claim.start]
    if before:
        return max(before, key=lambda c: max(m.sent.start_char for m in c.mentions if m.sent.start_char <= claim.start))
    return candidates[0] if candidates else None


# -- 4. the Event record --------------------------------------------------------------------
def _event(ctx, index: int, cluster: _Cluster, lexicon: TriggerLexicon, published) -> Event:
    event_type, sub_type = final_type(ctx, cluster, lexicon)
    event_type, sub_type = learned_type(ctx, cluster, event_type, sub_type)  # issue 4: see subtype.py
    actor1, actor2, associated = _event_actors(ctx, cluster, event_type)
    date, precision = _event_date(cluster, published)
    evidence = sorted({(m.sent.start_char, m.sent.end_char) for m in cluster.mentions}
                      | {(c.start, c.end) for c in cluster.claims})
    cameo, plover = codes_for(sub_type)
    return Event(
        id=f"e{index}",
        event_type=event_type,
        sub_event_type=sub_type,
        date=date,
        date_precision=precision,
        actor1=actor1,
        actor2=actor2,
        associated_actors=associated,
        place=cluster.place,
        # ACLED codes 0 when a report gives no casualty figure
        fatalities=fuse_fatalities(cluster.claims) or Fatalities(low=0, best=0, high=0),
        claims=[c.id for c in cluster.claims],
        evidence=[Mention(start=s, end=e) for s, e in evidence],
        confidence=_confidence(cluster, actor1, actor2),
        cameo=cameo,
        plover=plover,
    )


def _crowd_actors(ctx, seen: list[str], event_type: str) -> list[str]:
    """Protest and riot events always have their crowd: protesters who riot are Rioters (ACLED)."""
    kinds = actor_kinds(ctx)
    if event_type == "Riots":
        rioters = collective(ctx, "rioters")
        seen = [rioters if kinds.get(a) == "Protesters" else a for a in seen]
        return seen if rioters in seen or rioters is None else [rioters] + seen
    protesters = [a for a in seen if kinds.get(a) == "Protesters"]
    if not protesters:
        made = collective(ctx, "protesters")
        return [made] + seen if made else seen
    return seen


def _event_actors(ctx, cluster: _Cluster, event_type: str) -> tuple[Optional[str], Optional[str], list[str]]:
    seen = list(dict.fromkeys([a for m in cluster.mentions for a in m.actors]
                              + [c.victim for c in cluster.claims if c.victim and not c.denial]))
    if event_type in {"Protests", "Riots"}:
        seen = list(dict.fromkeys(_crowd_actors(ctx, seen, event_type)))
    elif event_type == "Violence against civilians" or main_sub_type(cluster) == "Looting/property destruction":
        # ACLED: the victims of attacks and looting are civilians unless the report says otherwise
        kinds = actor_kinds(ctx)
        if not any(kinds.get(a) == "Civilians" for a in seen):
            made = collective(ctx, "civilians")
            seen = seen + ([made] if made else [])
    kinds = actor_kinds(ctx)
    seen = [a for a in seen if kinds.get(a) in PARTIES]
    if event_type in {"Protests", "Riots"}:
        first = [a for a in seen if kinds[a] in {"Protesters", "Rioters"}]
        rest = [a for a in seen if a not in first and kinds[a] != "Civilians"]
    elif event_type == "Violence against civilians":
        armed = [a for a in seen if kinds[a] in ARMED]
        first = armed[:1] + [a for a in seen if kinds[a] == "Civilians"] + armed[1:]
        rest = []
    elif event_type == "Battles":
        # ACLED: civilians caught in a battle are not a party; their deaths add to the fatalities
        first = _losers_last(ctx, cluster, [a for a in seen if kinds[a] in ARMED])
        rest = []
    else:
        # remote violence, looting: actor2 is who was hit — the victims of the event's casualty
        # figures when it names them ("killing six civilians"), else the next armed side
        armed = [a for a in seen if kinds[a] in ARMED]
        hit = [c.victim for c in cluster.claims if c.victim in kinds and not c.denial and c.kind in {"killed", "injured"}]
        target = next((v for v in hit if v not in armed[:1]), None)
        first = armed[:1] + ([target] if target else []) + armed[1:]
        rest = [a for a in seen if kinds[a] == "Civilians"]
    allies = {a for m in cluster.mentions for a in m.allies}
    ordered = [a for a in first + rest if a not in allies]
    actor1 = ordered[0] if ordered else None
    actor2 = ordered[1] if len(ordered) > 1 else None
    associated = [a for a in dict.fromkeys(seen + sorted(allies)) if a not in (actor1, actor2)]
    return actor1, actor2, associated


def _losers_last(ctx, cluster: _Cluster, armed: list[str]) -> list[str]:
    """The two sides of a battle with the one whose losses the figures count second.

    ACLED's actor1 is the side that acts: "four police officers died as insurgents
    stormed their post" names the police first, but the insurgents are actor1 (and "nine insurgents
    lost their lives in a gunfight with army troops" puts the army first). When the casualty
    figures count the losses of only one of the two sides, that side is actor2, unless the text
    makes it the one that acts ("the rebels raided two outposts and lost six of their men").
    """
    hit = {c.victim for c in cluster.claims if c.victim and not c.denial and c.kind in {"killed", "injured"}}
    hit &= set(armed[:2])
    if len(hit) != 1 or armed[0] not in hit or any(_acts(ctx, m.sent, armed[0]) for m in cluster.mentions):
        return armed
    return armed[:2][::-1] + armed[2:]


def _acts(ctx, sent: Span, actor: str) -> bool:
    """``actor`` is named as the active subject of a verb or the agent of a passive in ``sent``."""
    for m in ctx.actors.mentions:
        if m.actor_id != actor or not sent.start_char <= m.start < sent.end_char:
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        tok = span.root if span is not None else None
        while tok is not None and tok.dep_ in {"compound", "amod", "conj", "appos"} and tok.head.i != tok.i:
            tok = tok.head
        if tok is not None and (tok.dep_ == "nsubj" or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")):
            return True
    return False


def _event_date(cluster: _Cluster, published: Optional[dt.date]) -> tuple[Optional[dt.date], int]:
    from .time import ACLED_PRECISION

    if cluster.date is not None:
        return cluster.date.date, ACLED_PRECISION[cluster.date.precision]
    # no date in the text: the report's own date, honest about being approximate (ACLED week precision)
    return published, 2


def _confidence(cluster: _Cluster, actor1, actor2) -> float:
    score = 0.4
    score += 0.15 if any(m.date is not None for m in cluster.mentions) else 0.0
    score += 0.15 if any(m.place is not None for m in cluster.mentions) else 0.0
    score += 0.1 if actor1 else 0.0
    score += 0.05 if actor2 else 0.0
    score += 0.1 if cluster.claims else 0.0
    score -= 0.1 if all(m.entry.generic for m in cluster.mentions) else 0.0
    return round(max(0.05, min(0.99, score)), 2)
