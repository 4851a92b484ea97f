"""Stop words per language and a stop-word/character language guess for a set of notes."""

import re

LANGUAGES = ("fi", "sv", "en")

# Function words, plus the filler every workshop writes ("more", "important", "must"):
# they say nothing about which theme a note belongs to.
STOP_WORDS = {
    "fi": frozenset("""
        ja tai sekä myös että kun jos niin kuin mutta vaan eli sillä koska jotta ettei eikä
        vai sitten siis ei en et emme ette eivät olla on ovat oli olisi ole ollut
        se ne sen niiden tämä nämä tuo nuo joka jotka mikä mitkä kuka ketkä mitä miten
        miksi missä mihin mistä milloin jossa jonne josta jolla joita joiden minä sinä hän
        me te he itse oma jokainen kaikki muu muut toinen eri enemmän lisää vähemmän
        paljon liian hyvin hyvä tärkeä tärkeää pitää pitäisi voida voi saada saa tulla
        tehdä mukaan kanssa kesken välillä jälkeen ennen sijaan asti vain jo vielä nyt
        aina heti ihan kyllä jne esim ym yms mm kautta yli ilman joku jokin mikään
        kukaan moni monta useampi ensin siellä täällä tässä siinä näin noin kohti
        työ asia juttu tapa osa lisä voida tieto
    """.split()),
    "sv": frozenset("""
        och eller samt också att som om när så men utan eftersom för till från med av på
        i vid över under mellan efter före inte ej är vara var varit blir bli ha har hade
        den det de dem denna detta dessa man vi ni han hon jag du sig sin sitt sina
        egen eget egna alla all allt varje någon något några annan andra olika mer mera
        mycket lite för viktig viktigt måste ska skall kan kunna få får bör behöva
        göra gör med även bara redan nu alltid direkt ju väl osv t ex mm här där hur
        vad vem varför vilken vilket vilka så sätt sak del en ett över
    """.split()),
    "en": frozenset("""
        and or also that when if so than but because for to from with of on in at by
        over under between after before not no is are was were be been being has have
        had do does did doing the a an this these that those it its they them their we
        our you your he she i me my who whom which what how why where there here own
        each every all other others more less much many some any very too just only
        already now always must should can could may might will would get gets make
        instead as about into than don't doesn't isn't aren't can't won't thing way
    """.split()),
}

# Letters and endings that separate the three languages on a few words each.
_MARKERS = {
    "fi": re.compile(r"(ää|öö|yy|uu|ssa\b|ssä\b|sta\b|stä\b|lla\b|llä\b|ksi\b|ien\b|iden\b)"),
    "sv": re.compile(r"(å|\boch\b|\batt\b|\bför\b|\bmed\b|tion\b|het\b|ning\b)"),
    "en": re.compile(r"(\bthe\b|\band\b|\bof\b|\bfor\b|tion\b|ing\b|\bw)"),
}
_WORD = re.compile(r"[^\W\d_]+")


def normalise_language(code):
    """Return 'fi', 'sv' or 'en' for a code such as 'FI' or 'sv-FI'; raise ValueError otherwise."""
    short = str(code).strip().lower()[:2]
    if short not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r} (use one of {', '.join(LANGUAGES)})")
    return short


def _score(text, language):
    """Count stop words and telltale letter patterns of one language in a text."""
    words = _WORD.findall(text)
    hits = sum(1 for word in words if word in STOP_WORDS[language])
    return hits + len(_MARKERS[language].findall(text))


def detect_language(texts):
    """Guess the language of a set of texts; Finnish when nothing tells them apart."""
    joined = " ".join(texts).lower()
    scores = {language: _score(joined, language) for language in LANGUAGES}
    if "å" not in joined and not re.search("[äö]", joined):
        # Without å, ä or ö a set is hardly Finnish or Swedish: favour English.
        scores["en"] += 0.3 * len(_WORD.findall(joined))
    best = max(LANGUAGES, key=lambda language: scores[language])
    return best if scores[best] > 0 else "fi"
