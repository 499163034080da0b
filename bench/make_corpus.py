"""Generate a synthetic conflict-news corpus with known event clusters, for the corpus benchmarks.

Every article is written here from templates: one incident ("truth event") is reported by
one to five outlets, each with its own wording, headline, dateline, claimants and figures
(an army gives one toll, the armed group another, a hospital a third), published on the
day or up to two days later, so fusion has something real to merge. Some incidents have a
sibling that must stay apart: the same two sides fighting in the same town a day or two
later (ACLED: one event per day per location), or on the same day in another town of the
same theatre. Some articles add a "Separately, …" paragraph about another incident, and
background paragraphs name other places and past fighting, as real reports do.

Output::

    OUT/articles/a00001.txt …   Title / Source / URL / Published header lines, then the text
    OUT/truth.json               the incidents, and which article reports which incident

The corpus depends only on ``--seed`` and ``--articles``. Towns, actors and coordinates are
real places and ACLED-style actor ids; outlets, people and events are invented.

Usage: ``python bench/make_corpus.py OUT [--articles 2000] [--seed 7]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

__all__ = ["Actor", "Theatre", "Incident", "THEATRES", "make_incidents", "write_article", "make_corpus"]

#: Incidents happen in this window: every actor below has one lexicon entry valid all through it.
START, END = dt.date(2024, 4, 1), dt.date(2024, 11, 30)


@dataclass(frozen=True)
class Actor:
    """An armed actor as news text names it: full name, short name, its members, its spokesperson."""

    id: str
    full: str
    short: str
    members: str
    spokes: str


@dataclass(frozen=True)
class Theatre:
    """A country's conflict: where (towns with coordinates), who (state side, armed groups), what."""

    country: str
    name: str
    adjective: str
    capital: str
    towns: tuple[tuple[str, float, float], ...]
    state: Actor
    groups: tuple[Actor, ...]
    kinds: tuple[str, ...]
    outlets: tuple[str, ...]
    weight: float = 1.0


def _a(id: str, full: str, short: str, members: str, spokes: str) -> Actor:
    return Actor(id, full, short, members, spokes)


_ALL_ARMED = ("clash", "clash", "shelling", "strike", "ied", "civilians", "abduction", "protest", "capture")

