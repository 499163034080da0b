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
import math
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

__all__ = [
    "Actor", "Theatre", "Incident", "Report", "THEATRES", "KINDS", "new_incident", "outlet_count", "make_incidents",
    "plan_reports", "truth_actors", "write_article", "make_corpus",
]

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


# -- incidents ---------------------------------------------------------------------------------
def outlet_count(rng: random.Random) -> int:
    # most incidents reach one or two outlets; big ones are covered by many (as in wire data)
    return rng.choices((1, 2, 3, 4, 5), weights=(30, 28, 22, 12, 8))[0]


def _toll(kind: str, rng: random.Random) -> tuple[int, int]:
    if kind == "protest":
        return 0, 0
    if kind == "abduction":
        return 0, rng.randint(0, 3)
    killed = max(2, int(rng.lognormvariate(1.6, 0.8)))
    return killed, rng.randint(0, killed * 2)


def new_incident(number: int, theatre: Theatre, rng: random.Random, **fixed) -> Incident:
    """A random incident of ``theatre`` (``fixed`` sets fields, e.g. ``date=``), numbered ``T<number>``."""
    kind = fixed.pop("kind", None) or rng.choice(theatre.kinds)
    killed, wounded = _toll(kind, rng)
    values = dict(
        kind=kind, theatre=theatre, town=rng.choice(theatre.towns),
        date=START + dt.timedelta(days=rng.randrange((END - START).days + 1)),
        state=theatre.state, group=rng.choice(theatre.groups), killed=killed, wounded=wounded,
        reports=outlet_count(rng), abducted=rng.randint(4, 40) if kind == "abduction" else 0,
    )  # fmt: skip
    values.update(fixed)
    return Incident(id=f"T{number:05d}", **values)


def _sibling(number: int, base: Incident, rng: random.Random) -> Incident:
    """A different incident a careless fusion would merge with ``base``."""
    theatre = base.theatre
    if rng.random() < 0.5 or len(theatre.towns) < 2:
        # the fighting goes on in the same town a day or two later: a new event each day (ACLED)
        date = min(END, base.date + dt.timedelta(days=rng.choice((1, 2))))
        return new_incident(number, theatre, rng, kind=base.kind, town=base.town, date=date,
                            group=base.group, sibling_of=base.id)  # fmt: skip
    # the same day, the same two sides, another town of the theatre
    town = rng.choice([t for t in theatre.towns if t != base.town])
    return new_incident(number, theatre, rng, kind=base.kind, town=town, date=base.date, group=base.group,
                        sibling_of=base.id)  # fmt: skip


