"""Pages in legacy encodings, written for the decoding tests: (codec, language, text).

Each text is a short news paragraph in its language whose non-ASCII letters are the ones
that code page exists for; the page carries no charset declaration, so only the bytes
tell the encoding.
"""

LEGACY_PAGES: list[tuple[str, str, str]] = [
    ("cp1252", "en",
     "The café in Zürich sold naïve paintings for £5 each, and the São Paulo gallery "
     "quoted «fair prices» for the rest. The owner said the show would open on Monday "
     "and that the proceeds would go to the harbour fund."),
    ("cp1252", "fr",
     "Le maire a annoncé mercredi que la rénovation du théâtre coûtera près de trois "
     "millions d’euros. « Nous avons hésité longtemps », a-t-il déclaré, mais la ville "
     "doit préserver ce bâtiment où les élèves répètent chaque été."),
    ("cp1252", "de",
     "Die Stadtwerke haben am Dienstag höhere Gebühren für Wasser und Strom angekündigt. "
     "Der Bürgermeister sagte, die Erhöhung sei nötig, weil die Leitungen über fünfzig "
     "Jahre alt seien und die Brücke über den Fluß saniert werden müsse."),
    ("cp1252", "es",
     "El ayuntamiento aprobó el jueves un presupuesto de emergencia para reparar el "
     "puente. Según la alcaldesa, las obras comenzarán en otoño y la circulación se "
     "desviará por la avenida del río durante seis meses, aunque los vecinos protestan."),
    ("cp1252", "pt",
     "A prefeitura de São Paulo anunciou na terça-feira que a reforma da estação "
     "custará mais do que o previsto. Segundo o secretário, a obra não será concluída "
     "antes de março, e os passageiros terão de usar ônibus até lá."),
    ("iso-8859-15", "fr",
     "Le prix du billet passe à 12 € dès lundi, a indiqué la société. Les usagers "
     "réguliers bénéficieront d'une réduction, mais le cœur du réseau restera fermé "
     "pendant les travaux prévus cet été."),
    ("cp1250", "pl",
     "Władze miasta ogłosiły w środę, że remont mostu potrwa dłużej, niż zakładano. "
     "Według rzecznika ratusza prace zakończą się dopiero jesienią, a kierowcy muszą "
     "korzystać z objazdu przez ulicę Żeglarską i plac Wolności."),
    ("cp1250", "cs",
     "Radnice ve středu oznámila, že oprava mostu potrvá déle, než se čekalo. Podle "
     "mluvčího budou řidiči až do podzimu jezdit objížďkou přes náměstí, kde se také "
     "rozšíří chodníky a přibudou nové lavičky."),
    ("iso-8859-2", "hu",
     "A városi közgyűlés szerdán úgy döntött, hogy a hidat ősszel újítják fel. A "
     "polgármester szerint a munkálatok hat hónapig tartanak, és ezalatt a forgalmat a "
     "folyóparti úton vezetik át, amit a lakók nem örömmel fogadtak."),
    ("cp1251", "ru",
     "Городские власти в среду объявили, что ремонт моста продлится дольше, чем "
     "ожидалось. По словам представителя мэрии, работы завершатся только осенью, а "
     "водителям придётся ездить в объезд через центральную площадь."),
    ("koi8-r", "ru",
     "Министерство сообщило во вторник, что новая линия метро откроется в декабре. "
     "Строители уже закончили основные работы, и теперь на станциях проверяют "
     "освещение, эскалаторы и систему вентиляции."),
    ("cp1254", "tr",
     "Belediye başkanı çarşamba günü yaptığı açıklamada köprünün onarımının sonbahara "
     "kadar süreceğini söyledi. Sürücüler bu süre boyunca şehir merkezindeki alternatif "
     "güzergâhı kullanmak zorunda kalacak ve işçiler gece de çalışacak."),
    ("cp1253", "el",
     "Ο δήμαρχος ανακοίνωσε την Τετάρτη ότι η επισκευή της γέφυρας θα διαρκέσει μέχρι "
     "το φθινόπωρο. Οι οδηγοί θα χρησιμοποιούν την παραλιακή οδό, ενώ οι εργασίες θα "
     "συνεχίζονται και τη νύχτα."),
    ("shift_jis", "ja",
     "市は水曜日、橋の修理が秋まで続くと発表した。工事の間、運転手は川沿いの道路を"
     "使う必要があり、市役所は住民に協力を求めている。"),
    ("gb18030", "zh",
     "市政府星期三宣布，大桥的维修工程将持续到秋天。在此期间，司机需要绕行沿河道路，"
     "市政府呼吁市民予以配合。"),
    ("euc-kr", "ko",
     "시 당국은 수요일 다리 보수 공사가 가을까지 계속될 것이라고 발표했다. 공사 기간 동안 "
     "운전자들은 강변 도로를 이용해야 하며 시청은 주민들의 협조를 당부했다."),
]


def page_html(text: str) -> str:
    """An HTML page around ``text`` that declares no charset."""
    return (f"<html><head><title>News</title></head><body><article><h1>News of the day</h1>"
            f"<p>{text}</p></article></body></html>")
