"""Every text a person can see has a translation in every shipped language."""
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from facilitation.config import Config
from tests.support.cafe import ROOT

TRANSLATIONS = ROOT / "facilitation" / "translations"


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory):
    """The msgids extracted from the code and templates as they are now."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "-k", "_l", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", [lang for lang in Config.LANGUAGES if lang != "en"])
def test_every_message_has_a_translation(source_messages, lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalogue = read_po(f)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    missing = sorted(source_messages - translated)
    assert missing == [], f"{lang} lacks translations for: {missing}"