def make_incidents(articles: int, rng: random.Random) -> list[Incident]:
    """Incidents whose reports add up to exactly ``articles``; about a quarter come with a sibling."""
    weights = [t.weight for t in THEATRES]
    incidents: list[Incident] = []
    total = number = 0
    while total < articles:
        theatre = rng.choices(THEATRES, weights=weights)[0]
        number += 1
        batch = [new_incident(number, theatre, rng)]
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
        "{Gm} attacked an army post near {town} {when}, setting off a gunfight in which {n} people were killed, "
        "{src} said.",
        "{S} and {G} fought for several hours on the outskirts of {town} {when}, leaving {n} people dead, "
        "according to {src}.",
        "At least {n} people were killed {when} when {Gm} clashed with {Sm} near {town}, {src} said.",
        "Fighting between {s} and {g} in {town} {when} killed {n} people and wounded {w}, {src} said.",
    ),
    "capture": (
        "{Gm} seized control of {town} {when} after a day of fighting with {Sm} in which {n} people were killed, "
        "{src} said.",
        "{G} said it had captured {town} {when}, after clashes with {s} that killed at least {n} people, "
        "according to {src}.",
    ),
    "shelling": (
        "Shelling by {P} killed {n} civilians and wounded {w} in {town} {when}, {src} said.",
        "{N} civilians were killed {when} when artillery shells fired by {p} hit a market in {town}, {src} said.",
        "{P} fired rockets and mortar rounds into residential areas of {town} {when}, killing {n} people, "
        "according to {src}.",
    ),
    "strike": (
        "A drone strike by {P} hit a crowded market in {town} {when}, killing {n} people and wounding {w}, {src} said.",
        "Warplanes of {P} bombed {town} {when}, killing {n} civilians, {src} said.",
        "{N} people were killed {when} in an air strike on a school in {town} that {src} blamed on {p}.",
    ),
    "ied": (
        "A roadside bomb struck a military vehicle near {town} {when}, killing {n} {Sm}, {src} said.",
        "{N} {Sm} were killed {when} after a buried explosive device tore through their convoy outside {town}, {src} said.",
    ),
    "civilians": (
        "{Gm} raided a village outside {town} {when} and killed {n} villagers, {src} said.",
        "Gunmen from {G} stormed a market in {town} {when} and shot dead {n} civilians, according to {src}.",
        "{N} civilians were killed {when} when {Gm} opened fire on a bus near {town}, {src} said.",
    ),
    "abduction": (
        "{Gm} abducted {a} passengers from buses on the road near {town} {when}, {src} said.",
        "Gunmen from {G} kidnapped {a} villagers from their homes in {town} {when}, according to {src}.",
    ),
    "protest": (
        "Hundreds of people marched peacefully through {town} {when} to demand {demand}, {src} said.",
        "Several hundred people from {town} staged a peaceful sit-in at the governor's compound {when} "
        "to protest against {grievance}, {src} said.",
    ),
}

