"""Hostile HTTP requests: huge ids, broken text, open redirects — refused, never a 500."""
import pytest

TOO_BIG = "18446744073709551616"


def test_ids_beyond_64_bits_in_urls_are_not_found(signed_in, workshop):
    for url in (f"/console/{TOO_BIG}", f"/w/{workshop['code']}/t/{TOO_BIG}",
                f"/w/{workshop['code']}/t/{TOO_BIG}/qr.svg", f"/console/{TOO_BIG}/summary"):
        assert signed_in.get(url).status_code == 404, url


@pytest.mark.parametrize("payload", [
    {"name": "Maija\ud800"}, {"name": "Maija\x00"}, {"name": "Maija", "remote": "no"},
    {"name": "Maija", "table_id": 2 ** 64}, {"name": "Maija", "organisation": "\udfff"},
])
def test_a_join_with_broken_fields_is_refused_as_bad_payload(client, workshop, payload):
    response = client.post(f"/w/{workshop['code']}/join", json=payload)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_payload"


def test_a_name_keeps_its_letters_but_loses_bidi_overrides(client, workshop):
    response = client.post(f"/w/{workshop['code']}/join",
                           json={"name": "\u202eAnna-Liisa Nyström\u202c"})
    assert response.status_code == 201
    assert response.json["participant"]["name"] == "Anna-Liisa Nyström"


def test_a_summary_preview_with_a_lone_surrogate_is_refused(signed_in, workshop):
    response = signed_in.post(f"/console/{workshop['id']}/summary/preview",
                              json={"markdown": "# Kooste \ud800"})
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_payload"


# As an attacker writes them in a link: percent-encoded in the query string.
OFF_SITE = ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/",
            "/%0D%0ALocation:%20//evil.example", "/%0A/evil.example", "javascript:alert(1)",
            "%20//evil.example", "/%2F/evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_leaves_the_site(client, target):
    response = client.get(f"/lang/en?next={target}")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location


def test_the_language_switch_goes_back_to_a_page_of_the_site(client, workshop):
    response = client.get("/lang/sv", query_string={"next": f"/w/{workshop['code']}"})
    assert response.headers["Location"] == f"/w/{workshop['code']}"


@pytest.mark.parametrize("target", OFF_SITE)
def test_sign_in_never_redirects_off_the_site(client, facilitator, target):
    response = client.post(f"/login?next={target}",
                           data={"email": facilitator["email"], "password": facilitator["password"]})
    assert response.status_code == 302
    assert response.headers["Location"] == "/console"
