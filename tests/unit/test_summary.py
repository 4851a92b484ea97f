"""The workshop summary: memo-style text in three languages, and user text that stays text."""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitation.summary import (
    count_phrase,
    escape_markdown,
    format_date,
    markdown_to_text,
    render_html,
    write_summary,
)


def workshop_data(language="fi", text=None):
    """Return a realistic workshop; with `text`, that text fills every user-text slot."""
    def say(default):
        return default if text is None else text
    return {
        "workshop": {"title": say("Keski-Suomen verkostotapaaminen"), "date": "2026-05-15",
                     "place": say("Jyväskylä"), "language": language,
                     "next_meeting": say("Syyskuussa, paikka tarkentuu"),
                     "organiser": say("Työllisyyshankkeiden verkosto")},
        "topics": [{
            "title": say("Verkostoyhteistyön tavoitteet"),
            "prompts": [say("Mitä tavoittelemme yhdessä?")],
            "themes": [
                {"label": say("tuleva yhteistyö hankkeissa"), "count": 5,
                 "notes": [say("Yhteiset hankehakemukset seuraavalle kaudelle")]},
                {"label": say("tapahtumien järjestäminen yhdessä"), "count": 4, "notes": []},
                {"label": say("selkoa rahoittajien ohjaukseen?"), "count": 1, "notes": []}],
            "crystallisations": [{"table": say("Pöytä 1"),
                                  "text": say("Verkostotyö on ennen kaikkea ihmissuhteita.")}],
            "top_notes": [{"text": say("Yhteinen ohjauspäivä syksyllä"), "votes": 7},
                          {"text": say("Seminaarikalenteri"), "votes": 1}]}],
        "actions": [{"text": say("Kootaan yhteinen seminaarikalenteri"),
                     "owner": say("Nuorten hanke"), "due": "2026-06-01",
                     "topic": say("Tapahtumat")}],
        "attendance": {"by_type": {say("järjestö"): 9, "kunta/työllisyysalue": 4,
                                   "oppilaitos": 0},
                       "in_room": 12, "remote": 3, "total": 15},
        "feedback": {"count": 12, "mean": 3.25,
                     "distribution": {"1": 0, "2": 2, "3": 5, "4": 5},
                     "takeaways": [say("Uudet kontaktit")],
                     "wishes": [say("Lisää esimerkkejä verkostoista")]},
        "contacts": [{"name": say("Maija Meikäläinen"), "organisation": say("Esimerkki ry"),
                      "email": say("maija@example.fi")}]}


