"""The summary as a Word document (.docx): headings, lists and counts as in the Markdown."""
import io

import docx

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.services import notes, participants, themes
from facilitation.services.actors import Actor
from tests.support.cafe import make_workshop
from tests.support.sockets import join

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_the_summary_downloads_as_a_word_document_like_the_markdown(app, signed_in,
                                                                    facilitator):
    workshop = make_workshop(app, facilitator["id"],
                             title="Työllisyyspalveluiden yhteensovittaminen Kainuussa")
    person_id, _ = join(app, workshop, "Maija", 0)
    with app.app_context():
        w = db.session.get(Workshop, workshop["id"])
        person = participants.active_participant(person_id)
        ids = [notes.add_note(person, f"c{i}", text)[0].id for i, text in enumerate(
            ["Opinnollistaminen näkyväksi", "Osaamisen tunnistaminen", "Selkokieli"])]
        themes.create_theme(Actor.for_console(w), "osaamisen tunnistaminen", topic_id=w.topics[0].id,
                            note_ids=ids[:2])
    base = f"/console/{workshop['id']}"
    editor = signed_in.get(base + "/summary").get_data(as_text=True)
    assert f'href="{base}/summary.docx"' in editor
    response = signed_in.get(base + "/summary.docx")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == DOCX
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="kooste-{workshop["code"]}.docx"'
    document = docx.Document(io.BytesIO(response.data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0] == ("Title", "Työllisyyspalveluiden yhteensovittaminen Kainuussa")
    assert ("Heading 1", "Osallisuus") in paragraphs
    assert ("Heading 2", "Teemat") in paragraphs
    assert ("List Bullet", "osaamisen tunnistaminen – kaksi (2) mainintaa") in paragraphs
    assert ("List Bullet 2", "Opinnollistaminen näkyväksi") in paragraphs
    assert ("List Bullet", "Selkokieli – yksi (1) maininta") in paragraphs
    assert document.core_properties.title == "Työllisyyspalveluiden yhteensovittaminen Kainuussa"


def test_bold_and_escapes_read_as_text_in_word(app, signed_in, facilitator):
    workshop = make_workshop(app, facilitator["id"])
    base = f"/console/{workshop['id']}"
    signed_in.post(base + "/summary", data={"markdown": (
        "# Kooste\n\n## Kiteytykset\n\n- **Pöytä A:** Yhteistyö \\*aina\\* & <b>x</b>\n")})
    document = docx.Document(io.BytesIO(signed_in.get(base + "/summary.docx").data))
    [item] = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert item.text == "Pöytä A: Yhteistyö *aina* & <b>x</b>"
    assert [run.bold for run in item.runs][:1] == [True]


def test_the_mail_attaches_nothing_the_person_did_not_ask_for(app):
    from facilitation.mail.composing import compose_summary
    with app.app_context():
        message = compose_summary(
            title="Hankekahvi", language="fi", markdown="# Kooste\n\n- Lappu\n",
            recipient="maija@example.fi", sender="Kahvila <kahvila@example.fi>",
            message_id="<x@example.fi>", retention_days=30)
    assert list(message.iter_attachments()) == []
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain", "text/html"]
