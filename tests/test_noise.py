"""StripNoise and the rule packs: debris goes by role, content stays."""

from __future__ import annotations

import pickle

import pytest

from cleanscrape.document import Block, Document
from cleanscrape.errors import RuleFileError
from cleanscrape.ruleset import builtin_rules, load_rule_file, load_rule_text
from cleanscrape.steps import StripNoise


def doc_of(*lines: str, language: str = "en") -> Document:
    return Document(blocks=[Block(text=t, line=i + 1, group=i) for i, t in enumerate(lines)],
                    language=language)


def labels(doc: Document) -> list[tuple[str | None, str | None]]:
    return [(b.label, b.rule) for b in doc.blocks]


@pytest.mark.parametrize("text,family", [
    ("See More on Facebook", "social"),
    ("Follow us on Instagram", "social"),
    ("Facebook | Twitter | WhatsApp | Email", "social"),
    ("Enjoyed this story? Share it.", "share"),
    ("Share this article", "share"),
    ("Advertisement", "ads"),
    ("Sponsored", "ads"),
    ("Home > World > Asia", "nav"),
    ("Skip to main content", "nav"),
    ("© 2021 The Valley Post. All rights reserved.", "footer"),
    ("We use cookies to give you the best experience on our website.", "consent"),
    ("Accept all cookies", "consent"),
    ("Read more: Flood defences to cost twice the estimate", "related"),
    ("More stories", "related"),
    ("Photo: Jane Doe/Agency", "caption"),
    ("12 comments", "comments"),
    ("About the author: Jo Park writes about science.", "author_bio"),
    ("Download our app for breaking news alerts.", "promo"),
])
def test_english_debris_is_removed(text: str, family: str) -> None:
    doc = StripNoise()(doc_of(text))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text,language,family", [
    ("Anzeige", "de", "ads"),
    ("Folgen Sie uns auf Facebook", "de", "social"),
    ("Lesen Sie auch: Die Bahn erhöht die Preise", "de", "related"),
    ("Meistgelesen", "de", "related"),
    ("Publicidad", "es", "ads"),
    ("Síguenos en Twitter", "es", "social"),
    ("Lo más leído", "es", "related"),
    ("Publicité", "fr", "ads"),
    ("Lire aussi : La grève continue", "fr", "related"),
    ("Suivez-nous sur Instagram", "fr", "social"),
])
def test_other_languages(text: str, language: str, family: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text,language,family", [
    ("メニュー", "ja", "nav"),
    ("お気に入りに保存", "ja", "share"),
    ("LINEで送る", "ja", "share"),
    ("広告", "ja", "ads"),
    ("関連レシピ", "ja", "related"),
    ("関連記事：バス路線の再編案まとまる", "ja", "related"),
    ("전체메뉴", "ko", "nav"),
    ("글자크기 설정", "ko", "nav"),
    ("공유하기", "ko", "share"),
    ("많이 본 뉴스", "ko", "related"),
    ("ⓒ 청솔일보 무단전재 및 재배포 금지", "ko", "footer"),
    ("分享到：微信 微博 QQ空间", "zh", "share"),
    ("浏览次数：1286", "zh", "nav"),
    ("上一篇：远川能源发布新一代工商业储能柜", "zh", "nav"),
    ("相关新闻", "zh", "related"),
    ("版权所有 远川能源科技股份有限公司", "zh", "footer"),
    ("Поделиться: ВКонтакте · Одноклассники · Telegram", "ru", "share"),
    ("Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости", "ru", "social"),
])
def test_cjk_debris_is_removed(text: str, language: str, family: str) -> None:
    """Chinese, Japanese and Korean pages have rule packs of their own."""
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text,language,family", [
    ("Segui il Corriere di Montevaro su Facebook", "it", "social"),
    ("Volg Het Kanaalblad op Instagram", "nl", "social"),
    ("Folgen Sie dem Rheinauer Anzeiger auf Instagram", "de", "social"),
    ("Sigue a El Correo de Valdelobos en Instagram", "es", "social"),
    ("Suivez La Gazette de Valmont sur Facebook", "fr", "social"),
    ("Siga o Diário do Alva no Instagram", "pt", "social"),
    ("Obserwuj Głos Nadwarcia na Facebook", "pl", "social"),
    ("Luigi Bertone nella sua bottega nel 2015. Foto: Paolo Gatti", "it", "caption"),
    ("De fietsbrug tijdens de proefbelasting vorige week. Foto: Joris Hendriks", "nl", "caption"),
    ("A ponte em construção, em maio. Foto: Rui Lopes", "pt", "caption"),
    ("Most na Warcie w czasie remontu. Fot. Jan Nowak", "pl", "caption"),
    ("Мост через Сольву во время паводка. Фото: Иван Петров", "ru", "caption"),
])
def test_follow_prompts_naming_the_publication_and_caption_sentences(
        text: str, language: str, family: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text,language", [
    ("De gemeente verzamelt voorstellen via Facebook en via haar digitale nieuwsbrief.", "nl"),
    ("Il sindaco segue la vicenda da vicino e ha scritto su Facebook che la strada riaprirà.", "it"),
])
def test_sentences_about_networks_and_photos_survive(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


@pytest.mark.parametrize("text,language", [
    ("大会の全試合は、県高野連の公式YouTubeチャンネルでライブ配信されている。", "ja"),
    ("関連記事によると、市は来年度から新しい路線を検討する。", "ja"),
    ("손님들이 새로 나온 빵 사진을 카카오톡 단체방과 페이스북에 올려 주면서 젊은 손님들이 찾아오기 시작했어요.", "ko"),
    ("公众可通过远川能源官方微信公众号报名参加工厂开放日活动。", "zh"),
    ("更多的市民开始选择骑自行车上班。", "zh"),
])
def test_cjk_sentences_that_name_networks_survive(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


@pytest.mark.parametrize("text", [
    "Facebook said on Tuesday it would share more data with researchers.",
    "Readers were asked to subscribe to the idea that cities can change.",
    "“Just click here and your data is gone,” the researcher warned.",
    "Twitter’s new owner fired half of the staff in a week.",
    "The regulator said sites that use cookies must ask for consent first.",
    "Sign up rates for the programme doubled, the ministry said in its report on Monday.",
    "About Northwind Energy: Northwind builds offshore wind farms in the North Sea.",
    "Share prices fell sharply after the announcement.",
    "Home prices rose 4 percent in March.",
])
def test_content_that_mentions_noise_words_survives(text: str) -> None:
    doc = StripNoise()(doc_of(text))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


def test_newsletter_block_goes_together_but_lone_mentions_stay() -> None:
    doc = StripNoise()(doc_of(
        "Share this article",
        "The Weekly Tide",
        "All the harbour news",
        "Our Weekly Tide newsletter brings you the top stories every Friday.",
        "Sign up and stay informed.",
        "By subscribing, you agree to our Privacy Policy.",
    ))
    assert [b.label for b in doc.blocks] == ["noise"] * 6
    assert doc.blocks[5].rule == "newsletter.privacy"
    assert doc.blocks[3].rule == "newsletter.blurb"
    assert doc.blocks[1].rule == "newsletter.heading"
    # The same blurb without the form around it is an article sentence about newsletters.
    alone = StripNoise()(doc_of("Our Weekly Tide newsletter brings you the top stories every Friday."))
    assert alone.blocks[0].label is None


def test_sandwich_can_be_turned_off() -> None:
    lines = ("Share this article", "The Weekly Tide", "Sign up for our newsletter.")
    assert StripNoise()(doc_of(*lines)).blocks[1].label == "noise"
    assert StripNoise(sandwich=False)(doc_of(*lines)).blocks[1].label is None


def test_user_rule_file(tmp_path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text('[[rules]]\nid = "mysite.banner"\npatterns = ["free shipping on all orders"]\n',
                 encoding="utf-8")
    step = StripNoise(rules=(str(f),))
    doc = step(doc_of("Free shipping on all orders", "A normal sentence about shipping lanes."))
    assert labels(doc)[0] == ("noise", "mysite.banner")
    assert doc.blocks[1].label is None
    # Steps pickle (for worker processes) and keep their rules.
    again = pickle.loads(pickle.dumps(step))
    assert again(doc_of("Free shipping on all orders")).blocks[0].rule == "mysite.banner"


@pytest.mark.parametrize("toml,needle", [
    ("[[rules]\n", "not valid TOML"),
    ('[[rules]]\npatterns = ["x"]\n', "needs an 'id'"),
    ('[[rules]]\nid = "a.b"\n', "needs 'patterns'"),
    ('[[rules]]\nid = "a.b"\npatterns = ["("]\n', "does not compile"),
    ('[[rules]]\nid = "a.b"\npatterns = ["x"]\nmatch = "fuzzy"\n', "match must be"),
    ('[[rules]]\nid = "a.b"\npatterns = ["x"]\ncolour = "red"\n', "unknown keys"),
])
def test_bad_rule_files_say_what_is_wrong(toml: str, needle: str) -> None:
    with pytest.raises(RuleFileError, match=needle):
        load_rule_text(toml, origin="mine.toml")


def test_missing_rule_file() -> None:
    with pytest.raises(RuleFileError, match="cannot read"):
        load_rule_file("/nonexistent/rules.toml")


def test_builtin_ids_are_stable_and_families_known() -> None:
    families = {r.family for r in builtin_rules()}
    assert {"social", "share", "newsletter", "consent", "ads", "nav", "author_bio", "footer",
            "related", "comments", "caption", "promo"} <= families
    for r in builtin_rules():
        assert r.id.replace("_", "").replace(".", "").isalnum(), r.id


def test_rules_take_linear_time_on_adversarial_input() -> None:
    # RE2 guarantees linear time; a pathological line must not hang any rule.
    nasty = ["a" * 5000 + "!", ("ab " * 2000) + "x", "share " * 3000, "> " * 4000, "(" * 5000]
    rules = builtin_rules()
    for text in nasty:
        for r in rules:
            r.matches(text, 5)  # words under every limit, so the pattern really runs


@pytest.mark.parametrize("text,language", [
    ("Leave a Reply Cancel reply", "en"),
    ("Hinterlasse eine Antwort", "de"),
    ("Schreibe einen Kommentar Antworten abbrechen", "de"),
    ("Laisser un commentaire", "fr"),
    ("Deja una respuesta", "es"),
    ("Lascia un commento", "it"),
    ("Geef een reactie", "nl"),
    ("Dodaj komentarz", "pl"),
    ("Deixe um comentário", "pt"),
    ("Добавить комментарий", "ru"),
    ("Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr darüber, wie "
     "deine Kommentardaten verarbeitet werden.", "de"),
])
def test_comment_forms_are_comments_in_each_language(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == "comments"


@pytest.mark.parametrize("text,language", [
    ("Lee Roe war mit Talent gesegnet. | © Augusta National/Getty Images", "de"),
    ("Microsoft plans to cut its emissions by half. Mike Blake/Reuters files", "en"),
    ("Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com", "de"),
    ("Nicht labern, ranklotzen! Foto: Timur | flickr | CC BY 2.0", "de"),
    ("Regenerative Energien und moderne Stadtkonzepte. © Thinkstock", "de"),
    ("Vertreter der Verbände sprachen mit der Ministerin. (Bildquelle: Ring der Jugend)", "de"),
])
def test_captions_that_end_with_their_credit(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert (doc.blocks[0].label, doc.blocks[0].rule) == ("noise", "caption.credit"), text


@pytest.mark.parametrize("text,language", [
    ("von Alexander Karper Foto: © GEPA", "de"),  # a byline with its photo credit
    ("The deal was first reported by Reuters on Monday, people familiar with it said.", "en"),
    ("She joined AFP in 2004 and later ran its desk in Nairobi.", "en"),
])
def test_credit_shapes_leave_bylines_and_prose_alone(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].rule != "caption.credit", text


def test_the_page_headline_is_never_a_widget_heading() -> None:
    lines = ["Steigende Mieten | Der Talbote", "Impressum", "Steigende Mieten",
             "Schreibe eine Antwort", "Die Mieten stiegen im Mai erneut, sagte die Stadt."]
    doc = StripNoise()(doc_of(*lines, language="de"))
    assert doc.blocks[1].label == "noise" and doc.blocks[3].rule.startswith("comments.")
    assert doc.blocks[2].label is None  # the headline, between two pieces of debris
    lines[2] = "Unser Newsletter"  # any other heading there goes with the widget below
    other = StripNoise()(doc_of(*lines, language="de"))
    assert other.blocks[2].label == "noise"


@pytest.mark.parametrize("text,language,rule", [
    ("Newsletter", "de", "newsletter.heading"),
    ("Our newsletter", "en", "newsletter.heading"),
    ('<form class="third-party-services__form" data-service="twitter" method="post">', "de",
     "boilerplate.markup"),
    ("Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine "
     "Verbindung zu Twitter her.", "de", "consent.embed"),
    ("Datenschutzeinstellungen verwalten", "de", "consent.embed"),
    ("Load external content", "en", "consent.embed"),
    ("Sign me up", "en", "newsletter.signup"),
])
def test_sign_up_boxes_embed_stand_ins_and_leaked_markup(text: str, language: str,
                                                         rule: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert (doc.blocks[0].label, doc.blocks[0].rule) == ("noise", rule), text


def test_a_newsletter_pitch_between_its_heading_and_its_button_goes_with_them() -> None:
    doc = StripNoise()(doc_of(
        "Die Stadt plant neue Radwege entlang des Flusses, sagte der Bürgermeister am Montag.",
        "Newsletter",
        "Immer aktuell informiert über Sparmöglichkeiten und Tipps rund um Ihre Finanzen",
        "Jetzt anmelden", language="de"))
    assert [b.label for b in doc.blocks] == [None, "noise", "noise", "noise"]


@pytest.mark.parametrize("text", [
    "The newsletter, launched in 2019, now reaches 40,000 readers every week.",
    "Use <div> elements sparingly, the style guide says, and prefer semantic tags.",
])
def test_sentences_about_newsletters_and_markup_survive(text: str) -> None:
    doc = StripNoise()(doc_of(text))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


@pytest.mark.parametrize("text,language,family", [
    ("Abbildung 4: Die grösste Lawine dieser Berichtsperiode wurde am Montag ausgelöst.", "de",
     "caption"),
    ("Figure 2: Sales by region, 2019-2021", "en", "caption"),
    ("Tabela 1. Wyniki głosowania w okręgach", "pl", "caption"),
    ("Empfohlener redaktioneller Inhalt", "de", "consent"),
    ("An dieser Stelle findet Ihr einen externen Inhalt von Instagram, der den Artikel ergänzt.",
     "de", "consent"),
    ("A post shared by Jo Roe (@jo.roe)", "en", "social"),
    ("Jede kleine Spende hilft den Menschen vor Ort!", "de", "promo"),
    ("Jetzt spenden!", "de", "promo"),
    ("Explore further", "en", "related"),
    ("Auch auf talbote.de", "de", "related"),
    ("Kurz notiert", "de", "related"),
    ("Advertising Disclosure", "en", "ads"),
])
def test_figure_captions_embeds_appeals_and_labels(text: str, language: str, family: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text,language", [
    ("Figures from the ministry show 4 in 10 homes still lack fibre.", "en"),
    ("Die Tabelle zeigt, wie stark die Mieten seit 2019 gestiegen sind.", "de"),
    ("Spenden gingen im vergangenen Jahr um zwölf Prozent zurück, teilte der Verband mit.", "de"),
])
def test_sentences_that_start_like_those_labels_survive(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


@pytest.mark.parametrize("text,language,family", [
    ("Bild anzeigen", "de", "caption"),
    ("Zum Vergrößern auf das Bild klicken", "de", "caption"),
    ("HIER KOSTENLOS ANMELDEN", "de", "newsletter"),
    ("Click to enlarge", "en", "caption"),
    ("View gallery", "en", "caption"),
])
def test_picture_controls_and_sign_up_buttons(text: str, language: str, family: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text,language", [
    ("Das Bild zeigt den Hafen im Jahr 1910, kurz vor dem großen Brand.", "de"),
    ("Click through the gallery to see how the bridge changed over a century.", "en"),
])
def test_sentences_about_pictures_survive(text: str, language: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


@pytest.mark.parametrize("text,language,family", [
    ("Powered by Nikola", "en", "footer"),
    ("All content is licensed under a Creative Commons Attribution 4.0 License.", "en",
     "footer"),
    ("The views expressed here are those of the author and not of the publication.", "en",
     "footer"),
    ("Les opinions exprimées dans les blogs n'engagent que leurs auteurs.", "fr", "footer"),
    ("Instant access to the full article PDF.", "en", "promo"),
    ("Para comentar debes registrarte y completar los datos generales.", "es", "promo"),
])
def test_credits_disclaimers_and_purchase_options(text: str, language: str, family: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


@pytest.mark.parametrize("text", [
    "The plant is powered by two gas turbines and a small solar farm, the company said.",
    "Readers get instant access to the archive, the publisher said on Monday.",
])
def test_sentences_like_credits_survive(text: str) -> None:
    doc = StripNoise()(doc_of(text))
    assert doc.blocks[0].label is None, doc.blocks[0].rule


@pytest.mark.parametrize("text,language,family", [
    ("HIER KOSTENLOS ANMELDEN »", "de", "newsletter"),
    ("Sign up now ›", "en", "newsletter"),
    ("Bild anzeigen Bild schließen", "de", "caption"),
    ("All content is licensed under a Creative Commons Attribution 4.0 International "
     "License, unless stated otherwise.", "en", "footer"),
])
def test_link_arrows_and_control_rows(text: str, language: str, family: str) -> None:
    doc = StripNoise()(doc_of(text, language=language))
    assert doc.blocks[0].label == "noise", text
    assert doc.blocks[0].rule.split(".")[0] == family


def test_a_breadcrumb_keeps_its_arrows() -> None:
    doc = StripNoise()(doc_of("Home > World > Asia >"))
    assert doc.blocks[0].rule.startswith("nav.")
