"""Who did what to whom: the dyad of each sentence's main predicate.

Most political sentences are no ACLED event ("Portugal will back Chile's bid", "the two
ministers met in Geneva") yet still name a source and a target, the way event coders
(CAMEO, PLOVER) read them. ``find_interactions`` reads the dependency parse the pipeline
already made, one sentence at a time:

1. the content predicate: the sentence root, or the clause a reporting verb reports
   ("X will do Y, officials said" -> "do"; "X said it would do Y" -> "do", with "it" read as X);
   "X said Y must do Z" is X's demand on Y;
2. sources: the predicate's subject and its conjuncts ("Chile and Peru agreed"), or the
   ``by``-agent of a passive;
3. targets: the first actor met in a breadth-first walk of the predicate's objects,
   datives and prepositional objects ("met X", "sent troops to X", "accused X of"), with its
   conjuncts; a passive's subject is its target;
4. an actor is a named country, capital, nationality, organisation or person (the NER labels
   GPE, NORP, ORG, PERSON, a country word of the lexicon, an untagged proper noun) or one of
   sitrep's actor mentions (a generic one, "the police", only as a source); its phrase is the
   noun phrase it heads or modifies ("Hungarian officials", "Lebanon's president Ana Diaz",
   "supporters of X");
5. a PLOVER type from a small verb lexicon, read along the predicate's ``xcomp`` chain
   ("agreed to send" -> AGREE).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from spacy.tokens import Doc, Span, Token

from ..records import Interaction, Party

__all__ = ["find_interactions", "country_words", "PLOVER_VERBS"]

_ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# Verbs whose clausal complement carries the event ("X said Y attacked Z").
_REPORTING = frozenset({"say", "tell", "report", "confirm", "state", "add", "announce", "declare", "quote",
                        "believe", "think", "claim", "indicate", "disclose", "reveal", "learn"})  # fmt: skip
# Dependents a target may sit under, in the order they are tried at one depth.
_TARGET_DEPS = ("dative", "dobj", "pobj", "attr", "oprd", "prep", "prt", "agent", "xcomp", "acomp", "advcl", "ccomp",
                "conj", "appos", "compound", "poss", "nmod", "amod", "npadvmod", "acl", "relcl")  # fmt: skip
# How many dependency steps below the predicate a target may sit: "launched an inquiry into crimes
# committed by X" puts X six steps down (calibrated on the PLOVER records with even ids: 5 -> 7 found 2 more).
_TARGET_DEPTH = 7
# Prepositions that attribute the report rather than name a party ("according to police").
_NOT_PARTIES = frozenset({"according", "despite", "since", "during", "after", "before", "until"})
# Prepositions of place: "violence in X killed ..." does not make X the actor.
_WHERE = frozenset({"near", "outside", "around", "at", "in", "inside", "into", "towards", "toward", "across"})
# Heads that name people or bodies acting for a state or group ("Iraqi officials", "U.S. negotiator",
# "supporters of X"): with a named modifier the whole phrase is the actor, not the name alone.
_ACTOR_NOUNS = frozenset({
    "official", "minister", "president", "leader", "government", "troops", "troop", "force", "army", "police",
    "negotiator", "mediator", "delegation", "envoy", "spokesman", "spokeswoman", "ambassador", "diplomat",
    "authority", "parliament", "court", "premier", "chancellor", "king", "prime", "secretary", "general",
    "rebel", "militant", "guerrilla", "guerilla", "soldier", "refugee", "opposition", "party", "coalition",
    "leadership", "administration", "regime", "cabinet", "junta", "commander", "chief", "member",
    "representative", "worker", "student", "protester", "demonstrator", "peacekeeper", "policeman", "legislator",
    "lawmaker", "senator", "wing", "faction", "group", "organization", "agency", "ministry", "office",
    "newspaper", "radio", "council", "committee", "union", "alliance", "movement", "front", "fighter", "militia",
    "fundamentalist", "insurgent", "people", "youth", "inhabitant", "resident", "supporter", "villager",
    "citizen", "activist", "crowd", "settler", "farmer", "navy", "warplane", "jet", "unit", "embassy", "officer",
    "adviser", "advisor", "civilian", "prisoner", "journalist", "national", "republic", "landowner", "bomber",
    "guard", "engineer", "doctor", "pilot", "sailor", "fisherman", "tourist", "hostage", "detainee", "mayor",
    "governor",
})  # fmt: skip
# Prepositions that tie a group noun to whom it belongs ("supporters of X", "students throughout X").
_OF = frozenset({"of", "in", "from", "throughout", "across"})
# Participles read as states of the subject, not passives: "X is opposed to Y".
_STATIVE = frozenset({"oppose", "commit", "prepare", "determine", "concern", "interest", "involve", "dedicate"})  # fmt: skip
_DASHES = frozenset({"\u2014", "\u2013", "--"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "NUM"})
_OBLIGATION = frozenset({"must", "should", "ought"})
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})

#: PLOVER type of a predicate lemma: the first lemma of the xcomp chain found here names it.
PLOVER_VERBS: dict[str, str] = {
    **dict.fromkeys(("agree", "pledge", "promise", "offer", "sign", "accept", "approve", "endorse"), "AGREE"),
    **dict.fromkeys(("meet", "visit", "telephone", "phone", "call", "host", "discuss", "negotiate", "talk",
                     "consult", "welcome", "receive", "arrive"), "CONSULT"),  # fmt: skip
    **dict.fromkeys(("praise", "support", "back", "defend", "commend", "recognize", "recognise", "thank"), "SUPPORT"),
    **dict.fromkeys(("cooperate", "extradite", "share", "collaborate"), "COOPERATE"),
    **dict.fromkeys(("aid", "give", "provide", "donate", "grant", "supply", "help"), "AID"),
    **dict.fromkeys(("release", "free", "ease", "lift", "allow", "pardon", "concede", "yield"), "CONCEDE"),
    **dict.fromkeys(("withdraw", "retreat", "pull", "evacuate", "leave"), "RETREAT"),
    **dict.fromkeys(("urge", "demand", "ask", "request", "appeal", "press", "insist"), "DEMAND"),
    **dict.fromkeys(("accuse", "criticize", "criticise", "condemn", "denounce", "blame", "charge", "deplore",
                     "protest"), "DISAPPROVE"),  # fmt: skip
    **dict.fromkeys(("reject", "refuse", "deny", "veto", "rebuff", "dismiss", "decline", "oppose"), "REJECT"),
    **dict.fromkeys(("threaten", "warn", "vow"), "THREATEN"),
    **dict.fromkeys(("demonstrate", "rally", "march", "strike", "riot", "picket"), "PROTEST"),
    **dict.fromkeys(("sanction", "expel", "suspend", "cut", "sever", "boycott", "embargo", "recall", "freeze"),
                    "SANCTION"),  # fmt: skip
    **dict.fromkeys(("investigate", "probe", "inquire", "examine"), "INVESTIGATE"),
    **dict.fromkeys(("deploy", "mobilize", "mobilise", "mass", "reinforce"), "MOBILIZE"),
    **dict.fromkeys(("arrest", "detain", "seize", "raid", "ban", "deport", "jail", "impose", "confiscate",
                     "abduct", "kidnap"), "COERCE"),  # fmt: skip
    **dict.fromkeys(("attack", "kill", "bomb", "shell", "shoot", "assassinate", "ambush", "massacre", "wound",
                     "assault", "invade"), "ASSAULT"),  # fmt: skip
    **dict.fromkeys(("fight", "clash", "battle", "engage"), "FIGHT"),
}  # fmt: skip

#: ``actor_at(start, end)`` of the actor stage: the actor id named at a character span, or None.
ActorAt = Callable[[int, int], Optional[str]]
#: Whether a word names a country or its people ("Chile", "Chilean"): the lexicon's country table.
CountryWord = Callable[[str], bool]


@dataclass(frozen=True)
class _Marks:
    """Token indices that name an actor: ``named`` (entities, named actors, country words) may stand
    anywhere; ``generic`` references ("the police", "troops") only as a subject."""

    named: frozenset[int]
    any: frozenset[int]


def find_interactions(doc: Doc, *, actor_at: ActorAt, mentions: Iterable[tuple[int, int, bool]] = (),
                      country_word: Optional[CountryWord] = None) -> list[Interaction]:  # fmt: skip
    """One :class:`Interaction` per sentence whose main predicate has a source or a target actor.

    Args:
        doc: the parsed article (without a dependency parse nothing is found).
        actor_at: the actor stage's lookup from a character span to an actor id, to link parties.
        mentions: sitrep's actor mentions as ``(start, end, generic)`` character spans; tokens inside
            them are actors too (a generic one, "the troops", is a target only when no named
            actor is: "gunmen killed seven villagers").
        country_word: whether a token names a country or its people, for what NER leaves untagged.
    """
    if not doc.has_annotation("DEP"):
        return []
    marks = _marks(doc, mentions, country_word)
    found = []
    for sent in doc.sents:
        reading = _read(sent, marks)
        if reading is None:
            continue
        predicate, sources, targets = reading
        found.append(Interaction(
            id=f"i{len(found) + 1}",
            predicate=predicate.lemma_.lower(),
            plover=_plover(predicate),
            sources=[_party(s, actor_at) for s in sources],
            targets=[_party(t, actor_at) for t in targets],
            start=sent.start_char,
            end=sent.end_char,
        ))  # fmt: skip
    return found


def country_words(lexicon) -> CountryWord:
    """The ``country_word`` test of a :class:`~._lexicon.Lexicon`: a demonym or a country's name."""
    return lambda word: bool(lexicon.country_of_demonym(word) or lexicon.country_of_name(word))


