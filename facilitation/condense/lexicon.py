"""Hand-kept word lists: lemma fixes, generic compound parts and synonym groups per language.

A synonym group ("concept") gathers the words people in employment-services networks use
for one idea, so that notes saying the same thing in other words meet. An entry ending in
"*" matches every lemma or compound part that starts with it. Keep the groups small and
about the field: a group that is too wide glues unrelated themes together.
"""

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
    "fi": frozenset({"vaisuus", "vamma", "aari", "isto", "lainen", "läinen"}),
    "sv": frozenset({"amma", "lappa"}),
    "en": frozenset(),
}

CONCEPTS = {
    "fi": {
        "future": ("tuleva", "tulevaisuus", "jatkossa", "seuraava"),
        "cooperation": ("yhteistyö*", "kumppani*", "kumppanuus", "yhteistoiminta"),
        "project": ("hanke*", "projekti*"),
        "event": ("tapahtuma*", "seminaari*", "tilaisuus", "messut", "tapaamis*"),
        "overlap": ("päällekkäinen", "päällekkäisyys", "päällekkäisyyttä", "limittäinen"),
        "acquaintance": ("tuttu", "tuntea", "tutustua", "tutustuminen", "henkilökohtainen",
                         "henkilökohtaisesti", "kasvokkain"),
        "evidence": ("vaikuttavuus", "tutkimus*", "tutkittu", "mitata", "mittari",
                     "mittaaminen", "arviointi", "arvioida", "näyttöön"),
        "advocacy": ("vaikuttaminen", "vaikuttamistyö", "päättäjä", "näkyvyys", "lobbaus",
                     "edunvalvonta", "poliitikko", "kannanotto"),
        "idea": ("idea", "ideoida", "innovaatio", "ajatus"),
        "skills": ("osaaminen", "osaamis*", "taito", "taidot", "pätevyys"),
        "recognise": ("tunnistaa", "tunnistaminen", "näkyväksi", "dokumentointi",
                      "dokumentoida", "kirjata", "kirjaaminen", "todistus"),
        "school": ("oppilaitos", "ammattiopisto", "opettaja", "koulu", "opo", "opinto*",
                   "opinnot", "ammattikoulu", "lukio", "peruskoulu"),
        "training": ("koulutus*", "perehdytys", "valmennus", "koulutuspäivä", "käsikirja"),
        "motivation": ("motivaatio", "motivoida", "itsetunto", "onnistuminen", "innostus",
                       "edistyminen", "usko"),
        "funding": ("rahoitus", "hankerahoitus", "resurssi", "raha", "maksaa",
                    "henkilöstö", "määräraha"),
        "task": ("työtehtävä", "tehtävä", "kuvaus", "kuvata", "tutkinnon", "tutkinto"),
        "outreach": ("etsivä", "jalkautua", "jalkautuminen", "jalkautuva", "kotikäynti",
                     "liikkuva", "pop"),
        "digital": ("some", "insta*", "tiktok*", "whatsapp*", "chat", "disco*",
                    "verkko", "digitaalinen", "digi*", "sähköinen", "videopuhelu", "tekstiviesti",
                    "viesti", "peli*", "pelaaminen", "kanava"),
        "low_threshold": ("kynnys", "matala", "ajanvaraus", "drop", "rento", "viihtyisä",
                          "avoin"),
        "mental_health": ("mielenterveys*", "psykiatria", "psykologi", "terapia",
                          "masennus", "ahdistus", "jaksaminen", "uupunut",
                          "uupumus", "lepo"),
        "family": ("vanhempi", "vanhemmat", "perhe", "vanhempainilta", "perhetyö"),
        "transition": ("nivelvaihe", "keskeyttää", "keskeyttäminen", "keskeyttänyt",
                       "pudokas", "koulupudokas", "pudota", "siirtyminen"),
        "employer": ("työnantaja*", "yritys", "työkokeilu*", "kesätyö*", "oppisopimus",
                     "palkkatuki", "työpaikka"),
        "one_stop": ("ohjaamo", "luukku", "pompottelu", "katto"),
        "benefits": ("byrokratia", "lomake", "paperi", "hakemus", "kela", "etuus", "pelko",
                     "pelottaa", "menettäminen", "menettää", "katketa"),
        "peer": ("vertais*", "vertaistuki", "vertaisryhmä", "vertaisohjaaja",
                 "kokemusasiantuntija"),
        "trust": ("luottamus", "luottamuksellinen", "pysyvä", "pitkäjänteinen",
                  "ohjaussuhde", "suhde", "vaihtua", "vaihtuva", "aikuinen", "kiire",
                  "kohtaaminen"),
        "hobby": ("harrastus*", "liikunta*", "kulttuuri*"),
        # The field's own words, as its network texts use them.
        "participation": ("osallisuus", "osallistaa", "osallistaminen", "osallistua",
                          "kuuleminen", "kuulla", "mielipide", "raati", "foorumi"),
        "third_sector": ("järjestö*", "yhdistys", "säätiö"),
        "feedback": ("palaute", "kysely", "asiakaspalaute"),
        "pathway": ("polku", "jatkopolku", "palvelupolku", "siirtymä", "työmarkkinat"),
        "wellbeing": ("hyvinvointi", "huono-osaisuus", "syrjäytyminen", "köyhyys",
                      "vähävarainen"),
        "equality": ("tasa-arvo", "yhdenvertaisuus", "yhdenvertainen", "syrjintä"),
        "rehabilitation": ("kuntouttava", "kuntoutus", "kuntouttaa"),
    },
    "sv": {
        "event": ("evenemang*", "seminarium", "seminarier", "träff", "träffa", "konferens",
                  "tillställning"),
        "overlap": ("krocka", "överlappa*", "överlappning", "dubbel*"),
        "together": ("tillsammans", "gemensam", "samarbete", "samarbeta"),
        "information": ("information*", "informera", "nyhetsbrev", "dela", "kommunikation",
                        "meddela"),
        "employer": ("arbetsgivare", "företag", "arbetsprövning", "anställa", "rekrytera",
                     "näringsliv"),
        "service_chain": ("servicekedja", "övergång", "kedja", "historia", "avbrott",
                          "smidig", "kund", "klient"),
        "language": ("svenska", "svensk", "tvåspråkig", "språk", "finska", "finsk",
                     "modersmål"),
        "funding": ("finansiering", "pengar", "budget", "resurs*"),
    },
    "en": {
        "paperwork": ("paperwork", "form", "application", "apply", "bureaucracy",
                      "simplify", "complicated", "red tape"),
        "contact": ("contact", "call", "helpline", "phone"),
        "support": ("coach", "support", "follow-up", "mentor", "supervisor", "visit"),
        "matching": ("match*", "candidate", "jobseeker", "vacancy", "recruit*",
                     "interview"),
        "stories": ("story", "success", "publicise", "publicize", "showcase", "example"),
        "subsidy": ("subsidy", "wage", "pay"),
    },
}