_TITLES: dict[str, tuple[str, ...]] = {
    "clash": ("{N} killed in clashes near {town}", "{g} and {s} clash near {town}; {n} dead",
              "Fighting near {town} leaves {n} dead, officials say"),
    "capture": ("{g} seizes {town} after heavy fighting", "{town} falls to {g}, residents say"),
    "shelling": ("Shelling kills {n} civilians in {town}", "{N} dead as shells hit {town} market"),
    "strike": ("Air strike on {town} kills {n}", "Drone strike kills {n} in {town}, officials say"),
    "ied": ("Roadside bomb kills {n} soldiers near {town}", "{N} troops killed in blast outside {town}"),
    "civilians": ("Gunmen kill {n} civilians near {town}", "Attack on {town} village leaves {n} dead"),
    "abduction": ("Gunmen abduct {a} people near {town}", "{A} abducted near {town}, residents say"),
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
        "The local health office said {k} people died and dozens of homes were damaged.",
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
        "{G_spokes} said the group had planted the bomb and that {ds_hi} {Sm} were killed.",
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

_BLASTS = {"shelling", "strike", "ied"}
_SOURCES = ("a local official", "a police official", "local officials", "residents", "a security source",
            "medical sources", "the district governor", "a hospital official", "a local elder", "witnesses")
_COMMON_WITNESS = (
    "We buried our neighbours this morning. There is no one left to protect us.",
    "Many families have packed what they could carry and left for {other}.",
    "The road to {other} is closed and we are running out of food and medicine.",
    "We are tired of this war. We only want to live in peace.",
)
#: What witnesses say depends on what they lived through: gunmen on the ground, or blasts.
_WITNESS = {
    "ground": _COMMON_WITNESS + (
        "We heard gunfire from before dawn until the afternoon. Nobody could leave their homes.",
        "They came on motorbikes and started shooting at everyone they saw.",
    ),
    "blast": _COMMON_WITNESS + (
        "The explosions shook the whole neighbourhood. Children were screaming and people ran in every direction.",
        "The market was full when it happened. There was smoke and dust everywhere.",
    ),
}
_PROTESTERS = (
    "We have had no electricity for three weeks and nobody in the government listens to us.",
    "Our children cannot go to school because the roads are not safe.",
    "Bread costs twice what it did in the spring. How are we supposed to live?",
    "We came here peacefully and we will go home peacefully, but we will come back.",
)
_PROTEST_REACTIONS = (
    "The governor said he would meet representatives of the protesters next week.",
    "A government spokesman said the authorities understood people's frustration and asked for patience.",
    "Shops in the town centre stayed closed during the march, and traffic was diverted around the square.",
)
_SAID = (
    "\"{q},\" said a resident of {town} who asked not to be named.",
    "\"{q},\" a shopkeeper in {town} said by telephone.",
    "\"{q},\" said a teacher who fled {town} with her family.",
)
_BACKGROUND = (
    "{town} lies about {km} kilometres from {other}, on a road that {Gm} have repeatedly tried to cut.",
    "{Gm} have stepped up their attacks in the region in recent months, and {adj} authorities have sent "
    "reinforcements to the area.",
    "Nobody outside the area has been able to check the casualty figures. Access is restricted and phone "
    "networks are often down.",
    "Thousands of families have fled {town} and the surrounding villages over the past year, UNHCR "
    "figures show.",
    "Aid agencies say more than half of the people in the area need humanitarian assistance, and that "
    "convoys to {other} have been blocked for weeks.",
    "The {adj} government has promised to restore security in the region, but residents say the army "
    "rarely leaves its bases after dark.",
    "{Gm} have been active around {other} for years, and residents say they move freely on the roads "
    "at night.",
    "The conflict has killed thousands of people and forced hundreds of thousands from their homes.",
    "Analysts say the fighting around {town} is part of a wider struggle for control of the trade routes "
    "that link the region to {other}.",
    "Humanitarian groups have warned that food prices in {town} have more than doubled since the start of "
    "the year, as traders avoid the roads.",
    "Schools and health centres in several districts near {town} have closed, and many teachers and nurses "
    "have left for safer areas.",
    "Prices of fuel and cooking gas in {town} have risen sharply, and many families now eat once a day, "
    "according to a local aid worker.",
    "Farmers around {town} say they have been unable to reach their fields for most of the season, "
    "which aid agencies fear will lead to food shortages next year.",
    "Mobile phone coverage in the area is patchy, and news of attacks often takes days to reach the "
    "regional capital.",
    "Local radio stations have stopped broadcasting news for fear of reprisals, and journalists working in "
    "the area say they face threats from all sides.",
)
_REACTIONS = (
    "The {adj} government condemned the violence and promised to bring those responsible to justice.",
    "The United Nations called on all sides to protect civilians and to allow aid workers safe access to "
    "the area.",
    "The regional governor ordered schools and markets in {town} to close and appealed for calm.",
    "Local leaders called on the authorities to send more troops to protect the villages around {town}.",
    "Regional officials said reinforcements had been sent to {town} and that the situation was calm by "
    "the evening.",
    "Red Cross teams helped move the wounded to hospitals in {other}, the ICRC said.",
)
#: Past fighting named in background: not a new event (the extractor should leave it out).
_PAST = ("In {past_month}, {Gm} killed {pn} people in an attack near {other}, one of the deadliest incidents there "
         "this year.")
_GRIEVANCES = ("power cuts", "rising bread prices", "the arrest of a local journalist", "fuel shortages",
               "unpaid teachers' salaries")
_DEMANDS = ("the release of detained relatives", "better security on the main road", "the return of electricity",
            "lower fuel prices")
_FOOTERS = ("Follow {outlet} on X and Telegram for live updates.", "Sign up for {outlet}'s daily briefing.",
            "Reporting by {outlet} correspondents; editing by {outlet}'s desk.")
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
#: Lead words that lose their capital after "Separately,"; a name ("Gunmen from…" aside) keeps it.
_COMMON_STARTS = {"at", "a", "an", "the", "shelling", "fighting", "warplanes", "gunmen", "hundreds", "several"}
_SENTENCE_START = re.compile(r"(^|[.!?]\"? +|\n)([a-z])")
_SLUG = re.compile(r"[^a-z0-9]+")


# -- writing -----------------------------------------------------------------------------------
@dataclass
class Report:
    """One article to write: an incident as one outlet reports it, and maybe a second incident."""

    incident: Incident
    outlet: str
    published: dt.date
    name: str = ""
    extra: Optional[Incident] = None


def _num(n: int, rng: random.Random, *, first: bool = False) -> str:
    """A figure as news text writes it: small ones often (at a sentence start always) in words."""
    words = n < len(_NUMBER_WORDS) and (first or n == 0 or rng.random() < 0.6)
    return _NUMBER_WORDS[n] if words else str(n)


def _plural(n: int) -> int:
    """0 or at least 2: "1 soldiers were killed" is a template's mistake, not a reporter's."""
    return 0 if n <= 0 else max(2, n)


def _when(date: dt.date, published: dt.date, rng: random.Random) -> str:
    """How an outlet dates the incident, relative to its own publication day."""
    days = (published - date).days
    weekday = f"{date:%A}"
    day_month = rng.choice((f"{date.day} {date:%B}", f"{date:%B} {date.day}"))
    if days == 0:
        options = (f"on {weekday}", f"early on {weekday}", f"on {weekday} morning")
    elif days == 1:
        options = (f"on {weekday}", f"late on {weekday}", f"on {weekday} night", "yesterday")
    elif days < 7:
        options = (f"on {weekday}", f"on {day_month}")
    else:
        options = (f"on {day_month}",)
    return rng.choice(options)


def _km(a: tuple[str, float, float], b: tuple[str, float, float]) -> int:
    """Great-circle distance between two towns, rounded to 5 km as a reporter would."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[1], a[2], b[1], b[2]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return max(5, round(2 * 6371 * math.asin(math.sqrt(h)) / 5) * 5)


def _perpetrator(incident: Incident) -> Actor:
    # air power is the state's, artillery the group's; Russia (the "group" of the Ukraine
    # theatre) does both, and so does Myanmar's junta (its state side)
    if incident.theatre.country == "UA":
        return incident.group
    if incident.theatre.country == "MM":
        return incident.state
    return incident.state if incident.kind == "strike" else incident.group


def _split(incident: Incident) -> tuple[int, int]:
    """The true toll split into (state side, group side) deaths: fixed per incident."""
    state = random.Random(incident.id).randint(0, incident.killed)
    return state, incident.killed - state


def truth_actors(incident: Incident) -> list[str]:
    """Lexicon ids of the incident's actors as ACLED would code them (protesters are not listed)."""
    if incident.kind == "protest":
        return []
    if incident.kind in ("shelling", "strike"):
        return [_perpetrator(incident).id]
    if incident.kind in ("civilians", "abduction"):
        return [incident.group.id]
    return [incident.state.id, incident.group.id]


def _slots(incident: Incident, report: Report, rng: random.Random) -> dict[str, str]:
    theatre, state, group = incident.theatre, incident.state, incident.group
    fired = _perpetrator(incident)
    killed, wounded = incident.killed, incident.wounded
    state_dead, group_dead = _split(incident)
    # "the other town" of a background paragraph is one of the three nearest, as a reporter would pick
    nearest = sorted((t for t in theatre.towns if t != incident.town), key=lambda t: _km(incident.town, t))
    other = rng.choice(nearest[:3])
    noisy = max(2, killed + rng.choice((0, 0, 0, -1, 1, 2))) if killed else 0
    return {
        "S": state.full, "s": state.short, "Sm": state.members, "S_spokes": state.spokes,
        "G": group.full, "g": group.short, "Gm": group.members, "G_spokes": group.spokes,
        "P": fired.full, "p": fired.short, "P_spokes": fired.spokes,
        "town": incident.town[0], "other": other[0],
        "when": _when(incident.date, report.published, rng), "src": rng.choice(_SOURCES),
        "n": _num(noisy, rng), "N": _num(noisy, rng, first=True), "w": _num(wounded, rng),
        "a": _num(incident.abducted, rng), "A": _num(incident.abducted, rng, first=True),
        "k": _num(max(2, killed + rng.randint(-1, 2)) if killed else 0, rng),
        "ds": _num(_plural(state_dead - rng.randint(0, 2)), rng),
        "dg": _num(_plural(group_dead + rng.randint(0, group_dead + 5)), rng),
        "ds_hi": _num(_plural(state_dead + rng.randint(1, state_dead + 6)), rng),
        "adj": theatre.adjective, "km": str(_km(incident.town, other)),
        "demand": rng.choice(_DEMANDS), "grievance": rng.choice(_GRIEVANCES), "outlet": report.outlet,
        "past_month": f"{incident.date - dt.timedelta(days=rng.randint(45, 120)):%B}",
        "pn": _num(rng.randint(3, 30), rng),
    }  # fmt: skip


def _sentences(text: str) -> str:
    """Capitalise every sentence start (templates may start with a slot such as "the army")."""
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text[:1].upper() + text[1:])