def _marks(doc: Doc, mentions: Iterable[tuple[int, int, bool]], country_word: Optional[CountryWord]) -> _Marks:
    named = {t.i for ent in doc.ents if ent.label_ in _ACTOR_LABELS for t in ent}
    # a proper noun the tagger left without a label still names someone ("the Azadliq coalition")
    named.update(t.i for t in doc if t.pos_ == "PROPN" and not t.ent_type_)
    if country_word is not None:
        named.update(t.i for t in doc if t.is_title and country_word(t.text))
    generic: set[int] = set()
    for start, end, is_generic in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            (generic if is_generic else named).update(t.i for t in span)
    parsed = doc.has_annotation("DEP") or doc.has_annotation("SENT_START")
    datelines = {i for sent in doc.sents for i in range(sent.start, _body_start(sent))} if parsed else set()
    return _Marks(frozenset(named - datelines), frozenset((named | generic) - datelines))


def _body_start(sent: Span) -> int:
    """Index of the first token after a dateline ("KANO, Nigeria — ..."); the sentence start if none."""
    for token in sent[:8]:
        if token.text in _DASHES and token.i > sent.start:
            return token.i + 1
        if not (token.pos_ == "PROPN" or token.is_punct):
            break
    return sent.start


def _read(sent: Span, marks: _Marks) -> Optional[tuple[Token, list[Span], list[Span]]]:
    root, body = sent.root, _body_start(sent)
    if root.i < body:  # the parser made the dateline the root: the clause after it is the sentence
        root = next((c for c in root.children if c.i >= body and c.pos_ in ("VERB", "AUX")), root)
    predicate, reporter = _content_predicate(root)
    if reporter is not None and _obliged(predicate):
        # "X said Y must withdraw": a demand of X on Y (PLOVER DEMAND), not an act of Y
        sources = _with_conjuncts(_subject_actor(reporter, marks.any), marks.any)
        targets = _with_conjuncts(_subject_actor(predicate, marks.named), marks.named)
        if sources or targets:
            return reporter, sources, targets
    sources, targets = _roles(predicate, reporter, marks)
    if not targets:
        targets = _direct_object(predicate, marks.any) or _targets(predicate, marks.named)
    taken = {(s.start, s.end) for s in sources}
    targets = [t for t in targets if (t.start, t.end) not in taken]
    if not sources and not targets:
        return None
    return predicate, sources, targets


