"""Hand-kept word lists: lemma fixes, generic compound parts and synonym groups per language.

A synonym group ("concept") gathers the words people in employment-services networks use
for one idea, so that notes saying the same thing in other words meet; the groups live in
thesaurus.py (Finnish) and thesaurus_sv_en.py. Keep each group to one topic: a group that
is too wide glues unrelated themes together.
"""

from .thesaurus import FINNISH
from .thesaurus_sv_en import ENGLISH, SWEDISH

# The lemmatiser's known slips on words the field writes often.
LEMMA_FIXES = {
    "fi": {
        "yhdessä": "yhdessä",  # "together", not a form of "yksi"
        "tutut": "tuttu", "tuttuja": "tuttu", "tuttu": "tuttu", "tuttujen": "tuttu",
        "opot": "opo", "opoja": "opo", "opojen": "opo",
        "ideoiden": "idea", "ideoita": "idea", "ideat": "idea",
        "jatkossa": "jatkossa",  # "from now on", not the noun "jatko"
        "some": "some", "somessa": "some", "someen": "some",
        "chatissa": "chat", "chat": "chat",
        "työ": "työ",  # not a form of "sinä"
        "yhteen": "yksi", "avun": "apu", "tuet": "tuki", "keskeyttäneiden": "keskeyttänyt",
        "palveluista": "palvelu", "palvelut": "palvelu",
    },
    "sv": {},
    "en": {},
}

# Compound parts too generic to link two notes by themselves ("-työ" is "-work").
WEAK_PARTS = {
    "fi": frozenset({"työ", "toiminta", "asia", "osa", "paikka", "aika", "kerta", "tapa"}),
    "sv": frozenset({"arbete", "sak", "del", "tid", "sätt"}),
    "en": frozenset(),
}

# Short words allowed as compound parts (other parts need five letters, first parts four).
SHORT_PARTS = {
    "fi": frozenset({"työ", "maa", "yö", "tie", "uni", "tuki", "paja", "talo", "aika", "koti",
                     "tila", "kone", "raha", "laki", "apu", "ala", "kela"}),
    "sv": frozenset({"tid", "dag", "liv", "jobb", "brev", "gång", "stöd", "hus", "plan"}),
    "en": frozenset(),
}

# Endings the dictionary lists as words but that are suffixes in a compound's place.
BAD_TAILS = {
    "fi": frozenset({"vaisuus", "vamma", "aari", "isto", "lainen", "läinen", "isyys",
                     "isuus", "mainen", "llinen", "sesti", "llisesti"}),
    "sv": frozenset({"amma", "lappa"}),
    "en": frozenset(),
}

CONCEPTS = {"fi": FINNISH, "sv": SWEDISH, "en": ENGLISH}
