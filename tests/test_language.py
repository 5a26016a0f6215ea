"""DetectLanguage: scripts and function words first, the model only when unsure."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cleanscrape.steps.language import detect_language

SAMPLES = {
    "en": "The council voted on Tuesday to close the old bridge to cars from next spring, "
          "and the mayor said that it was the only choice they had.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für Autos zu sperren, "
          "und der Bürgermeister sagte, dass es keine andere Wahl gebe.",
    "es": "El consejo votó el martes para cerrar el viejo puente a los coches a partir de la "
          "próxima primavera, y el alcalde dijo que no había otra opción.",
    "fr": "Le conseil a voté mardi la fermeture du vieux pont aux voitures à partir du "
          "printemps prochain, et le maire a dit que c'était le seul choix.",
    "pt": "O conselho votou na terça-feira para fechar a velha ponte aos carros a partir da "
          "próxima primavera, e o prefeito disse que não havia outra opção.",
    "it": "Il consiglio ha votato martedì per chiudere il vecchio ponte alle auto dalla "
          "prossima primavera, e il sindaco ha detto che non c'era altra scelta.",
    "nl": "De gemeenteraad heeft dinsdag besloten om de oude brug vanaf het voorjaar voor "
          "auto's te sluiten, en de burgemeester zei dat er geen andere keuze was.",
    "ru": "Городской совет во вторник проголосовал за то, чтобы закрыть старый мост для "
          "машин со следующей весны, и мэр сказал, что это был единственный выбор.",
    "ja": "市議会は火曜日、来春から古い橋を車両通行止めにすることを決めた。市長はほかに選択肢はなかったと述べた。",
    "ko": "시의회는 화요일 내년 봄부터 오래된 다리의 차량 통행을 막기로 결정했다고 밝혔다.",
    "zh": "市议会周二投票决定从明年春天起禁止汽车通过这座旧桥，市长说这是唯一的选择。",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_languages(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


def test_too_little_text_is_unknown() -> None:
    assert detect_language("12:30 — ok") is None
    assert detect_language("") is None


def test_common_languages_do_not_load_the_model() -> None:
    code = ("import sys; from cleanscrape.steps.language import detect_language; "
            f"texts = {list(SAMPLES.values())!r}; [detect_language(t) for t in texts]; "
            "print('py3langid' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