def _content_predicate(root: Token) -> tuple[Token, Optional[Token]]:
    """The clause a chain of reporting verbs reports, and the last reporting verb (None if none)."""
    predicate, reporter = root, None
    for _ in range(3):
        if predicate.lemma_.lower() not in _REPORTING:
            break
        clause = next((c for c in predicate.children if c.dep_ == "ccomp"), None)
        if clause is None:
            break
        predicate, reporter = clause, predicate
    return predicate, reporter


def _obliged(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in verb.children)


def _subject_actor(verb: Token, marked: frozenset[int]) -> Optional[Span]:
    subject = _subject(verb) or _child(verb, "nsubjpass")
    return _actor_in(subject, marked) if subject is not None else None


def _child(token: Token, dep: str) -> Optional[Token]:
    return next((c for c in token.children if c.dep_ == dep), None)


def _subject(verb: Token) -> Optional[Token]:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    body = _body_start(verb.sent) if subjects else 0
    for subject in subjects:
        if subject.i >= body:
            return subject
    for subject in subjects:
        # a dateline parsed as the subject ("KANO, Nigeria — A bomber blew ..."): the apposition after it
        after = next((d for d in subject.rights if d.i >= body and d.dep_ == "appos"), None)
        if after is not None:
            return after
    return None


def _roles(predicate: Token, reporter: Optional[Token], marks: _Marks) -> tuple[list[Span], list[Span]]:
    """Sources from the subject (or a passive's agent); a passive's subject is its target."""
    agent, passive = _child(predicate, "agent"), _child(predicate, "nsubjpass")
    if passive is not None and agent is None and predicate.lemma_.lower() in _STATIVE:
        subject = passive  # "X is opposed to Y", "X is committed to": X acts
    elif agent is not None or passive is not None:
        sources = _with_conjuncts(_actor_in(agent, marks.any), marks.any) if agent is not None else []
        # a passive's subject is who it befell: "six soldiers were killed" names them, generic or not
        targets = _with_conjuncts(_actor_in(passive, marks.any), marks.any) if passive is not None else []
        return sources, targets
    else:
        subject = _subject(predicate)
    if subject is not None and subject.lower_ in _PRONOUNS and reporter is not None:
        subject = _subject(reporter) or subject  # "Syria said it would ...": "it" is Syria
    if subject is None:
        return [], []
    return _with_conjuncts(_actor_in(subject, marks.any), marks.any), []


