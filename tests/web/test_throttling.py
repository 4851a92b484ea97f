"""Guessing passwords and join codes is throttled per address, per account, per server."""
import pytest
from werkzeug import security as werkzeug_security

from facilitation.services import accounts
from tests.support.sockets import board

WAIT_FI = "Liian monta yritystä"


@pytest.fixture(autouse=True)
def slow_refill(app):
    """Buckets refill at one a minute, so a slow test machine does not refill them."""
    app.config.update(LOGIN_ADDRESS_PER_MINUTE=1, LOGIN_ACCOUNT_PER_MINUTE=1,
                      CODE_ADDRESS_PER_MINUTE=1, CODE_SERVER_PER_MINUTE=1,
                      LOGIN_ADDRESS_BURST=20, LOGIN_ACCOUNT_BURST=10, CODE_ADDRESS_BURST=20,
                      CODE_SERVER_BURST=300)


def sign_in(client, email, password, address="198.51.100.1"):
    """POST the sign-in form from an address."""
    return client.post("/login", data={"email": email, "password": password},
                       environ_overrides={"REMOTE_ADDR": address})


def test_wrong_passwords_for_one_account_are_refused_with_retry_after(app, client, facilitator):
    burst = app.config["LOGIN_ACCOUNT_BURST"]
    for i in range(burst):
        assert sign_in(client, facilitator["email"], f"väärä-{i}", f"10.0.0.{i}").status_code == 200
    refused = sign_in(client, facilitator["email"], facilitator["password"], "10.0.1.1")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert WAIT_FI in refused.get_data(as_text=True)


def test_one_address_trying_many_accounts_is_refused(app, client, facilitator):
    for i in range(app.config["LOGIN_ADDRESS_BURST"]):
        sign_in(client, f"arvaus{i}@example.fi", "salasana-123")
    assert sign_in(client, facilitator["email"], facilitator["password"]).status_code == 429
    assert sign_in(client, facilitator["email"], facilitator["password"],
                   "203.0.113.9").status_code == 302


def test_an_unknown_email_costs_one_password_check_like_a_known_one(app, monkeypatch):
    checks = []
    real = werkzeug_security.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash",
                        lambda *args: checks.append(1) or real(*args))
    with app.app_context():
        accounts.create_facilitator("oikea@example.fi", "kahvia-ja-pullaa")
        assert accounts.authenticate("oikea@example.fi", "väärin-menee") is None
        assert accounts.authenticate("ei-ole@example.fi", "väärin-menee") is None
    assert checks == [1, 1]


def test_guessing_join_codes_gets_a_translated_429_and_a_right_code_is_refused_too(
        app, client, workshop):
    for i in range(app.config["CODE_ADDRESS_BURST"]):
        assert client.get(f"/w/ZZZ{i:03d}").status_code == 404
    refused = client.get(f"/w/{workshop['code']}")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert WAIT_FI in refused.get_data(as_text=True)
    assert client.get(f"/?code={workshop['code']}").status_code == 429
    other = client.get(f"/w/{workshop['code']}", environ_overrides={"REMOTE_ADDR": "10.9.9.9"})
    assert other.status_code == 200


def test_the_server_wide_limit_stops_guesses_spread_over_addresses(app, client, workshop):
    app.config.update(CODE_SERVER_BURST=30, CODE_ADDRESS_BURST=1000)
    for i in range(30):
        client.get(f"/w/QQQ{i:03d}", environ_overrides={"REMOTE_ADDR": f"10.1.{i}.1"})
    assert client.get(f"/w/{workshop['code']}",
                      environ_overrides={"REMOTE_ADDR": "10.2.0.1"}).status_code == 429


def test_board_connects_with_wrong_codes_are_throttled_too(app, workshop):
    for i in range(app.config["CODE_ADDRESS_BURST"]):
        board(app, {"code": f"XYZ{i:03d}", "board_key": "x"})
    refused = board(app, workshop)
    assert not refused.is_connected()
