"""Who a casualty cue counts when the parse or the wording hides the figure: headline-style counts
("12 killed", "3 shot dead"), one person named without a count ("killed the driver", "his colleague",
"Trader killed in an ambush", "a herder died"), whether such a person was already told of, an
article before a count ("a suspected six"), counts that other verbs govern ("freeing 40"), an
attacker killed by his own attack ("killing himself"), the verb a "to death" completes ("beaten to
death"), and the objects of a killing verb that are people whatever the noun ("killed two butchers").

Token-level tests on the spaCy parse, used by :mod:`sitrep.extract.claims`.
"""

from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Span, Token

from .numbers import Quantity, find_quantities

__all__ = ["cue_after", "anaphoric", "dies", "one_known", "article_of_number", "object_of_other", "killed_self", "self_count",
           "to_death_verb", "death_under", "killing_verbs", "killed_one", "counts_no_one", "others_named", "wounding",
           "attempted", "shared_participle", "charged_with"]


#: words a headline-style count may stand apart from its cue by: "3 shot dead", "2 reportedly killed"
_BEFORE_CUE = frozenset({"shot", "stabbed", "hacked", "beaten", "burnt", "burned", "gunned", "reportedly", "reported",
                         "confirmed", "feared", "were", "are", "was", "have", "has", "been", "later", "also", "more"})


def cue_after(span: Span, by_token: dict[int, Span]) -> Optional[Span]:
    """The killing or wounding cue right after a bare count ("12 killed", "3 shot dead", "7 more wounded"),
    a headline-style report whose count the small model's parse often hangs on another word."""
    doc = span.doc
    if not span.root.like_num:
        return None
    for tok in doc[span.end: min(span.end + 3, span.sent.end)]:
        cue = by_token.get(tok.i)
        if cue is not None:  # a verb or adjective: "three toll gates" counts no dead
            ok = cue.label_ in {"killed", "injured"} and cue.start == tok.i and tok.pos_ in {"VERB", "ADJ", "AUX"}
            return cue if ok else None
        if tok.lower_ not in _BEFORE_CUE:
            return None
    return None


