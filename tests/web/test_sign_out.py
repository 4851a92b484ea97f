"""Signing out ends the session on the server: an old copy of the cookie opens nothing."""

from tests.support.sockets import console


def session_cookie(client):
    """The client's session cookie value."""
    return client.get_cookie("session").value


def test_a_copy_of_the_cookie_taken_before_sign_out_no_longer_opens_the_console(
        app, signed_in, workshop):
    stolen = session_cookie(signed_in)
    assert signed_in.get("/console").status_code == 200
    assert signed_in.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    response = thief.get("/console")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_signing_out_closes_the_consoles_sockets(app, signed_in, workshop):
    desk = console(app, signed_in, workshop)
    assert desk.is_connected()
    signed_in.post("/logout")
    assert not desk.is_connected()


def test_signing_in_again_works_after_signing_out(signed_in, facilitator):
    signed_in.post("/logout")
    again = signed_in.post("/login", data={"email": facilitator["email"],
                                           "password": facilitator["password"]})
    assert again.status_code == 302
    assert signed_in.get("/console").status_code == 200
