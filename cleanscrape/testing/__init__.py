"""Hypothesis strategies for testing scrapers and rules against cleanscrape.

Build noisy pages from parts whose ground truth is known, then check what cleanscrape (or
your own pipeline, or your own rules) makes of them::

    from hypothesis import given
    from cleanscrape import clean
    from cleanscrape.testing import noisy_pages

    @given(noisy_pages())
    def test_body_survives(page):
        result = clean(page.text, reference_time=page.reference_time, language=page.language)
        assert result.article.body == page.truth.body
        assert result.article.title == page.truth.title

A generated :class:`NoisyPage` has the page's ``text`` and its :class:`Truth`: title, authors,
dates, body, teasers and the debris lines (with their rule families) that must come out.
Other strategies give the parts on their own: :func:`article_paragraphs`,
:func:`noise_blocks`, :func:`teaser_cards`, :func:`date_lines`, :func:`broken_quotes`,
:func:`ui_lines` (UI lines no rule pack names: share rows, listen prompts, weather strips,
review credits, counters). :func:`header_pages` builds pages whose header is such a UI
line over a headline, a byline and a date line, in every language of
:data:`HEADER_LANGUAGES`; :func:`hard_wrap` breaks a page's paragraphs into lines the way
some scrapers do.

:func:`noisy_sites` (and :func:`make_site`, its seeded generator) gives several pages of
one invented site, each carrying the site's own boilerplate (slogan, section menu,
footer lines) that no rule pack knows: what site learning (``cleanscrape learn``) is for.

Requires ``hypothesis`` (``pip install cleanscrape[test]``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

__all__ = [
    "NoisyPage",
    "Truth",
    "TeaserTruth",
    "noisy_pages",
    "article_paragraphs",
    "noise_blocks",
    "teaser_cards",
    "date_lines",
    "broken_quotes",
    "ui_lines",
    "header_pages",
    "hard_wrap",
    "LANGUAGES",
    "NoisySite",
    "make_site",
    "noisy_sites",
    "HEADER_LANGUAGES",
]

#: Languages the strategies write pages in.
LANGUAGES = ("en", "de", "es", "fr")

_REFERENCE = "2021-06-15T12:00:00+00:00"

_WORDS = {
    "en": ("council city river bridge school market harbour budget plan report water power "
           "station museum road village court minister union board park vote rail farm "
           "hospital library island port festival bank factory energy tax").split(),
    "de": ("Stadt Rat Brücke Schule Markt Hafen Haushalt Plan Bericht Wasser Strom Bahnhof "
           "Museum Straße Dorf Gericht Minister Verband Park Wahl Bahn Hof Klinik Bibliothek "
           "Insel Fest Bank Fabrik Energie Steuer").split(),
    "es": ("ciudad consejo puente escuela mercado puerto presupuesto plan informe agua "
           "energía estación museo carretera pueblo tribunal ministro sindicato parque voto "
           "tren granja hospital biblioteca isla fiesta banco fábrica impuesto").split(),
    "fr": ("ville conseil pont école marché port budget plan rapport eau énergie gare musée "
           "route village tribunal ministre syndicat parc vote train ferme hôpital "
           "bibliothèque île fête banque usine impôt").split(),
}
_GLUE = {
    "en": ("the a of and in on for with said that would has was new old after before "
           "during about").split(),
    "de": "der die das und in auf für mit sagte dass würde hat war neue alte nach vor".split(),
    "es": "el la de y en con para que dijo sería tiene era nuevo viejo tras antes".split(),
    "fr": "le la de et en sur pour avec dit que serait a était nouveau ancien après avant".split(),
}
_NAMES = ("Jane Roe", "John Poe", "Ana Ruiz", "Lena Vogel", "Marc Petit", "Omar Haddad",
          "Sara Lind", "Tomás Vidal", "Iris Mahler", "Paul Girard")
_PUBLICATIONS = ("The Valley Post", "Coastal News Network", "The Morning Ledger",
                 "Harbour Daily", "The County Herald")
_BYLINE = {"en": "By", "de": "Von", "es": "Por", "fr": "Par"}
_JOIN = {"en": "and", "de": "und", "es": "y", "fr": "et"}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}
_LABELS = {
    "en": {"published": "Published:", "updated": "Updated:"},
    "de": {"published": "Veröffentlicht am", "updated": "Aktualisiert am"},
    "es": {"published": "Publicado el", "updated": "Actualizado el"},
    "fr": {"published": "Publié le", "updated": "Mis à jour le"},
}
#: Languages :func:`header_pages` writes (the header's words, byline and dates in each).
HEADER_LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "pt", "pl")

_WORDS.update({
    "it": ("città consiglio ponte scuola mercato porto bilancio piano rapporto acqua energia "
           "stazione museo strada paese tribunale ministro sindacato parco voto treno "
           "fattoria ospedale biblioteca isola festa banca fabbrica tassa").split(),
    "nl": ("stad raad brug school markt haven begroting plan rapport water energie station "
           "museum weg dorp rechtbank minister bond park stem trein boerderij ziekenhuis "
           "bibliotheek eiland feest bank fabriek belasting").split(),
    "pt": ("cidade conselho ponte escola mercado porto orçamento plano relatório água "
           "energia estação museu estrada aldeia tribunal ministro sindicato parque voto "
           "comboio quinta hospital biblioteca ilha festa banco fábrica imposto").split(),
    "pl": ("miasto rada most szkoła rynek port budżet plan raport woda energia stacja "
           "muzeum droga wieś sąd minister związek park głos pociąg gospodarstwo szpital "
           "biblioteka wyspa święto bank fabryka podatek").split(),
})
_GLUE.update({
    "it": "il la di e in su per con disse che sarebbe ha era nuovo vecchio dopo prima".split(),
    "nl": "de het van en in op voor met zei dat zou heeft was nieuw oud na voor".split(),
    "pt": "o a de e em no para com disse que seria tem era novo velho após antes".split(),
    "pl": "w na z i do dla przez że był jest nowy stary po przed oraz".split(),
})
_HEADER_BYLINE = {"en": "By", "de": "Von", "es": "Por", "fr": "Par", "it": "di", "nl": "Door",
                  "pt": "Por", "pl": "Autor:"}
_HEADER_JOIN = {"en": "and", "de": "und", "es": "y", "fr": "et", "it": "e", "nl": "en",
                "pt": "e", "pl": "i"}
_HEADER_MONTHS = {
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
}
#: UI lines that no shipped rule names, per language: share rows naming networks, listen
#: and reading-time prompts, weather and ticker strips, review credits, counters.
UI_LINES = {
    "en": ["Share this: Facebook · X · E-mail", "Save to Pinterest", "Listen · 9 min",
           "Springfield 48°F Cloudy", "Fact checked by Sam Hill", "0 Shares", "5 min read"],
    "de": ["Über WhatsApp senden", "Teilen Twittern", "Vorlesen", "Lesezeit: ca. 3 Minuten",
           "Berlin 8° C", "Faktengeprüft von Lena Vogel", "14 Kommentare"],
    "es": ["Compartir en WhatsApp", "8 minutos de lectura", "Escuchar noticia", "Madrid 21°C",
           "Revisado por Ana Ruiz", "12 comentarios"],
    "fr": ["Partager par courriel", "Partager sur WhatsApp", "Temps de lecture : 4 min",
           "Écouter", "Lyon 18°C", "Vérifié par Marc Petit"],
    "it": ["Condividi su WhatsApp", "Tempo di lettura: 3 min", "Ascolta", "Roma 24°C"],
    "nl": ["Deel via WhatsApp", "Leestijd 4 minuten", "Luister", "Utrecht 15°C"],
    "pt": ["Partilhar no WhatsApp", "Tempo de leitura: 5 min", "Ouvir", "Lisboa 22°C"],
    "pl": ["Udostępnij na Facebooku", "Czas czytania: 3 min", "Posłuchaj", "Kraków 12°C"],
}

#: Debris lines per language with the rule family that must take them.
NOISE = {
    "en": [("Follow us on Instagram", "social"), ("Share this article", "share"),
           ("Advertisement", "ads"), ("Home > News > Local", "nav"),
           ("Read more: Council to review parking fees", "related"),
           ("We use cookies to improve your experience on our site.", "consent"),
           ("© 2021 The Valley Post. All rights reserved.", "footer"),
           ("Photo: Jane Roe/Agency", "caption"), ("12 comments", "comments"),
           ("Download our app for breaking news alerts.", "promo")],
    "de": [("Folgen Sie uns auf Instagram", "social"), ("Artikel teilen", "share"),
           ("Anzeige", "ads"), ("Lesen Sie auch: Der Rat prüft die Parkgebühren", "related"),
           ("Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.", "consent"),
           ("Foto: Lena Vogel/Agentur", "caption"), ("Alle Rechte vorbehalten.", "footer")],
    "es": [("Síguenos en Instagram", "social"), ("Compartir", "share"), ("Publicidad", "ads"),
           ("Lee también: El consejo revisa las tarifas", "related"),
           ("Utilizamos cookies para mejorar su experiencia.", "consent"),
           ("Foto: Ana Ruiz/Agencia", "caption"), ("Todos los derechos reservados.", "footer")],
    "fr": [("Suivez-nous sur Instagram", "social"), ("Partager", "share"), ("Publicité", "ads"),
           ("Lire aussi : Le conseil revoit les tarifs", "related"),
           ("Nous utilisons des cookies pour améliorer votre expérience.", "consent"),
           ("Photo : Marc Petit/Agence", "caption"), ("Tous droits réservés.", "footer")],
}


@dataclass(frozen=True)
class TeaserTruth:
    """What a generated teaser card must come out as."""

    title: str
    summary: str | None
    source: str | None
    published: str | None
    truncated: bool


@dataclass(frozen=True)
class Truth:
    """What cleanscrape must make of a generated page."""

    title: str | None
    authors: list[str]
    published: str | None
    updated: str | None
    body: str
    teasers: list[TeaserTruth] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, rule family)
    language: str = "en"


@dataclass(frozen=True)
class NoisyPage:
    """A generated page: its text, the reference time to clean it with, and its truth."""

    text: str
    truth: Truth
    reference_time: str = _REFERENCE
    language: str = "en"


@st.composite
def _sentence(draw: Any, language: str, min_words: int = 10, max_words: int = 24) -> str:
    n = draw(st.integers(min_words, max_words))
    pool = _WORDS[language] + _GLUE[language]
    words = [draw(st.sampled_from(pool)) for _ in range(n)]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + "."


@st.composite
def article_paragraphs(draw: Any, language: str = "en", min_size: int = 2,
                       max_size: int = 6) -> list[str]:
    """Paragraphs of running text: 1-3 sentences each, ending with a full stop."""
    n = draw(st.integers(min_size, max_size))
    return [" ".join(draw(_sentence(language)) for _ in range(draw(st.integers(1, 3))))
            for _ in range(n)]


def noise_blocks(language: str = "en") -> st.SearchStrategy[tuple[str, str]]:
    """A debris line and the rule family that must remove it."""
    return st.sampled_from(NOISE[language])


def _date_text(language: str, d: _dt.date) -> str:
    month = _MONTHS[language].split()[d.month - 1]
    if language == "en":
        return f"{month} {d.day}, {d.year}"
    if language == "de":
        return f"{d.day}. {month} {d.year}"
    if language == "es":
        return f"{d.day} de {month} de {d.year}"
    return f"{d.day} {month} {d.year}"


@st.composite
def date_lines(draw: Any, language: str = "en") -> tuple[str, str, str | None]:
    """``(line, iso_day, field)``: a labelled or unlabelled date line and its meaning."""
    d = draw(st.dates(min_value=_dt.date(2005, 1, 1), max_value=_dt.date(2021, 6, 14)))
    kind = draw(st.sampled_from(["published", "updated", None]))
    text = _date_text(language, d)
    line = f"{_LABELS[language][kind]} {text}" if kind else text
    return line, d.isoformat(), kind


@st.composite
def _title(draw: Any, language: str) -> str:
    n = draw(st.integers(3, 9))
    words = [draw(st.sampled_from(_WORDS[language] + _GLUE[language])) for _ in range(n)]
    return str(words[0][:1].upper() + words[0][1:] + " " + " ".join(words[1:])).strip()


@st.composite
def teaser_cards(draw: Any, language: str = "en") -> tuple[str, TeaserTruth]:
    """A related-story card as text (title, summary, "By X", date) and its truth."""
    title = draw(_title(language))
    summary = draw(_sentence(language, 16, 32))
    cut = draw(st.sampled_from(["none", "word", "ellipsis"]))
    truncated = cut != "none"
    if cut == "word":
        summary = summary[: max(12, len(summary) // 2)].rstrip(" .")
        if not summary[-1].isalnum():
            summary = summary.rstrip(" .,") + "x"
    elif cut == "ellipsis":
        summary = summary.rstrip(".") + "…"
    source = draw(st.sampled_from(_PUBLICATIONS))
    d = draw(st.dates(min_value=_dt.date(2015, 1, 1), max_value=_dt.date(2021, 6, 14)))
    text = f"{title}\n{summary}\n\n{_BYLINE[language]} {source}\n{_date_text(language, d)}"
    clean_summary = summary[:-1] if summary.endswith("…") else summary
    return text, TeaserTruth(title, clean_summary, source, d.isoformat(), truncated)


_PAIRS = [("”", "“"), ("“", "“"), ("”", "”"), ('"', "“"), ("“", '"')]


@st.composite
def broken_quotes(draw: Any, language: str = "en") -> tuple[str, str]:
    """``(broken, repaired)``: a sentence with a quotation whose marks are broken."""
    inner = draw(_sentence(language, 3, 10)).rstrip(".")
    tail = draw(_sentence(language, 3, 8))
    open_, close = draw(st.sampled_from(_PAIRS))
    broken = f"{open_}{inner},{close} {tail[0].lower()}{tail[1:]}"
    repaired = f"“{inner},” {tail[0].lower()}{tail[1:]}"
    return broken, repaired


@st.composite
def noisy_pages(draw: Any, languages: tuple[str, ...] = LANGUAGES, teasers: bool = True,
                quotes: bool = True) -> NoisyPage:
    """A whole scraped text page with debris, header, body and teasers, and its truth."""
    lang = draw(st.sampled_from(languages))
    title = draw(_title(lang))
    n_auth = draw(st.integers(0, 2))
    authors = draw(st.lists(st.sampled_from(_NAMES), min_size=n_auth, max_size=n_auth,
                            unique=True))
    paragraphs = draw(article_paragraphs(lang, 2, 6))
    if quotes and lang == "en" and draw(st.booleans()):
        broken, repaired = draw(broken_quotes(lang))
        k = draw(st.integers(0, len(paragraphs) - 1))
        paragraphs_in = list(paragraphs)
        paragraphs_in[k] = broken
        paragraphs[k] = repaired
    else:
        paragraphs_in = list(paragraphs)
    date_line, iso, kind = draw(date_lines(lang))
    top = draw(st.lists(noise_blocks(lang), max_size=2, unique=True))
    middle = draw(st.lists(noise_blocks(lang), max_size=1))
    bottom = draw(st.lists(noise_blocks(lang), max_size=2, unique=True))
    cards = draw(st.lists(teaser_cards(lang), min_size=2, max_size=3)) if teasers and \
        draw(st.booleans()) else []

    parts: list[str] = [t for t, _ in top] + [title]
    if authors:
        parts.append(f"{_BYLINE[lang]} " + f" {_JOIN[lang]} ".join(authors))
    parts.append(date_line)
    body_in = list(paragraphs_in)
    if middle and len(body_in) > 1:
        body_in.insert(1, middle[0][0])
    else:
        middle = []
    parts += body_in + [t for t, _ in bottom] + [c for c, _ in cards]
    removed = [(t, f) for t, f in top + middle + bottom]
    truth = Truth(
        title=title, authors=list(authors),
        published=iso if kind in (None, "published") else None,
        updated=iso if kind == "updated" else None,
        body="\n\n".join(paragraphs), teasers=[c for _, c in cards], removed=removed,
        language=lang)
    return NoisyPage(text="\n\n".join(parts) + "\n", truth=truth, language=lang)


_SITE_WORDS = ("Quill Otter Lantern Pebble Heron Maple Cobalt Juniper Saffron Tundra Willow "
               "Ember Harrow Fennel Marrow Sorrel Thistle Brindle Clover Osprey").split()
_SECTIONS = ("Tides Ferries Allotments Quays Moorings Lighthouses Orchards Tramlines "
             "Foghorns Piers Boatyards Causeways").split()


@dataclass(frozen=True)
class NoisySite:
    """Pages of one invented site: each page's URL and :class:`NoisyPage`, and the site's
    own boilerplate lines (on every page, in no rule pack)."""

    host: str
    pages: list[tuple[str, NoisyPage]]
    boilerplate: list[str]


def make_site(seed: int, pages: int = 6, language: str = "en") -> NoisySite:
    """A generated site of ``pages`` pages in ``language`` (same ``seed``, same site).

    Each page is a text page: the site's slogan and section menu, the article (title,
    byline, date, 2-5 paragraphs), then the site's footer lines. Its truth's ``removed``
    lists the site lines with the family ``"site"``.
    """
    import random

    rng = random.Random(seed)
    name = " ".join(rng.sample(_SITE_WORDS, 2))
    host = name.lower().replace(" ", "") + rng.choice([".example", ".example.org", ".test"])
    town = rng.choice(_SITE_WORDS)
    top = [f"{name} - {rng.choice(['tidings', 'dispatches', 'chronicles'])} of {town} "
           f"since {rng.randint(1850, 1990)}",
           " · ".join(rng.sample(_SECTIONS, 4))]
    bottom = [f"{name} Quarterly: {rng.choice(_SITE_WORDS).lower()} stories from the "
              f"{rng.choice(_SECTIONS).lower()} of {town}",
              f"Tip the {rng.choice(_SITE_WORDS).lower()} desk at desk@{host}",
              f"{rng.choice(_SECTIONS)} Guild member No. {rng.randint(100, 999)}"]
    pool = _WORDS[language] + _GLUE[language]

    def sentence(lo: int, hi: int) -> str:
        words = [rng.choice(pool) for _ in range(rng.randint(lo, hi))]
        return " ".join([words[0][:1].upper() + words[0][1:]] + words[1:]) + "."

    out: list[tuple[str, NoisyPage]] = []
    for n in range(pages):
        title = sentence(4, 9).rstrip(".")
        author = rng.choice(_NAMES)
        day = _dt.date(2021, 1, 1) + _dt.timedelta(days=rng.randint(0, 150))
        paragraphs = [" ".join(sentence(10, 22) for _ in range(rng.randint(1, 3)))
                      for _ in range(rng.randint(2, 5))]
        parts = top + [title, f"{_BYLINE[language]} {author}", _date_text(language, day)] \
            + paragraphs + bottom
        truth = Truth(title=title, authors=[author], published=day.isoformat(), updated=None,
                      body="\n\n".join(paragraphs),
                      removed=[(t, "site") for t in top + bottom], language=language)
        url = f"https://{host}/{day.year}/{n + 1:03d}-{title.split()[0].lower()}"
        out.append((url, NoisyPage(text="\n\n".join(parts) + "\n", truth=truth,
                                   language=language)))
    return NoisySite(host=host, pages=out, boilerplate=top + bottom)


def noisy_sites(min_pages: int = 4, max_pages: int = 8,
                languages: tuple[str, ...] = LANGUAGES) -> st.SearchStrategy[NoisySite]:
    """Generated sites (see :func:`make_site`)."""
    return st.builds(make_site, st.integers(0, 2**32 - 1), st.integers(min_pages, max_pages),
                     st.sampled_from(languages))

def ui_lines(language: str = "en") -> st.SearchStrategy[str]:
    """A UI line of a kind the header must see through even when no rule names it."""
    return st.sampled_from(UI_LINES[language])


def _header_date(language: str, d: _dt.date) -> str:
    if language in _MONTHS:
        return _date_text(language, d)
    month = _HEADER_MONTHS[language].split()[d.month - 1]
    if language == "pt":
        return f"{d.day} de {month} de {d.year}"
    return f"{d.day} {month} {d.year}"


@st.composite
def header_pages(draw: Any, languages: tuple[str, ...] = HEADER_LANGUAGES) -> NoisyPage:
    """A page whose header is an unknown UI line, the headline, a byline and a date line,
    over paragraphs of running text. The truth: the headline is the title, the byline's
    names the authors, the date line the publication date."""
    lang = draw(st.sampled_from(languages))
    ui = draw(ui_lines(lang))
    title = draw(_title(lang))
    authors = draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=2, unique=True))
    d = draw(st.dates(min_value=_dt.date(2005, 1, 1), max_value=_dt.date(2021, 6, 14)))
    paragraphs = draw(article_paragraphs(lang, 2, 5))
    ui_below = draw(st.booleans())
    parts = [title] if ui_below else [ui, title]
    parts.append(f"{_HEADER_BYLINE[lang]} " + f" {_HEADER_JOIN[lang]} ".join(authors))
    parts.append(_header_date(lang, d))
    if ui_below:
        parts.append(ui)
    parts += paragraphs
    truth = Truth(title=title, authors=list(authors), published=d.isoformat(), updated=None,
                  body="\n\n".join(paragraphs), language=lang)
    return NoisyPage(text="\n\n".join(parts) + "\n", truth=truth, language=lang)


def hard_wrap(text: str, width: int = 60) -> str:
    """``text`` with each long line broken into lines of at most ``width`` characters at
    spaces, the way some scrapers dump paragraphs (the paragraphs stay apart)."""
    import textwrap

    out: list[str] = []
    for line in text.split("\n"):
        out.extend(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
                   if len(line) > width else [line])
    return "\n".join(out)
