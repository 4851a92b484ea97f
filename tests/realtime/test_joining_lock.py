"""The facilitator locks joining: the code lets nobody new in, those in keep their place."""
from tests.support.sockets import ack, board, console, join, phone, received

LATECOMER = {"name": "Työllisyyspalveluiden yhteensovittaja", "organisation": "Kainuun TE-palvelut"}


def test_a_locked_workshop_refuses_new_people_in_their_language_and_keeps_those_in(
        app, client, signed_in, workshop):
    _, token = join(app, workshop, "Maija")
    maija, desk, projector = phone(app, token), console(app, signed_in, workshop), board(app, workshop)
    for screen in (maija, desk, projector):
        screen.get_received()

    assert ack(desk, "joining:lock", {"locked": True}) == {"ok": True, "locked": True}
    assert received(desk, "joining:locked")[0]["locked"] is True
    assert received(projector, "joining:locked")[0]["locked"] is True
    assert received(maija, "joining:locked") == []  # phones are not told: nothing changes for them

    refused = client.post(f"/w/{workshop['code']}/join", json=LATECOMER)
    assert refused.status_code == 400
    assert refused.json["error"] == {
        "code": "joining_locked",
        "message": "Työpajaan liittyminen on suljettu. Pyydä fasilitaattoria avaamaan se."}
    svenska = app.test_client()
    svenska.get("/lang/sv")
    swedish = svenska.post(f"/w/{workshop['code']}/join", json=LATECOMER)
    assert swedish.json["error"]["message"].startswith("Det går inte längre att ansluta")

    # Those who joined before come back with their token and go on writing.
    maija.disconnect()
    again = phone(app, token)
    assert again.is_connected()
    assert ack(again, "note:add", {"client_id": "a", "text": "Vielä mukana"})["ok"] is True

    assert ack(desk, "joining:lock", {"locked": False}) == {"ok": True, "locked": False}
    assert client.post(f"/w/{workshop['code']}/join", json=LATECOMER).status_code == 201


def test_the_phone_page_says_joining_is_closed_instead_of_offering_the_form(
        app, client, signed_in, workshop):
    ack(console(app, signed_in, workshop), "joining:lock", {"locked": True})
    page = client.get(f"/w/{workshop['code']}").get_data(as_text=True)
    assert 'id="join-locked"' in page and "Työpajaan liittyminen on suljettu." in page
    assert '<form id="join-form" class="stack" novalidate hidden>' in page


def test_the_lock_is_in_every_snapshot_and_only_a_boolean_sets_it(app, signed_in, workshop):
    desk = console(app, signed_in, workshop)
    for wrong in ("yes", 1, None, [True]):
        reply = ack(desk, "joining:lock", {"locked": wrong})
        assert reply["ok"] is False and reply["error"]["code"] == "bad_payload", wrong
    ack(desk, "joining:lock", {"locked": True})
    again = console(app, signed_in, workshop)
    assert ack(again, "sync", {"last_seq": 0})["snapshot"]["workshop"]["joining_locked"] is True
    screen = board(app, workshop)
    assert ack(screen, "sync", {"last_seq": 0})["snapshot"]["workshop"]["joining_locked"] is True