def _lower_first(text: str) -> str:
    """"At least five…" → "at least five…" after "Separately,"; names keep their capital."""
    first = text.split(" ", 1)[0]
    common = first.lower() in _COMMON_STARTS or first.lower() in _NUMBER_WORDS
    return text[:1].lower() + text[1:] if common else text


def _paragraphs(report: Report, rng: random.Random) -> tuple[str, list[str]]:
    """The headline and the paragraphs of one article."""
    incident = report.incident
    kind, theatre = incident.kind, incident.theatre
    slots = _slots(incident, report, rng)
    place = rng.choice((f"{incident.town[0].upper()}, {theatre.name}", theatre.capital.upper()))
    paragraphs = [f"{place} — " + _sentences(rng.choice(_LEADS[kind]).format(**slots))]
    claims = rng.sample(_CLAIMS[kind], k=rng.randint(min(2, len(_CLAIMS[kind])), len(_CLAIMS[kind])))
    paragraphs.extend(_sentences(c.format(**slots)) for c in claims)
    reactions = _PROTEST_REACTIONS if kind == "protest" else _REACTIONS
    paragraphs.extend(r.format(**slots) for r in rng.sample(reactions, k=rng.randint(1, 2)))
    quotes = _PROTESTERS if kind == "protest" else _WITNESS["blast" if kind in _BLASTS else "ground"]
    for said in rng.sample(quotes, k=rng.choice((0, 1, 1, 2))):
        paragraphs.append(rng.choice(_SAID).format(q=said.format(**slots)[:-1], town=slots["town"]))
    if report.extra is not None:
        extra = _slots(report.extra, report, rng)
        lead = rng.choice(_LEADS[report.extra.kind]).format(**extra)
        paragraphs.append("Separately, " + _lower_first(_sentences(lead)))
    background = rng.sample(_BACKGROUND, k=rng.randint(5, 8))
    if kind != "protest" and rng.random() < 0.15:
        background.append(_PAST)
    paragraphs.extend(_sentences(b.format(**slots)) for b in background)
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(_FOOTERS).format(**slots))
    title = _sentences(rng.choice(_TITLES[kind]).format(**slots))
    return title, paragraphs