def _with_conjuncts(span: Optional[Span], marked: frozenset[int]) -> list[Span]:
    if span is None:
        return []
    spans = [span]
    for conj in span.root.conjuncts:
        other = _actor_in(conj, marked)
        if other is not None and other.start >= span.end:
            spans.append(other)
    return spans


def _actor_in(head: Token, marked: frozenset[int], depth: int = 5) -> Optional[Span]:
    """The actor phrase a nominal heads or names within it ("leaders of the X coalition" -> X coalition)."""
    phrase = _phrase(head, marked)
    if phrase is not None or depth == 0:
        return phrase
    for child in head.children:
        if child.dep_ in ("prep", "pobj", "appos") and child.lower_ not in _NOT_PARTIES | _WHERE:
            inner = _actor_in(child, marked, depth - 1)
            if inner is not None:
                return inner
    return None


def _phrase(head: Token, marked: frozenset[int]) -> Optional[Span]:
    """The noun phrase ``head`` heads when it names an actor; a named modifier's own phrase otherwise."""
    if head.pos_ not in _NOMINAL:
        return None  # "for" inside "Volunteers for the Defence of X" names nobody by itself
    doc = head.doc
    start, end = _left_edge(head), _right_edge(head, marked)
    named = any(t.i in marked for t in doc[start:end])
    if head.i in marked or (named and head.lemma_.lower() in _ACTOR_NOUNS):
        return doc[start:end]
    for child in head.lefts:  # "Turkey's bid", "US drone strikes": the named modifier
        if child.dep_ in ("poss", "compound", "nmod", "amod") and any(t.i in marked for t in child.subtree):
            return doc[_left_edge(child) : child.i + 1]
    return None


def _left_edge(head: Token) -> int:
    # the left part of the phrase only: "the new president of X" stops at "president"; never a dateline
    start = head.i
    for child in head.lefts:
        if child.dep_ not in ("punct", "cc", "prep"):
            start = min(start, child.left_edge.i)
    dash = next((t.i for t in reversed(head.doc[start : head.i]) if t.text in _DASHES), None)
    return start if dash is None else dash + 1


