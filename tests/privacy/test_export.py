"""`manage.py export_personal_data`: everything held about one person, as JSON."""

import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import ADDRESS, EMAIL, PHONE, USERNAME

pytestmark = pytest.mark.django_db


def export(*args: str, capsys) -> dict:
    call_command("export_personal_data", *args)
    return json.loads(capsys.readouterr().out)


def test_the_export_holds_the_account_and_everything_tied_to_it(zeynep, capsys):
    data = export("--user", USERNAME, capsys=capsys)

    assert data["account"]["username"] == USERNAME
    assert data["account"]["email"] == EMAIL
    assert (data["account"]["first_name"], data["account"]["last_name"]) == (
        "Zeynep",
        "Kayalioglu",
    )
    assert [(m["organisation"], m["acts_as"]) for m in data["memberships"]] == [
        ("Turkey", "focal-point")
    ]
    delegations = data["delegation_memberships"]
    assert [d["meeting"] for d in delegations] == ["som-2014", "som-2015"]
    assert {d["phone"] for d in delegations} == {PHONE}
    assert all(d["head_of_delegation"] and d["attended"] for d in delegations)
    assert {r["kind"] for r in data["sign_in_records"]} == {
        "accessattempt",
        "accessfailurelog",
        "accesslog",
    }
    assert {r["ip_address"] for r in data["sign_in_records"]} == {ADDRESS}
    assert [(n["to"], n["subject"]) for n in data["notifications"]] == [(EMAIL, "Invitation")]


def test_the_export_shows_api_tokens_without_their_secrets(zeynep, capsys):
    (token,) = export("--user", USERNAME, capsys=capsys)["api_tokens"]

    assert token["name"] == "Kayalioglu laptop"
    assert token["key_prefix"] == zeynep.user.api_tokens.get().prefix
    assert "secret_hash" not in token
    assert zeynep.user.api_tokens.get().secret_hash not in json.dumps(token)


def test_an_e_mail_address_finds_the_same_person_in_any_case(zeynep, capsys):
    by_name = export("--user", USERNAME, capsys=capsys)
    by_address = export("--email", EMAIL.upper(), capsys=capsys)

    for part in ("account", "memberships", "delegation_memberships", "sign_in_records"):
        assert by_address[part] == by_name[part]


def test_a_delegation_member_without_an_account_is_found_by_address(db, zeynep, capsys):
    zeynep.user.delete()

    data = export("--email", EMAIL, capsys=capsys)

    assert data["account"] is None
    assert len(data["delegation_memberships"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--user", "nobody"), "There is no account “nobody”."),
        (("--email", "nobody@example.org"), "No account or delegation member has the address"),
        ((), "Give a user name or an e-mail address."),
    ],
)
def test_an_unknown_person_is_a_clear_error(zeynep, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_personal_data", *args)