class Page(HTMLParser):
    """Collects an HTML page's elements with their attributes, and its visible text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts = [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, sorted(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, sorted(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    def handle_comment(self, data):
        self.elements.append(("<!--", [("text", data)]))

    @property
    def text(self):
        """Return the visible text with its whitespace collapsed."""
        return re.sub(r"\s+", " ", "".join(self.texts))


def headings_of(markdown_text):
    """Return the (level, text) of each heading in summary Markdown."""
    return [(len(hashes), text) for hashes, text in
            re.findall(r"^(#{1,6}) (.*)$", markdown_text, flags=re.M)]


def test_a_finnish_workshop_reads_like_the_network_memos():
    summary = write_summary(workshop_data("fi"))
    assert headings_of(summary) == [
        (1, "Keski-Suomen verkostotapaaminen"), (2, "Verkostoyhteistyön tavoitteet"),
        (3, "Kysymykset"), (3, "Teemat"), (3, "Kiteytykset"), (3, "Eniten ääniä saaneet laput"),
        (2, "Sovitut toimenpiteet"), (2, "Osallistujat"), (3, "Organisaatiotyypeittäin"),
        (2, "Palaute"), (3, "Tärkein anti"), (3, "Toiveet seuraavaan kertaan"),
        (2, "Yhteystiedot"), (2, "Seuraava tapaaminen")]
    for line in ["15.5.2026, Jyväskylä",
                 "- tuleva yhteistyö hankkeissa – viisi (5) mainintaa",
                 "    - Yhteiset hankehakemukset seuraavalle kaudelle",
                 "- tapahtumien järjestäminen yhdessä – neljä (4) mainintaa",
                 "- selkoa rahoittajien ohjaukseen? – yksi (1) maininta",
                 "- **Pöytä 1:** Verkostotyö on ennen kaikkea ihmissuhteita.",
                 "- Yhteinen ohjauspäivä syksyllä – 7 ääntä", "- Seminaarikalenteri – 1 ääni",
                 "- Kootaan yhteinen seminaarikalenteri (vastuu: Nuorten hanke; "
                 "määräaika: 1.6.2026; aihe: Tapahtumat)",
                 "- Paikan päällä: 12", "- Etänä: 3", "- Yhteensä: 15",
                 "- järjestö: 9", "- kunta/työllisyysalue: 4",
                 "- Vastauksia: 12", "- Keskiarvo: 3,2 / 4",
                 "- Jakauma: heikko 0, tyydyttävä 2, hyvä 5, kiitettävä 5",
                 "- Maija Meikäläinen, Esimerkki ry, maija@example.fi",
                 "Järjestäjä: Työllisyyshankkeiden verkosto"]:
        assert line in summary.splitlines(), line
    assert "oppilaitos" not in summary


def test_a_swedish_workshop_has_swedish_headings_and_words():
    summary = write_summary(workshop_data("sv"))
    assert [text for level, text in headings_of(summary) if level > 1] == [
        "Verkostoyhteistyön tavoitteet", "Frågor", "Teman", "Sammanfattningar",
        "Lappar med flest röster", "Överenskomna åtgärder", "Deltagare", "Per organisationstyp",
        "Respons", "Det viktigaste att ta med sig", "Önskemål inför nästa gång",
        "Kontaktuppgifter", "Nästa möte"]
    for line in ["15.5.2026, Jyväskylä",
                 "- tuleva yhteistyö hankkeissa – fem (5) omnämnanden",
                 "- selkoa rahoittajien ohjaukseen? – ett (1) omnämnande",
                 "- Yhteinen ohjauspäivä syksyllä – 7 röster", "- Seminaarikalenteri – 1 röst",
                 "- Medelvärde: 3,2 / 4", "- Fördelning: svag 0, nöjaktig 2, god 5, berömlig 5",
                 "- På plats: 12"]:
        assert line in summary.splitlines(), line


def test_an_english_workshop_has_english_headings_and_words():
    summary = write_summary(workshop_data("en"))
    assert [text for level, text in headings_of(summary) if level > 1] == [
        "Verkostoyhteistyön tavoitteet", "Questions", "Themes", "Crystallisations",
        "Notes with the most votes", "Agreed actions", "Attendance", "By organisation type", "Feedback",
        "Key takeaways", "Wishes for next time", "Contacts", "Next meeting"]
    for line in ["15 May 2026, Jyväskylä",
                 "- tuleva yhteistyö hankkeissa – five (5) mentions",
                 "- selkoa rahoittajien ohjaukseen? – one (1) mention",
                 "- Kootaan yhteinen seminaarikalenteri (owner: Nuorten hanke; "
                 "due: 1 June 2026; topic: Tapahtumat)",
                 "- Mean: 3.2 / 4", "- Distribution: poor 0, fair 2, good 5, excellent 5"]:
        assert line in summary.splitlines(), line


def test_feedback_is_left_out_when_there_is_none():
    data = workshop_data()
    data["feedback"] = None
    summary = write_summary(data)
    assert "## Palaute" not in summary and "Keskiarvo" not in summary


def test_empty_sections_are_left_out():
    summary = write_summary({"workshop": {"title": "Pelkkä otsikko", "language": "fi"},
                             "topics": [{"title": "Aihe", "prompts": [], "themes": [],
                                         "crystallisations": [], "top_notes": []}],
                             "actions": [], "attendance": {"by_type": {}}, "feedback": None,
                             "contacts": []})
    assert summary == "# Pelkkä otsikko\n"


def test_attendance_is_left_out_when_nobody_was_counted():
    data = workshop_data()
    data["attendance"] = {"by_type": {"järjestö": 0}, "in_room": 0, "remote": 0, "total": 0}
    assert "## Osallistujat" not in write_summary(data)


def test_a_next_meeting_date_is_written_the_local_way():
    data = workshop_data()
    data["workshop"]["next_meeting"] = "2026-09-03"
    assert write_summary(data).rstrip().endswith("## Seuraava tapaaminen\n\n3.9.2026")


@pytest.mark.parametrize("count, language, expected", [
    (1, "fi", "yksi (1) maininta"), (2, "fi", "kaksi (2) mainintaa"),
    (5, "fi", "viisi (5) mainintaa"), (11, "fi", "yksitoista (11) mainintaa"),
    (20, "fi", "kaksikymmentä (20) mainintaa"), (21, "fi", "21 mainintaa"),
    (0, "fi", "0 mainintaa"), (1, "sv", "ett (1) omnämnande"),
    (5, "sv", "fem (5) omnämnanden"), (20, "sv", "tjugo (20) omnämnanden"),
    (21, "sv", "21 omnämnanden"), (1, "en", "one (1) mention"),
    (5, "en", "five (5) mentions"), (13, "en", "thirteen (13) mentions"),
    (120, "en", "120 mentions")])
def test_counts_are_written_in_words_up_to_twenty(count, language, expected):
    assert count_phrase(count, language) == expected


@pytest.mark.parametrize("mean, language, expected", [
    (3.2, "fi", "3,2 / 4"), (3.25, "sv", "3,2 / 4"), (2.96, "fi", "3,0 / 4"),
    (3.2, "en", "3.2 / 4")])
def test_the_mean_rating_has_a_decimal_comma_in_finnish_and_swedish(mean, language, expected):
    data = workshop_data(language)
    data["feedback"]["mean"] = mean
    assert expected in write_summary(data)


@pytest.mark.parametrize("value, language, expected", [
    ("2026-05-15", "fi", "15.5.2026"), ("2026-12-01", "sv", "1.12.2026"),
    ("2026-05-15", "en", "15 May 2026"), ("ensi keväänä", "fi", "ensi keväänä")])
def test_dates_are_written_the_local_way(value, language, expected):
    assert format_date(value, language) == expected


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="http://evil.example/x.png">',
    "[klikkaa](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "![](http://evil.example/track.png)",
    "![kuva](javascript:alert(1))",
    "# heading",
    "## toinen otsikko",
    "> quote",
    "- list item",
    "+ plus item",
    "1. numbered",
    "3) numbered",
    "<a href=\"javascript:alert(1)\">linkki</a>",
    "<a href='http://evil.example' onclick='x()'>linkki</a>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#106;avascript:alert(1) &amp; &#x3C;b&#x3E;",
    "`code` and ```fenced```",
    "<!-- piilossa --> näkyvä",
    "<javascript:alert(1)>",
    "<http://evil.example>",
    "<mailto:x@evil.example>",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "[1]: http://evil.example",
    "**lihava** _kursiivi_ *tähti* __alaviiva__",
    "tekstiä\n# injected heading",
    "tekstiä\r\n## injected\r\n<script>x</script>",
    "rivi\u2028# line separator heading",
    "rivi\u0085# next line heading",
    "\u202eevil\u202c reversed",
    "ｊａｖａｓｃｒｉｐｔ：alert（1） ＜script＞",
    "java\tscript:alert(1)",
    "    indented code block",
    "otsikko\n=======",
    "otsikko\n-------",
    "***",
    "| a | b |\n|---|---|\n| c | d |",
    "<svg/onload=alert(1)>",
    "<iframe src=\"http://evil.example\"></iframe>",
    "<style>body{display:none}</style>",
    "\\<script>alert(1)\\</script>",
    "C:\\Users\\kahvila\\",
    "<<script>script>alert(1)<</script>/script>",
    "[a](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<details open ontoggle=alert(1)>",
    "trailing hashes ##",
    "Kiitos! 😀 \u200d yhteistyöstä",
]

_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def as_seen(text):
    """Return user text as a reader sees it: one line, bidi controls dropped on purpose."""
    return re.sub(r"\s+", " ", text.translate(_BIDI)).strip()


BENIGN = Page(render_html(write_summary(workshop_data("fi", text="tavallinen teksti"))))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_creates_no_markup_and_loses_no_words(hostile):
    page = Page(render_html(write_summary(workshop_data("fi", text=hostile))))
    # The same elements as for harmless text: no heading, link, image or script was made.
    assert page.elements == BENIGN.elements
    for tag, attrs in page.elements:
        assert tag not in ("script", "img", "a", "iframe", "svg", "style")
        for name, value in attrs:
            assert not name.startswith("on")
            assert "javascript:" not in (value or "").lower()
    slots = BENIGN.text.count("tavallinen teksti")
    assert page.text.count(as_seen(hostile)) >= slots >= 20


_MARKUP_PIECES = st.sampled_from(
    list("<>&#*_`[]()!\\-+=|:;/\"'{}~.1 \n\tax") +
    ["\u2028", "\u202e", "&lt;", "&#x3C;", "<!--", "-->", "javascript:", "](", "![", "    "])


@settings(max_examples=150, deadline=None)
@given(st.lists(_MARKUP_PIECES, min_size=1, max_size=16).map("".join))
def test_any_mix_of_markup_characters_stays_text(text):
    if not as_seen(text):
        return
    summary = write_summary(workshop_data("fi", text=text))
    page = Page(render_html(summary))
    assert page.elements == BENIGN.elements
    assert page.text.count(as_seen(text)) >= 20
    assert as_seen(text) in markdown_to_text(summary)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_is_plain_in_the_email_text_part(hostile):
    text = markdown_to_text(write_summary(workshop_data("fi", text=hostile)))
    assert as_seen(hostile) in text


def test_the_html_has_no_raw_script_or_image_tags():
    html = render_html(write_summary(workshop_data("fi", text=" ".join(HOSTILE))))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert all(not name.startswith("on") for _, attrs in Page(html).elements
               for name, _ in attrs)


@pytest.mark.parametrize("text, expected", [
    ("# otsikko", "\\# otsikko"), ("- kohta", "\\- kohta"), ("> lainaus", "\\> lainaus"),
    ("1. kohta", "1\\. kohta"), ("a <b> & c", "a &lt;b> &amp; c"),
    ("[x](y)", "\\[x\\](y)"), ("rivi\n# toinen", "rivi \\# toinen"), (None, ""),
    ("  väli  ", "väli"), ("C#", "C\\#"), ("a_b*c`d\\", "a\\_b\\*c\\`d\\\\")])
def test_escape_markdown_neutralises_markup(text, expected):
    assert escape_markdown(text) == expected


def test_render_html_keeps_safe_links_and_drops_unsafe_ones():
    html = render_html("[ok](https://example.fi) [mail](mailto:a@example.fi) "
                       "[bad](javascript:alert(1))\n\n<script>x()</script>\n\n"
                       '<p onclick="x()">p</p>')
    assert '<a href="https://example.fi" rel="noopener noreferrer">ok</a>' in html
    assert 'href="mailto:a@example.fi"' in html
    assert "javascript:" not in html and "<script" not in html and "onclick" not in html


def test_render_html_keeps_the_tags_a_summary_needs():
    html = render_html("# A\n\n## B\n\n### C\n\n1. x\n2. y\n\n**s** *e*\n\n---\n\n"
                       "| a | b |\n|---|---|\n| c | d |\n")
    for tag in ("<h1>", "<h2>", "<h3>", "<ol>", "<li>", "<strong>", "<em>", "<hr>",
                "<table>", "<thead>", "<tbody>", "<tr>", "<th", "<td"):
        assert tag in html, tag


def test_the_text_part_underlines_headings_and_drops_markup():
    text = markdown_to_text("# Otsikko\n\n## Osio\n\n- **Pöytä 1:** teksti \\# ja "
                            "&lt;b> [linkki](https://example.fi)\n")
    assert text == ("Otsikko\n=======\n\nOsio\n----\n\n"
                    "- Pöytä 1: teksti # ja <b> linkki (https://example.fi)\n")


@pytest.mark.parametrize("link", ["www.evil.example", "WWW.evil.example/kirjaudu",
                                  "https://evil.example/kirjaudu", "javascript:alert(1)"])
def test_a_link_in_a_note_is_text_not_a_link_in_the_summary(link):
    note = f"Katso {link} – Työllisyyspalveluiden yhteensovittaminen"
    summary = write_summary(workshop_data("fi", text=note))
    # Renderers that autolink bare addresses (GitHub, many mail programs) find none.
    assert link not in summary and link.lower() not in summary.lower()
    assert note in markdown_to_text(summary)
    page = Page(render_html(summary))
    assert all(tag != "a" for tag, _attrs in page.elements)
    assert page.text.count(note) >= 20