def anaphoric(noun: Token) -> bool:
    """"the employee", "him": someone the report has already introduced."""
    return noun.tag_ == "PRP" or any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def dies(subject: Token, cue_verb: Optional[Token] = None) -> bool:
    """The subject is who died: of "died", or of a headline's killing verb with no object nor auxiliary
    ("Trader killed in an ambush", "Bus driver shot dead near the depot", which the small model parses
    as active); ``cue_verb`` is the verb of the killing cue, when the cue is not "kill" itself."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.pos_ != "VERB":
        return False
    killing = verb.lemma_.lower() == "kill" or (cue_verb is not None and verb.i == cue_verb.i)
    return verb.lemma_.lower() in {"die", "succumb"} or (verb.tag_ in {"VBD", "VBN"} and killing
                                            and not any(c.dep_ in {"dobj", "aux", "auxpass"} for c in verb.children))


#: verbs whose "to death" is a penalty, not a killing: "sentenced to death"
_PENALTY_VERBS = frozenset({"sentence", "condemn"})


def to_death_verb(cue: Span) -> Optional[Token]:
    """The verb a "to death" cue completes ("was beaten to death", "stoned to death a thief"): its
    subject or object is who died. None for other cues and for "sentenced to death"."""
    root = cue.root
    prep = root.head
    if cue.label_ != "killed" or root.lower_ != "death" or root.dep_ != "pobj" or prep.lower_ != "to":
        return None
    verb = prep.head
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() not in _PENALTY_VERBS else None


def death_under(verb: Token, by_token: dict[int, Span]) -> Optional[Span]:
    """The "to death" cue that completes ``verb``, or None."""
    for prep in verb.children:
        for pobj in prep.children if prep.dep_ == "prep" and prep.lower_ == "to" else ():
            cue = by_token.get(pobj.i)
            if cue is not None and getattr(to_death_verb(cue), "i", None) == verb.i:
                return cue
    return None


#: verbs that take captives: "abducted", "kidnapped", "seized"
_TAKING_VERBS = frozenset({"abduct", "kidnap", "capture", "seize", "detain", "arrest"})


def killing_verbs(cue: Span) -> list[Token]:
    """The verbs whose subject or object a killing cue counts: the cue's own ("killed"), the verb it is
    conjoined to or completes ("shot and killed", "shot him dead", "hacked to death")."""
    root = cue.root
    # not the taking of captives a killing with victims of its own follows: "kidnapped four nurses and shot
    # dead the ambulance driver" (the nurses are not the driver)
    own = root.dep_ == "conj" and any(c.dep_ == "dobj" for c in root.children) \
        and root.head.lemma_.lower() in _TAKING_VERBS
    verbs = [root] + ([root.head] if root.dep_ in {"conj", "oprd"} and not own else [])
    verb = to_death_verb(cue)
    return verbs + ([verb] if verb is not None else [])


def one_known(noun: Token) -> bool:
    """A singular noun that names one known person: by whose it is ("his mother", "their commander"), as
    one more ("another man"), as the one the report is about ("the teacher was killed", "killed the
    attacker"), or headline-style with no determiner ("Soldier killed in an ambush"); "a"/"one" are counts
    the figures above read."""
    determiners = [c.lower_ for c in noun.children if c.dep_ in {"det", "poss", "nummod", "predet"}]
    return all(d in {"his", "her", "their", "its", "another", "the"} for d in determiners)


def article_of_number(span: Span, quantities: list[Quantity]) -> bool:
    """An article before a qualified count ("a reported five", "a suspected six", "a further 3"; not an
    ordinal nor an age: "a fourth commander", "a 49 year old woman")."""
    doc = span.doc
    starts = {q.start for q in quantities}
    for tok in doc[span.end: min(span.end + 3, span.sent.end)]:
        if tok.like_num:
            return tok.idx in starts
        if tok.tag_ not in {"JJ", "VBN", "RB", "VBD"}:
            return False
    return False


def object_of_other(head: Token, by_token: dict[int, Span]) -> bool:
    """The count's noun is the object of a verb that is no casualty cue ("killing 6 and freeing 40 of
    their captives", "four women raped"): only the parse may tie it to a cue, not nearness."""
    verb = head.head
    if head.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i in by_token or head.i in by_token:
        return False
    # "shoot 2 farmers dead", "hack to death 7 members", "executed them": a cue completes the verb or its object
    near = [c for c in verb.children if c.i != head.i] + [g for c in verb.children for g in c.children]
    return not any(t.i in by_token for t in near + list(head.children))


def killed_self(cue: Span) -> Optional[Token]:
    """"killing himself and five worshippers", "killing only themselves": the attackers named as one of a
    killing's objects."""
    objects = [c for c in cue.root.children if c.dep_ == "dobj"]
    objects += [k for o in objects for k in o.conjuncts]
    return next((o for o in objects if o.lower_ in {"himself", "herself", "themselves"}), None)


def self_count(reflexive: Token) -> Optional[Quantity]:
    """How many attackers "himself"/"herself" (one) or "themselves" (the count of the subject of the
    clause: "Two bombers blew themselves up, killing only themselves") name; None when not told."""
    if reflexive.lower_ != "themselves":
        return Quantity(1, 1, False, reflexive.idx, reflexive.idx + len(reflexive), reflexive.text)
    verb = reflexive.head
    while verb.dep_ in {"advcl", "conj", "xcomp"} and verb.head.i != verb.i:
        verb = verb.head  # "…, killing themselves": the subject is the main verb's
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    count = subject if subject.like_num else next((c for c in subject.children if c.dep_ == "nummod"), None)
    found = find_quantities(count.text) if count is not None else []
    if not found or found[0].low is None or found[0].low != found[0].high:
        return None
    return Quantity(found[0].low, found[0].low, False, reflexive.idx, reflexive.idx + len(reflexive), reflexive.text)


#: objects of a killing verb that are no person: animals, and words that count ("killing a total of 6")
_NOT_ONE_PERSON = frozenset({"cow", "cattle", "goat", "sheep", "camel", "donkey", "horse", "dog", "animal", "elephant",
                             "lion", "rhino", "bull", "ox", "pig", "mule", "total", "number", "toll", "handful",
                             "dozen", "score", "group", "couple", "series", "host", "lot", "family", "cattle",
                             "goats", "livestock", "chicken", "poultry", "camels", "cows"})


#: verbs whose object a conjoined killing cue shares ("shot and killed three troops"; not "burning three
#: trucks and killing five people")
_WOUNDING_VERBS = frozenset({"shoot", "stab", "hack", "beat", "strangle", "behead", "execute", "slaughter", "gun"})


def killed_one(q: Quantity, noun: Token, by_token: dict[int, Span]) -> bool:
    """"killing a 47-year-old university administrator", "killed two butchers", "shot dead an officer and
    a broker": whom a killing verb's object counts are people, whatever the noun (occupations are too
    many to list), except animals and words that count."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    verb = first.head
    # "shot and killed four forces": the object hangs on the first verb, the cue is its conjunct
    cue = by_token.get(verb.i) or death_under(verb, by_token)  # "stoned to death a 30-year-old cobbler"
    if cue is None and verb.lemma_.lower() in _WOUNDING_VERBS:
        cue = next((by_token[c.i] for c in verb.conjuncts if c.i in by_token), None)
    # "killing 14 Idoma": a people's name counted as the object of a killing
    tags = {"NN", "NNS"} | ({"NNP", "NNPS"} if q.text.lower() not in {"a", "an", "one"} and q.low is not None else set())
    return (noun.tag_ in tags and first.dep_ in {"dobj", "nsubjpass"}
            and noun.lemma_.lower() not in _NOT_ONE_PERSON and first.lemma_.lower() not in _NOT_ONE_PERSON
            and cue is not None and cue.label_ == "killed" and first.head.pos_ == "VERB")


def counts_no_one(noun: Token) -> bool:
    """The noun names no person: an animal, or a word that counts ("the total", "a group")."""
    return noun.lemma_.lower() in _NOT_ONE_PERSON


def others_named(noun: Token, is_person: Callable[[Token], bool]) -> list[Token]:
    """The single people conjoined to ``noun`` that no count of their own names: "the police chief" of "the
    police chief and a driver", "teenage recruit" of "a commander and teenage recruit"."""
    def own_count(tok: Token) -> bool:
        return any(c.dep_ == "nummod" or c.like_num or (c.dep_ == "det" and c.lower_ in {"a", "an"})
                   for c in tok.children)
    # the small model often hangs both on the verb: "chief/nsubjpass and a driver/nsubjpass were killed"
    twins = [c for c in noun.head.children if c.i != noun.i and c.dep_ == noun.dep_ in {"nsubjpass", "dobj"}]
    return [c for c in list(noun.conjuncts) + twins if c.tag_ == "NN" and is_person(c) and not own_count(c)]


def wounding(verb: Token) -> bool:
    """A verb of shooting, stabbing, beating… that a killing cue may complete ("shot and killed")."""
    return verb.lemma_.lower() in _WOUNDING_VERBS


def attempted(verb: Token) -> bool:
    """A killing only tried ("attempted to lynch a thief", "tried to kill him") or nearly done ("nearly
    killed"): no death."""
    if any(c.dep_ == "advmod" and c.lower_ in {"nearly", "almost"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"attempt", "try"}


#: words that charge someone with a killing: "accused of murdering", "charged with shooting" (not an arrest:
#: "police held two brothers over a cobbler's killing" is how the killing itself is often reported)
_CHARGES = frozenset({"accuse", "charge", "convict", "suspect", "indict", "prosecute"})


def charged_with(verb: Token) -> bool:
    """A killing someone is accused, suspected or charged with ("a fisherman accused of murdering three
    nurses", "suspected of using charms to kill two boys"): an earlier deed, not a death of this event."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in {"pcomp", "xcomp", "advcl", "pobj"} or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.dep_ == "prep" and tok.lower_ in {"of", "with", "for", "over"} and tok.head.lemma_.lower() in _CHARGES:
            return True
    return False


def shared_participle(head: Token, by_token: dict[int, Span]) -> Optional[Span]:
    """The cue of a participle after the last of conjoined counts, which counts them all ("two soldiers and
    four rebels killed"); None when there is none."""
    shared = [by_token[c.i] for k in head.conjuncts if k.i > head.i for c in k.children
              if c.i in by_token and c.dep_ == "acl" and c.i > k.i]
    return shared[-1] if shared else None
