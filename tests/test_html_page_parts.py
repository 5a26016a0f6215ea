"""Parts of HTML pages read in any language: site names in CJK titles, teaser cards' meta
lines and sidebars, author boxes of one sentence, deks set as headings, paywall boxes."""

from __future__ import annotations

from cleanscrape import clean

REF = "2021-06-15T12:00:00+00:00"
PARA_IT = ("Il Roccalta vince il derby con il Valmarina al novantesimo e tiene vive le speranze "
           "di playoff, davanti a quasi cinquemila spettatori del Comunale.")
PARA = ("The council met on Monday evening and voted to rebuild the old harbour wall, "
        "which was damaged in last winter's storms, before the end of next year.")


def paras(n: int = 4) -> str:
    return "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(n))


def test_site_name_from_a_cjk_title_without_spaces_around_its_separator() -> None:
    for title in ("工厂正式投产_新闻中心_远川能源", "港南が延長サヨナラ勝ち｜远川能源"):
        html = (f"<html><head><title>{title}</title></head><body>"
                "<header><div class='logo'><span>远川能源</span></div></header>"
                f"<article><h1>工厂正式投产</h1>{paras()}</article></body></html>")
        assert clean(html, reference_time=REF).article.source == "远川能源", title


def test_a_card_meta_line_names_the_wire_beside_the_date() -> None:
    """'Agenzia Tirreno · 3 ore fa', and a day word alone in the card's date slot."""
    cards = "".join(
        f"<article class='card'><h3><a href='/s/{i}'>{title}</a></h3>"
        f"<p class='sum'>Gli organizzatori hanno fermato le iscrizioni con due settimane "
        f"di anticipo.</p><p class='meta'><span>{meta}</span></p></article>"
        for i, (title, meta) in enumerate([
            ("Basket, la Virtus Roccalta vola in finale", "Agenzia Tirreno · 3 ore fa"),
            ("Granfondo dei Colli, iscrizioni chiuse a quota duemila", "Agenzia Tirreno · ieri"),
            ("Valmarina conferma Bianchi in panchina", "ieri"),
        ]))
    html = (f"<html lang='it'><body><article><h1>Il derby al Roccalta</h1>"
            f"<p>{'Il Roccalta vince il derby con il Valmarina e tiene vive le speranze. ' * 4}</p>"
            f"<p>{'Nel secondo tempo la squadra ha alzato il ritmo e ha pareggiato. ' * 4}</p>"
            f"</article><aside><h2>Ultime notizie</h2>{cards}</aside></body></html>")
    teasers = clean(html, reference_time=REF, url="https://x.example/").teasers
    assert [(t.source, t.published) for t in teasers] == [
        ("Agenzia Tirreno", "2021-06-15T09:00+00:00"), ("Agenzia Tirreno", "2021-06-14"),
        (None, "2021-06-14")]


def test_a_sidebar_list_of_headlines_inside_the_container_is_a_rail() -> None:
    cards = "".join(f"<article><h2><a href='/a/{i}'>Headline number {i} about the town "
                    f"council</a></h2><p>{PARA}</p></article>" for i in range(4))
    html = (f"<html><body><main><h1>Business</h1>{cards}<aside><h3>Most read</h3><ol>"
            "<li><a href='/r/1'>Bridge on the river closed until the end of July</a></li>"
            "<li><a href='/r/2'>Local club wins the derby after a penalty shoot-out</a></li>"
            "</ol></aside></main></body></html>")
    titles = [t.title for t in clean(html, reference_time=REF, url="https://x.example/").teasers]
    assert titles[-2:] == ["Bridge on the river closed until the end of July",
                           "Local club wins the derby after a penalty shoot-out"]


def test_an_author_box_of_one_sentence() -> None:
    html = ("<html lang='it'><body><article><h1>Il derby al Roccalta</h1>"
            "<p class='firma'>di Marco Rinaldi</p>" + paras() +
            "<div class='box-autore'><p>Marco Rinaldi segue il calcio dilettantistico per "
            "La Voce di Roccalta dal 2012.</p></div></article></body></html>")
    got = clean(html, reference_time=REF)
    assert "segue il calcio" not in got.article.body
    assert any(r.rule.startswith("author_bio") and "segue il calcio" in r.text
               for r in got.removed)
    assert got.article.authors == ["Marco Rinaldi"]


def test_a_dek_set_as_a_heading_above_the_byline() -> None:
    html = ("<html lang='it'><body><article><h1>Roccalta-Valmarina 2-1</h1>"
            "<h2 class='sommario'>I granata rimontano e restano in corsa per i playoff</h2>"
            "<div class='info'><span>di Marco Rinaldi</span> "
            "<time datetime='2021-06-13T19:05:00+02:00'>13 giugno 2021, 19:05</time></div>"
            + f"<p>{PARA_IT}</p>" * 4
            + "<h2>Il tabellino</h2><p>Reti: Sala, Ferraris.</p></article></body></html>")
    a = clean(html, reference_time=REF).article
    assert a.subtitle == "I granata rimontano e restano in corsa per i playoff"
    assert a.authors == ["Marco Rinaldi"] and a.published == "2021-06-13T19:05+02:00"
    assert "Il tabellino" in a.body.split("\n\n")


def test_a_desk_of_the_site_is_not_the_source() -> None:
    html = ("<html><head><meta property='og:site_name' content='IGN'></head><body><article>"
            "<h1>Deals go live today</h1><p class='byline'>By IGN Staff</p>" + paras() +
            "</article></body></html>")
    assert clean(html, reference_time=REF).article.source == "IGN"


def test_a_paywall_box_is_a_promo_with_its_heading() -> None:
    html = ("<html lang='pt'><body><article><h1>Nova ponte só abre em 2023</h1>"
            "<p class='autor'>Por Inês Carvalho</p>" + paras(2) +
            "<div><h3>Continue a ler com a assinatura</h3></div>"
            "<div class='paywall'><p>Assine por 1 € no primeiro mês e tenha acesso ilimitado "
            "a todas as notícias da região.</p><a href='/assinar/'>Assinar agora</a></div>"
            "</article></body></html>")
    removed = {r.text: r.rule for r in clean(html, reference_time=REF).removed}
    assert removed["Assinar agora"].startswith("promo.")
    assert removed["Continue a ler com a assinatura"].startswith("promo.")