def write_article(report: Report, rng: random.Random, seen: set[str]) -> str:
    """The article's file text: header lines, then paragraphs; never the same body twice."""
    for _ in range(50):
        title, paragraphs = _paragraphs(report, rng)
        body = "\n\n".join(paragraphs)
        digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
        if digest not in seen:
            seen.add(digest)
            break
    else:
        raise RuntimeError(f"cannot write a distinct article for {report.incident.id}")
    slug = _SLUG.sub("-", title.lower()).strip("-")[:60]
    domain = _SLUG.sub("", report.outlet.lower())
    url = f"https://{domain}.example/{report.published:%Y/%m/%d}/{slug}"
    header = f"{title}\nSource: {report.outlet}\nURL: {url}\nPublished: {report.published:%Y-%m-%d}\n"
    return f"{header}\n{body}\n"


# -- the corpus --------------------------------------------------------------------------------
def plan_reports(incidents: list[Incident], rng: random.Random) -> list[Report]:
    """One report per (incident, outlet), in publication order, some with a second incident."""
    reports = []
    for incident in incidents:
        outlets = rng.sample(incident.theatre.outlets + WIRES, k=incident.reports)
        for outlet in outlets:
            published = incident.date + dt.timedelta(days=rng.choice((0, 1, 1, 1, 2)))
            reports.append(Report(incident, outlet, published))
    # a crawl is read in roughly the order things were published
    reports.sort(key=lambda r: (r.published, rng.random()))
    recent: dict[str, list[Incident]] = {}
    for incident in incidents:
        recent.setdefault(incident.theatre.country, []).append(incident)
    for number, report in enumerate(reports, 1):
        report.name = f"a{number:05d}.txt"
        if rng.random() < 0.15:
            report.extra = _other_incident(report, recent[report.incident.theatre.country], rng)
    return reports