def _right_edge(head: Token, marked: frozenset[int]) -> int:
    """End of the phrase: a named head takes its apposition ("Ana Diaz, the UN envoy"); a group noun
    the phrase that says whose it is ("supporters of X", "students throughout X")."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "punct":
            continue
        clause = any(t.pos_ in ("VERB", "AUX") for t in child.subtree)  # a misparsed "..., a group said"
        belongs = child.dep_ == "prep" and child.lower_ in _OF and head.pos_ != "PROPN"
        if not clause and (child.dep_ == "appos" or (belongs and any(t.i in marked for t in child.subtree))):
            end = child.right_edge.i + 1
        else:
            break
    doc = head.doc
    if end < len(doc) and doc[end].text == ")" and "(" in doc[head.i : end].text:
        end += 1  # "the Andean Labour Office (ALO)"
    return end


def _targets(predicate: Token, marked: frozenset[int]) -> list[Span]:
    """The first actor phrase, breadth first, among the predicate's non-subject dependents; the
    subject of a complement clause ("demanded that X withdraw") is one too."""
    rank = {dep: i for i, dep in enumerate(_TARGET_DEPS)}
    layer = [predicate]
    for _ in range(_TARGET_DEPTH):
        below = []
        for token in layer:
            clause = token is not predicate and token.dep_ == "ccomp"
            kids = [c for c in token.children if c.dep_ in rank or (clause and c.dep_ == "nsubj")]
            if _own(token):  # "sent its (Chilean) troops to X": only where they go may name the target
                kids = [c for c in kids if c.dep_ == "prep"]
            kids = [c for c in kids if _may_lead_to_target(c)]
            below.extend(sorted(kids, key=lambda c: (rank.get(c.dep_, 0), c.i)))
        for token in below:
            if token.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and not _own(token):
                phrase = _phrase(token, marked)
                if phrase is not None:
                    return _with_conjuncts(phrase, marked)
        layer = below
    return []


_VIOLENT = frozenset({"ASSAULT", "COERCE", "FIGHT"})


def _direct_object(predicate: Token, marked: frozenset[int]) -> list[Span]:
    """A violent predicate's own direct object when it is an actor, named or not ("killed seven
    villagers"); victims of violence are mostly unnamed, parties to talks mostly named."""
    obj = _child(predicate, "dobj")
    if _plover(predicate) not in _VIOLENT or obj is None or _own(obj) or obj.lower_ in _NOT_PARTIES:
        return []
    phrase = _phrase(obj, marked)
    return _with_conjuncts(phrase, marked) if phrase is not None else []


def _own(token: Token) -> bool:
    # "sent its troops to X": what the source gives or moves is not the target
    return any(c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in token.children)


def _may_lead_to_target(token: Token) -> bool:
    if token.lower_ in _NOT_PARTIES:
        return False
    if token.dep_ == "ccomp" and token.lemma_.lower() in _REPORTING:
        return False  # "..., diplomats quoted a statement as saying": who reports is no party
    if token.dep_ in ("advcl", "conj") and token.pos_ in ("VERB", "AUX"):
        # a clause with its own subject is another event ("..., but reports said ...")
        return _subject(token) is None
    return True


def _xcomp_chain(predicate: Token) -> list[Token]:
    chain = [predicate]
    while len(chain) < 4:
        nxt = next((c for c in chain[-1].children if c.dep_ in ("xcomp", "acomp")), None)
        if nxt is None:
            break
        chain.append(nxt)
    return chain


def _plover(predicate: Token) -> Optional[str]:
    for token in _xcomp_chain(predicate):
        kind = _sense(token, PLOVER_VERBS.get(token.lemma_.lower()))
        if kind is not None:
            return kind
    return None


def _sense(verb: Token, kind: Optional[str]) -> Optional[str]:
    """The PLOVER type of a verb with two senses, told apart by its dependents."""
    deps = {c.dep_ for c in verb.children}
    lemma = verb.lemma_.lower()
    if lemma == "strike" and "dobj" in deps:
        return "ASSAULT"  # "drones struck positions"; without an object, a labour strike
    if lemma == "call":
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
            return "DEMAND"  # "called for sanctions"
        return None if deps & {"oprd", "xcomp", "ccomp"} else kind  # "called the figure baseless"
    if kind == "AID" and not (deps & {"dative"} or any(c.dep_ == "prep" and c.lower_ in ("to", "for")
                                                          for c in verb.children)):  # fmt: skip
        return None  # "gave a different account": aid goes to someone
    return kind


def _party(span: Span, actor_at: ActorAt) -> Party:
    return Party(text=span.text, start=span.start_char, end=span.end_char,
                 actor=actor_at(span.start_char, span.end_char))  # fmt: skip
