"""Language check: English news scores high, other languages low, no model needed."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.language import detect_language, english_score

ENGLISH = [
    "Gunmen stormed a police post in the hill district of Varesh on Thursday and left at least five people "
    "dead, officials said. The provincial governor's spokesman told reporters that three police "
    "officers and two civilians died in the attack, which began shortly after midnight.",
    "The convoy was carrying supplies to an outpost near the Sabz pass when it came under fire, one of the "
    "officials said, adding that the attackers fled towards the border after a firefight that lasted nearly "
    "an hour. No group has said it carried out the attack.",
    "Police fired tear gas and live rounds at protesters in the market town of Orun on Saturday, killing two "
    "people, according to a local rights group. The police said officers had acted in self-defence after "
    "being pelted with stones.",
    # dense, ACLED-style note: few function words, many names
    "On 9 April, Taliban fighters raided ANA posts in Almar district (Faryab), killing 4 soldiers "
    "and wounding 5. The fighters took rifles and a pickup.",
    # an English report quoting a statement in Arabic
    'The group said in a statement, "سنواصل القتال", which means "we will keep fighting", and claimed that its '
    "fighters had shot four soldiers outside the hamlet of Tal Hamid on Sunday.",
]

FOREIGN = {
    "fr": "Au moins cinq personnes ont été tuées jeudi lorsque des hommes armés ont attaqué un poste de police "
    "dans le district de Varesh, selon les autorités locales. Le porte-parole du gouverneur a déclaré que "
    "trois policiers et deux civils sont morts dans l'attaque.",
    "es": "Al menos cinco personas murieron el jueves cuando hombres armados atacaron un puesto de control de la "
    "policía en el distrito de Varesh, según las autoridades. El portavoz del gobernador dijo que tres policías "
    "y dos civiles murieron en el ataque.",
    "de": "Mindestens fünf Menschen wurden am Donnerstag getötet, als Bewaffnete einen Kontrollpunkt der Polizei "
    "im Bezirk Varesh angriffen, teilten die Behörden mit. Der Sprecher des Gouverneurs sagte, drei Polizisten "
    "und zwei Zivilisten seien bei dem Angriff ums Leben gekommen.",
    "ar": "قتل خمسة أشخاص على الأقل يوم الخميس عندما هاجم مسلحون نقطة تفتيش للشرطة في منطقة فاريش الشمالية، "
    "بحسب ما أفاد مسؤولون محليون. وقال المتحدث باسم المحافظ إن ثلاثة من رجال الشرطة ومدنيين اثنين قتلوا في الهجوم.",
    "ru": "По меньшей мере пять человек погибли в четверг, когда вооружённые люди напали на полицейский "
    "блокпост в северном районе Вареш, сообщили местные власти. Представитель губернатора заявил, что в "
    "результате нападения погибли трое полицейских и двое мирных жителей.",
    "pt": "Pelo menos cinco pessoas foram mortas na quinta-feira quando homens armados atacaram um posto da "
    "polícia no distrito de Varesh, segundo as autoridades. O porta-voz do governador disse que três policiais "
    "e dois civis morreram no ataque.",
    "it": "Almeno cinque persone sono state uccise giovedì quando uomini armati hanno attaccato un posto di "
    "blocco della polizia nel distretto di Varesh, secondo le autorità. Il portavoce del governatore ha detto "
    "che tre poliziotti e due civili sono morti.",
}


@pytest.mark.parametrize("text", ENGLISH)
def test_english_news_scores_high(text):
    assert english_score(text) > 0.8
    assert detect_language(text) == "en"


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_other_languages_score_low(lang):
    assert english_score(FOREIGN[lang]) < 0.3


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_other_languages_are_named(lang):
    assert detect_language(FOREIGN[lang]) == lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("پنج نفر در حمله به پاسگاه پلیس در ولایت هرات کشته شدند", "fa"),
        ("په کندهار کې د پولیسو پر پوسته برید وشو او پنځه کسان ووژل شول", "ps"),
        ("У четвер щонайменше п'ятеро людей загинули під час обстрілу, повідомила місцева влада.", "uk"),
        ("星期四，武装分子袭击了一个警察检查站，造成至少五人死亡。", "zh"),
        ("木曜日、武装集団が警察の検問所を襲撃し、少なくとも5人が死亡した。", "ja"),
        ("목요일 무장 괴한들이 경찰 검문소를 공격해 최소 5명이 숨졌다.", "ko"),
    ],
)
def test_scripts_and_their_languages(text, expected):
    assert detect_language(text) == expected
    assert english_score(text) < 0.3


def test_short_english_headline_is_not_rejected():
    assert english_score("Gunmen kill six in Azri") >= 0.5


@pytest.mark.parametrize("text", ["", "   ", "2024-05-10 12:00", "!!! ???"])
def test_no_letters(text):
    assert english_score(text) == 0.0
    assert detect_language(text) == "und"


def test_score_is_cheap_on_a_long_article():
    text = " ".join(ENGLISH) * 2000  # ~1.5 MB
    start = time.perf_counter()
    english_score(text)
    detect_language(text)
    assert time.perf_counter() - start < 0.5


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_score_is_between_zero_and_one(text):
    assert 0.0 <= english_score(text) <= 1.0
    assert isinstance(detect_language(text), str)