def _other_incident(report: Report, pool: list[Incident], rng: random.Random) -> Optional[Incident]:
    """Another incident of the same theatre from the three days before publication, if any."""
    low = report.published - dt.timedelta(days=3)
    choices = [i for i in pool if i is not report.incident and low <= i.date <= report.published]
    return rng.choice(choices) if choices else None


def _truth(incidents: list[Incident], reports: list[Report], *, seed: int) -> dict:
    articles = {}
    for report in reports:
        names = [report.incident.id] + ([report.extra.id] if report.extra else [])
        published = report.published.isoformat()
        articles[report.name] = {"outlet": report.outlet, "published": published, "incidents": names}
    mentioned: dict[str, list[str]] = {}
    for name, article in articles.items():
        for incident_id in article["incidents"]:
            mentioned.setdefault(incident_id, []).append(name)
    events = []
    for i in incidents:
        event_type, sub_event_type = KINDS[i.kind]
        events.append({
            "id": i.id, "kind": i.kind, "event_type": event_type, "sub_event_type": sub_event_type,
            "country": i.theatre.country, "location": i.town[0], "latitude": i.town[1], "longitude": i.town[2],
            "date": i.date.isoformat(), "actors": truth_actors(i), "fatalities": i.killed,
            "sibling_of": i.sibling_of, "articles": mentioned.get(i.id, []),
        })  # fmt: skip
    return {"seed": seed, "window": [START.isoformat(), END.isoformat()], "articles": articles, "incidents": events}


def make_corpus(out: Path, *, articles: int = 2000, seed: int = 7) -> dict:
    """Write ``articles`` articles under ``out/articles`` and ``out/truth.json``; returns the truth."""
    rng = random.Random(seed)
    incidents = make_incidents(articles, rng)
    reports = plan_reports(incidents, rng)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("a*.txt"):
        old.unlink()
    seen: set[str] = set()
    for report in reports:
        (folder / report.name).write_text(write_article(report, rng, seen), encoding="utf-8")
    truth = _truth(incidents, reports, seed=seed)
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (articles/ and truth.json are written there)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    truth = make_corpus(args.out, articles=args.articles, seed=args.seed)
    sizes = [len(e["articles"]) for e in truth["incidents"]]
    print(f"{len(truth['articles'])} articles, {len(sizes)} incidents "
          f"({sum(s > 1 for s in sizes)} reported more than once) → {args.out}")  # fmt: skip


if __name__ == "__main__":
    main()