#: Towns are ones the packaged gazetteer resolves as cities of that country (checked by hand).
THEATRES: tuple[Theatre, ...] = (
    Theatre("AF", "Afghanistan", "Afghan", "Kabul",
            (("Shindand", 33.30, 62.15), ("Lashkar Gah", 31.59, 64.37), ("Jalalabad", 34.43, 70.45),
             ("Maimana", 35.92, 64.78), ("Taloqan", 36.74, 69.53), ("Pul-e Khumri", 35.94, 68.72)),
            _a("mil.af.2021", "Taliban security forces", "the Taliban", "Taliban fighters", "a Taliban spokesman"),
            (_a("nrf", "the National Resistance Front (NRF)", "the NRF", "NRF fighters", "an NRF spokesman"),
             _a("iskp", "the Islamic State group", "Islamic State", "Islamic State militants",
                "the group's Amaq news agency")),
            ("clash", "clash", "ied", "civilians", "protest"), ("Kabul Ledger", "Hindu Kush Herald")),
    Theatre("PK", "Pakistan", "Pakistani", "Islamabad",
            (("Quetta", 30.18, 67.00), ("Peshawar", 34.01, 71.58), ("Bannu", 32.99, 70.60),
             ("Dera Ismail Khan", 31.83, 70.90), ("Turbat", 26.00, 63.05), ("Mastung", 29.80, 66.85),
             ("Lakki Marwat", 32.61, 70.91), ("Kohat", 33.58, 71.45), ("Khuzdar", 27.81, 66.61)),
            _a("mil.pk.2024", "the Pakistan Army", "the army", "soldiers", "the army's media wing"),
            (_a("ttp", "the Tehreek-e-Taliban Pakistan (TTP)", "the TTP", "TTP militants", "a TTP spokesman"),
             _a("bla", "the Baloch Liberation Army (BLA)", "the BLA", "BLA fighters", "a BLA spokesman")),
            ("clash", "clash", "ied", "civilians", "abduction", "protest"), ("Indus Courier", "Frontier Post Online")),
    Theatre("SY", "Syria", "Syrian", "Damascus",
            (("Raqqa", 35.95, 39.01), ("Manbij", 36.53, 37.95), ("Jisr al-Shughour", 35.81, 36.32),
             ("Palmyra", 34.56, 38.28), ("Al-Bab", 36.37, 37.52), ("Mayadin", 35.02, 40.45),
             ("Saraqib", 35.86, 36.81)),
            _a("mil.sy.2000", "the Syrian Arab Army", "government forces", "Syrian soldiers",
               "the Syrian defence ministry"),
            (_a("hts", "Hayat Tahrir al-Sham (HTS)", "HTS", "HTS fighters", "an HTS military spokesman"),
             _a("sdf", "the Syrian Democratic Forces (SDF)", "the SDF", "SDF fighters", "an SDF spokesman"),
             _a("sna-sy", "the Turkish-backed Syrian National Army", "the SNA", "SNA fighters",
                "an SNA commander")),
            ("clash", "shelling", "strike", "strike", "ied", "civilians"), ("Levant Ledger", "Euphrates Post")),
    Theatre("IQ", "Iraq", "Iraqi", "Baghdad",
            (("Mosul", 36.34, 43.12), ("Tikrit", 34.62, 43.68), ("Baqubah", 33.75, 44.61),
             ("Samarra", 34.20, 43.89), ("Ramadi", 33.42, 43.31), ("Tuz Khurmatu", 34.89, 44.63),
             ("Khanaqin", 34.35, 45.39)),
            _a("mil.iq.2022", "the Iraqi Army", "Iraqi troops", "Iraqi soldiers", "the Security Media Cell"),
            (_a("is-iq", "the Islamic State group", "Islamic State", "Islamic State militants",
                "the group's Amaq news agency"),),
            ("clash", "ied", "civilians", "strike"), ("Tigris Wire",), 0.6),
    Theatre("YE", "Yemen", "Yemeni", "Aden",
            (("Taiz", 13.58, 44.02), ("Hodeidah", 14.80, 42.95), ("Dhale", 13.70, 44.73),
             ("Ataq", 14.54, 46.83), ("Zinjibar", 13.13, 45.38), ("Harib", 14.93, 45.50)),
            _a("mil.ye.2012", "Yemeni government forces", "government troops", "government soldiers",
               "a government military spokesman"),
            (_a("houthis", "the Houthis", "the Houthis", "Houthi fighters", "a Houthi military spokesman"),
             _a("aqap", "al-Qaeda in the Arabian Peninsula (AQAP)", "AQAP", "AQAP militants",
                "AQAP's media arm")),
            ("clash", "clash", "shelling", "strike", "ied"), ("Yemen Frontlines Digest", "Bab al-Mandab Times")),
    Theatre("SD", "Sudan", "Sudanese", "Port Sudan",
            (("El Fasher", 13.63, 25.35), ("Nyala", 12.05, 24.88), ("El Obeid", 13.18, 30.22),
             ("Kadugli", 11.01, 29.72), ("Wad Madani", 14.40, 33.52), ("Omdurman", 15.64, 32.48),
             ("El Geneina", 13.45, 22.45), ("Babanusa", 11.33, 27.80), ("Kosti", 13.16, 32.66)),
            _a("mil.sd.2019", "the Sudanese Armed Forces (SAF)", "the army", "soldiers", "an army spokesman"),
            (_a("rsf", "the paramilitary Rapid Support Forces (RSF)", "the RSF", "RSF fighters",
                "the RSF's media office"),),
            ("clash", "clash", "shelling", "shelling", "strike", "civilians", "capture"),
            ("Nile Dispatch", "Darfur Monitor"), 1.6),
    Theatre("SO", "Somalia", "Somali", "Mogadishu",
            (("Mogadishu", 2.04, 45.34), ("Baidoa", 3.11, 43.65), ("Beledweyne", 4.74, 45.20),
             ("Kismayo", -0.36, 42.55), ("Afgoye", 2.14, 45.12), ("Jowhar", 2.78, 45.50),
             ("Galkayo", 6.77, 47.43), ("Dhusamareb", 5.54, 46.39), ("Marka", 1.72, 44.77)),
            _a("mil.so.2022", "the Somali National Army", "Somali troops", "Somali soldiers",
               "a Somali military commander"),
            (_a("al-shabaab", "al-Shabaab", "al-Shabaab", "al-Shabaab fighters", "al-Shabaab's Radio Andalus"),),
            ("clash", "clash", "ied", "civilians", "capture"), ("Horn Dispatch", "Banadir Daily")),
    Theatre("BF", "Burkina Faso", "Burkinabe", "Ouagadougou",
            (("Djibo", 14.10, -1.63), ("Dori", 14.03, -0.03), ("Ouahigouya", 13.58, -2.42), ("Kaya", 13.09, -1.08),
             ("Arbinda", 14.23, -0.87), ("Gorom-Gorom", 14.44, -0.23), ("Kongoussi", 13.33, -1.53),
             ("Diapaga", 12.07, 1.79), ("Tougan", 13.07, -3.07)),
            _a("mil.bf.2022", "the Burkina Faso Armed Forces", "the army", "soldiers", "the army"),
            (_a("jnim", "the al-Qaeda-linked JNIM", "JNIM", "JNIM fighters", "JNIM's az-Zallaqa media arm"),),
            ("clash", "clash", "civilians", "civilians", "abduction"), ("Sahel Monitor",)),
    Theatre("ML", "Mali", "Malian", "Bamako",
            (("Timbuktu", 16.77, -3.01), ("Niono", 14.25, -5.99), ("Bandiagara", 14.35, -3.61),
             ("Djenne", 13.91, -4.55), ("Tessalit", 20.20, 1.01)),
            _a("mil.ml.2021", "the Malian Armed Forces (FAMa)", "the FAMa", "Malian soldiers", "the army"),
            (_a("jnim", "the al-Qaeda-linked JNIM", "JNIM", "JNIM fighters", "JNIM's az-Zallaqa media arm"),),
            ("clash", "strike", "civilians", "ied"), ("Sahel Monitor", "Niger River Journal"), 0.7),
    Theatre("NG", "Nigeria", "Nigerian", "Abuja",
            (("Maiduguri", 11.85, 13.16), ("Konduga", 11.65, 13.42), ("Bama", 11.52, 13.69),
             ("Gwoza", 11.08, 13.70), ("Damboa", 11.16, 12.76), ("Monguno", 12.67, 13.61),
             ("Dikwa", 12.04, 13.92), ("Biu", 10.61, 12.19), ("Damaturu", 11.75, 11.96)),
            _a("mil.ng.2023", "the Nigerian Army", "the army", "soldiers", "an army spokesman"),
            (_a("iswap", "Islamic State West Africa Province (ISWAP)", "ISWAP", "ISWAP fighters",
                "the group's Amaq news agency"),
             _a("jas", "Boko Haram", "Boko Haram", "Boko Haram fighters", "a Boko Haram commander")),
            ("clash", "ied", "civilians", "civilians", "abduction", "protest"), ("Lake Chad Courier", "Sahel Monitor")),
    Theatre("CD", "DR Congo", "Congolese", "Kinshasa",
            (("Goma", -1.67, 29.23), ("Butembo", 0.14, 29.29), ("Bunia", 1.56, 30.25), ("Rutshuru", -1.19, 29.45),
             ("Lubero", -0.16, 29.24), ("Oicha", 0.70, 29.52), ("Sake", -1.57, 29.04), ("Djugu", 1.92, 30.50),
             ("Uvira", -3.40, 29.14)),
            _a("mil.cd.2019", "the Congolese army (FARDC)", "the FARDC", "Congolese soldiers", "an army spokesman"),
            (_a("m23", "the M23 rebels", "the M23", "M23 fighters", "an M23 spokesman"),
             _a("adf", "the Allied Democratic Forces (ADF)", "the ADF", "ADF fighters", "an ADF-linked channel"),
             _a("codeco", "the CODECO militia", "CODECO", "CODECO militiamen", "a CODECO leader")),
            ("clash", "clash", "shelling", "civilians", "civilians", "abduction", "capture", "protest"),
            ("Great Lakes Wire", "Kivu Morning"), 1.4),
    Theatre("UA", "Ukraine", "Ukrainian", "Kyiv",
            (("Kramatorsk", 48.73, 37.57), ("Chasiv Yar", 48.59, 37.83), ("Toretsk", 48.39, 37.85),
             ("Kupiansk", 49.71, 37.62), ("Nikopol", 47.57, 34.39), ("Pokrovsk", 48.28, 37.18)),
            _a("mil.ua.2019", "the Armed Forces of Ukraine", "Ukrainian forces", "Ukrainian soldiers",
               "Ukraine's General Staff"),
            (_a("mil.ru.2000", "the Russian Armed Forces", "Russian forces", "Russian troops",
                "the Russian Defence Ministry"),),
            ("clash", "shelling", "shelling", "strike", "strike"), ("Dnipro Daily", "Eastern Front Report"), 1.8),
    Theatre("MM", "Myanmar", "Myanmar", "Naypyitaw",
            (("Lashio", 22.94, 97.75), ("Myitkyina", 25.38, 97.40), ("Bhamo", 24.25, 97.23), ("Sittwe", 20.15, 92.90),
             ("Loikaw", 19.68, 97.21), ("Hpakant", 25.61, 96.31), ("Kyaukme", 22.54, 97.03), ("Monywa", 22.11, 95.14)),
            _a("mil.mm.2021", "the Myanmar Armed Forces", "the junta", "junta troops", "the junta's information team"),
            (_a("kia", "the Kachin Independence Army (KIA)", "the KIA", "KIA fighters", "a KIA spokesman"),
             _a("aa-mm", "the Arakan Army", "the Arakan Army", "Arakan Army fighters", "an Arakan Army spokesman"),
             _a("tnla", "the Ta'ang National Liberation Army (TNLA)", "the TNLA", "TNLA fighters",
                "a TNLA spokeswoman")),
            ("clash", "clash", "strike", "strike", "shelling", "capture"), ("Irrawaddy Wire", "Shan Herald Online")),
    Theatre("CO", "Colombia", "Colombian", "Bogota",
            (("Tibu", 8.64, -72.74), ("Cucuta", 7.91, -72.50), ("Tame", 6.46, -71.74), ("Jamundi", 3.26, -76.53),
             ("Argelia", 2.26, -77.25), ("El Tarra", 8.58, -73.10), ("Saravena", 6.96, -71.88),
             ("Tumaco", 1.79, -78.79)),
            _a("mil.co.2022", "the Colombian Army", "the army", "soldiers", "the army"),
            (_a("eln", "the National Liberation Army (ELN)", "the ELN", "ELN guerrillas", "an ELN commander"),
             _a("emc", "the Estado Mayor Central (EMC)", "the EMC", "EMC fighters", "an EMC commander")),
            ("clash", "clash", "ied", "civilians", "abduction", "protest"), ("Andes Conflict Monitor",), 0.7),
    Theatre("ET", "Ethiopia", "Ethiopian", "Addis Ababa",
            (("Bahir Dar", 11.59, 37.39), ("Gondar", 12.60, 37.47), ("Debre Markos", 10.35, 37.73),
             ("Lalibela", 12.03, 39.05), ("Debre Birhan", 9.68, 39.53), ("Woldia", 11.83, 39.59)),
            _a("mil.et.2018", "the Ethiopian National Defense Force (ENDF)", "federal troops", "federal soldiers",
               "a regional official"),
            (_a("fano", "the Fano militia", "Fano", "Fano militiamen", "a Fano commander"),),
            ("clash", "clash", "strike", "civilians"), ("Highland Times",), 0.8),
    Theatre("CM", "Cameroon", "Cameroonian", "Yaounde",
            (("Bamenda", 5.96, 10.15), ("Buea", 4.15, 9.24), ("Kumba", 4.64, 9.45), ("Ndop", 5.99, 10.44),
             ("Mamfe", 5.75, 9.31), ("Kumbo", 6.20, 10.67), ("Wum", 6.38, 10.07)),
            _a("mil.cm.1982", "the Rapid Intervention Battalion (BIR)", "the army", "soldiers",
               "a military spokesman"),
            (_a("ambazonia", "Ambazonian separatists", "the separatists", "Amba fighters", "a separatist commander"),),
            ("clash", "ied", "civilians", "abduction"), ("Anglophone Observer",), 0.6),
)

#: Outlets covering every theatre, with the local ones above.
WIRES = ("World Conflict Wire", "Global Desk News", "The Frontline Review", "Daily Security Brief",
         "Crisis Bulletin", "International Reporter")

#: kind → (ACLED event_type, sub_event_type); "capture" means the group took the town.
KINDS: dict[str, tuple[str, str]] = {
    "clash": ("Battles", "Armed clash"),
    "capture": ("Battles", "Non-state actor overtakes territory"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "strike": ("Explosions/Remote violence", "Air/drone strike"),
    "ied": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "civilians": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "protest": ("Protests", "Peaceful protest"),
}


@dataclass
class Incident:
    """One truth event: what happened, where, when, between whom; ``killed`` is the true toll."""

    id: str
    kind: str
    theatre: Theatre
    town: tuple[str, float, float]
    date: dt.date
    state: Actor
    group: Actor
    killed: int
    wounded: int
    reports: int
    abducted: int = 0
    sibling_of: Optional[str] = None
    articles: list[str] = field(default_factory=list)


# -- incidents ---------------------------------------------------------------------------------
def _reports(rng: random.Random) -> int:
    # most incidents reach one or two outlets; big ones are covered by many (as in wire data)
    return rng.choices((1, 2, 3, 4, 5), weights=(30, 28, 22, 12, 8))[0]


def _toll(kind: str, rng: random.Random) -> tuple[int, int]:
    if kind == "protest":
        return 0, 0
    if kind == "abduction":
        return 0, rng.randint(0, 3)
    killed = max(1, int(rng.lognormvariate(1.6, 0.8)))
    return killed, rng.randint(0, killed * 2)


def _new_incident(number: int, theatre: Theatre, rng: random.Random, **fixed) -> Incident:
    kind = fixed.pop("kind", None) or rng.choice(theatre.kinds)
    killed, wounded = _toll(kind, rng)
    values = dict(
        kind=kind, theatre=theatre, town=rng.choice(theatre.towns),
        date=START + dt.timedelta(days=rng.randrange((END - START).days + 1)),
        state=theatre.state, group=rng.choice(theatre.groups), killed=killed, wounded=wounded,
        reports=_reports(rng), abducted=rng.randint(4, 40) if kind == "abduction" else 0,
    )  # fmt: skip
    values.update(fixed)
    return Incident(id=f"T{number:05d}", **values)


def _sibling(number: int, base: Incident, rng: random.Random) -> Incident:
    """A different incident a careless fusion would merge with ``base``."""
    theatre = base.theatre
    if rng.random() < 0.5 or len(theatre.towns) < 2:
        # the fighting goes on in the same town a day or two later: a new event each day (ACLED)
        date = min(END, base.date + dt.timedelta(days=rng.choice((1, 2))))
        return _new_incident(number, theatre, rng, kind=base.kind, town=base.town, date=date,
                             group=base.group, sibling_of=base.id)  # fmt: skip
    # the same day, the same two sides, another town of the theatre
    town = rng.choice([t for t in theatre.towns if t != base.town])
    return _new_incident(number, theatre, rng, kind=base.kind, town=town, date=base.date, group=base.group,
                         sibling_of=base.id)  # fmt: skip


def make_incidents(articles: int, rng: random.Random) -> list[Incident]:
    """Incidents whose reports add up to exactly ``articles``; about a quarter come with a sibling."""
    weights = [t.weight for t in THEATRES]
    incidents: list[Incident] = []
    total = number = 0
    while total < articles:
        theatre = rng.choices(THEATRES, weights=weights)[0]
        number += 1
        batch = [_new_incident(number, theatre, rng)]
        if batch[0].kind != "protest" and rng.random() < 0.25:
            number += 1
            batch.append(_sibling(number, batch[0], rng))
        for item in batch:
            item.reports = min(item.reports, articles - total)
            if item.reports:
                incidents.append(item)
                total += item.reports
    return incidents


# -- templates ---------------------------------------------------------------------------------
# Slots: S/s/Sm state side (full, short, members), G/g/Gm the armed group, P/p/Pm whoever fired
# (shelling, strikes), town, when, n (the outlet's toll), w (wounded), a (abducted), src (who the
# outlet cites). A sentence may start with a slot: _sentences() capitalises sentence starts.
_LEADS: dict[str, tuple[str, ...]] = {
    "clash": (
        "{Gm} attacked an army post near {town} {when}, setting off a gunfight in which {n} people were killed, {src} said.",
        "{S} and {G} fought for several hours on the outskirts of {town} {when}, leaving {n} people dead, according to {src}.",
        "At least {n} people were killed {when} when {Gm} clashed with {Sm} near {town}, {src} said.",
        "Fighting between {s} and {g} in {town} {when} killed {n} people and wounded {w}, {src} said.",
    ),
    "capture": (
        "{Gm} seized control of {town} {when} after a day of fighting with {Sm} in which {n} people were killed, {src} said.",
        "{G} said it had captured {town} {when}, after clashes with {s} that killed at least {n} people, according to {src}.",
    ),
    "shelling": (
        "Shelling by {P} killed {n} civilians and wounded {w} in {town} {when}, {src} said.",
        "{n} civilians were killed {when} when artillery shells fired by {p} hit a market in {town}, {src} said.",
        "{P} fired rockets and mortar rounds into residential areas of {town} {when}, killing {n} people, according to {src}.",
    ),
    "strike": (
        "A drone strike by {P} hit a crowded market in {town} {when}, killing {n} people and wounding {w}, {src} said.",
        "Warplanes of {P} bombed {town} {when}, killing {n} civilians, {src} said.",
        "{n} people were killed {when} in an air strike on a school in {town} that {src} blamed on {p}.",
    ),
    "ied": (
        "A roadside bomb struck a military vehicle near {town} {when}, killing {n} {Sm}, {src} said.",
        "{n} {Sm} were killed {when} when an improvised explosive device hit their convoy outside {town}, {src} said.",
    ),
    "civilians": (
        "{Gm} killed {n} villagers in an attack on a village outside {town} {when}, {src} said.",
        "Gunmen from {G} stormed a market in {town} {when} and shot dead {n} civilians, according to {src}.",
        "{n} civilians were killed {when} when {Gm} opened fire on a bus near {town}, {src} said.",
    ),
    "abduction": (
        "{Gm} abducted {a} passengers from buses on the road near {town} {when}, {src} said.",
        "Gunmen from {G} kidnapped {a} villagers from their homes in {town} {when}, according to {src}.",
    ),
    "protest": (
        "Hundreds of people marched peacefully through {town} {when} to demand {demand}, {src} said.",
        "Several hundred residents of {town} held a peaceful sit-in outside the governor's office {when} "
        "to protest against {grievance}, {src} said.",
    ),
}

_TITLES: dict[str, tuple[str, ...]] = {
    "clash": ("{n} killed in clashes near {town}", "{g} and {s} clash near {town}; {n} dead",
              "Fighting near {town} leaves {n} dead, officials say"),
    "capture": ("{g} seizes {town} after heavy fighting", "{town} falls to {g}, residents say"),
    "shelling": ("Shelling kills {n} civilians in {town}", "{n} dead as shells hit {town} market"),
    "strike": ("Air strike on {town} kills {n}", "Drone strike kills {n} in {town}, officials say"),
    "ied": ("Roadside bomb kills {n} soldiers near {town}", "{n} troops killed in blast outside {town}"),
    "civilians": ("Gunmen kill {n} civilians near {town}", "Attack on {town} village leaves {n} dead"),
    "abduction": ("Gunmen abduct {a} people near {town}", "{a} abducted near {town}, residents say"),
    "protest": ("Hundreds protest in {town} over {grievance}", "{town} residents rally against {grievance}"),
}

#: What each side, the hospital or the UN says, by kind. {k} is a local count, {ds}/{dg} deaths
#: on the state's / the group's side as the state tells them, {ds_hi} as the group tells them.
_CLAIMS: dict[str, tuple[str, ...]] = {
    "clash": (
        "{S_spokes} said {ds} {Sm} were killed and {w} wounded, and that {dg} {Gm} died in the fighting.",
        "In a statement, {S_spokes} said its forces had repelled the attack and killed {dg} {Gm}. "
        "It put its own losses at {ds} dead.",
        "{G_spokes} said its fighters had killed {ds_hi} {Sm} and seized weapons and vehicles.",
        "A doctor at the main hospital in {town} said {k} bodies had been brought in, along with {w} wounded.",
    ),
    "capture": (
        "{S_spokes} denied that the town had fallen and said {Sm} had withdrawn to regroup.",
        "{G_spokes} said its fighters had killed {ds_hi} {Sm} and taken control of the army base.",
        "A doctor at the main hospital in {town} said {k} bodies had been brought in, along with {w} wounded.",
    ),
    "shelling": (
        "The local health office said {k} people were killed, among them {kids} children.",
        "{P_spokes} said its forces had targeted military positions and denied hitting civilians.",
        "The United Nations humanitarian office said it was alarmed by the attack and put the death toll at {k}.",
    ),
    "strike": (
        "A doctor at the main hospital in {town} said {k} bodies had been brought in, along with {w} wounded.",
        "{P_spokes} said the strike had hit a weapons depot and that no civilians were harmed.",
        "The United Nations humanitarian office said it was alarmed by the attack and put the death toll at {k}.",
    ),
    "ied": (
        "{S_spokes} said {ds} {Sm} were killed and {w} were wounded in the blast.",
        "{G_spokes} claimed responsibility for the bombing and said {ds_hi} {Sm} were killed.",
    ),
    "civilians": (
        "A community leader in {town} said {k} people had been buried and several others were missing.",
        "{S_spokes} blamed {g} for the killings and said troops had been sent to the area.",
        "Human rights groups put the death toll at {k} and called for an independent investigation.",
    ),
    "abduction": (
        "Relatives said the kidnappers had demanded a ransom for the {a} captives.",
        "{S_spokes} said security forces were searching for the abducted people.",
    ),
    "protest": (
        "The protest ended peacefully in the afternoon, organisers said.",
        "Police watched the march but did not intervene, witnesses said.",
        "Organisers said they would hold another protest next week if their demands were not met.",
    ),
}

_SOURCES = ("a local official", "a police official", "local officials", "residents", "a security source",
            "medical sources", "the district governor", "a hospital official", "a local elder", "witnesses")
_WITNESS = (
    "We heard gunfire from before dawn until the afternoon. Nobody could leave their homes.",
    "The explosions shook the whole neighbourhood. Children were screaming and people ran in every direction.",
    "They came on motorbikes and started shooting at everyone they saw.",
    "We buried our neighbours this morning. There is no one left to protect us.",
    "The market was full when it happened. There was smoke and dust everywhere.",
    "Many families have packed what they could carry and left for {other}.",
    "The road to {other} is closed and we are running out of food and medicine.",
    "We are tired of this war. We only want to live in peace.",
)
_PROTESTERS = (
    "We have had no electricity for three weeks and nobody in the government listens to us.",
    "Our children cannot go to school because the roads are not safe.",
    "Bread costs twice what it did in the spring. How are we supposed to live?",
)
_SAID = (
    "\"{q}\" said a resident of {town} who asked not to be named.",
    "\"{q}\" a shopkeeper in {town} said by telephone.",
    "\"{q}\" said a teacher who fled {town} with her family.",
)
_BACKGROUND = (
    "{town} lies about {km} kilometres from {other}, on a road that {g} has repeatedly tried to cut.",
    "{G} has stepped up its attacks in the region in recent months, and {adj} authorities have sent "
    "reinforcements to the area.",
    "Casualty figures could not be independently verified. Access to the area is restricted and phone "
    "networks are often down.",
    "Thousands of families have fled {town} and the surrounding villages over the past year, according "
    "to the United Nations refugee agency.",
    "Aid agencies say more than half of the people in the area need humanitarian assistance, and that "
    "convoys to {other} have been blocked for weeks.",
    "The {adj} government has promised to restore security in the region, but residents say the army "
    "rarely leaves its bases after dark.",
    "{G} grew into a major force in the area after 2019, and it collects taxes from traders on several "
    "roads around {other}.",
)
#: Past fighting named in background: not a new event (the extractor should leave it out).
_PAST = "In {past_month}, {Gm} killed {pn} people in an attack near {other}, one of the deadliest incidents there this year."
_GRIEVANCES = ("power cuts", "rising bread prices", "the arrest of a local journalist", "fuel shortages",
               "unpaid teachers' salaries")
_DEMANDS = ("the release of detained relatives", "better security on the main road", "the return of electricity",
            "lower fuel prices")
_FOOTERS = ("Follow {outlet} on X and Telegram for live updates.", "Sign up for the {outlet} daily briefing.",
            "Reporting by {outlet} correspondents; editing by the {outlet} desk.")
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_SENTENCE_START = re.compile(r"(^|[.!?]\"? +|\n)([a-z])")
_SLUG = re.compile(r"[^a-z0-9]+")
