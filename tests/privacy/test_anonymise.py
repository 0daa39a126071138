"""`manage.py anonymise_person`: name, e-mail, telephone, addresses gone from every table, the
attendance figures unchanged, the anonymisation logged (database and ledger)."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db.models import Count, Q, Sum
from django.urls import reverse

from silkroutes.accounts.models import Anonymisation
from silkroutes.accounts.privacy import (
    anonymise_person,
    digest,
    find_person,
    reapply_anonymisations,
)
from silkroutes.meetings.models import Attendance, DelegationMember, Meeting

from .conftest import EMAIL, TRACES, USERNAME, rows_mentioning

pytestmark = pytest.mark.django_db


def anonymise(*args: str, capsys) -> str:
    call_command("anonymise_person", *args)
    return capsys.readouterr().out


def attendance_figures() -> dict:
    """What the meeting pages and reports count: members per delegation, heads, members
    present, and the persons recorded per organisation."""
    meetings = Meeting.objects.annotate(
        members=Count("delegations__members"),
        heads=Count("delegations__members", filter=Q(delegations__members__is_head=True)),
        present=Count("delegations__members", filter=Q(delegations__members__attended=True)),
    ).values_list("slug", "members", "heads", "present")
    persons = Attendance.objects.values("meeting__slug").annotate(total=Sum("persons"))
    return {"meetings": sorted(meetings), "persons": sorted(map(str, persons))}


def test_the_persons_traces_are_in_the_database_before(zeynep):
    for trace in TRACES:
        assert rows_mentioning(trace), trace


def test_anonymising_removes_every_trace_from_every_table(zeynep, secretariat_user, capsys):
    output = anonymise("--user", USERNAME, "--by", secretariat_user.username, capsys=capsys)

    assert "Anonymised as “Anonymised person " in output
    for trace in TRACES:
        assert rows_mentioning(trace) == [], trace


def test_the_account_is_renamed_deactivated_and_cannot_sign_in(zeynep, secretariat_user, client):
    entry = anonymise_person(find_person(username=USERNAME), by=secretariat_user)

    user = get_user_model().objects.get(pk=zeynep.user.pk)
    assert user.username == entry.pseudonym_username
    assert (user.get_full_name(), user.email) == (entry.pseudonym, "")
    assert not user.is_active
    assert not user.has_usable_password()
    for name in (USERNAME, entry.pseudonym_username):
        response = client.post(
            reverse("workspace:login"), {"username": name, "password": "zeynep-password-2015"}
        )
        assert "Please enter a correct username and password" in response.content.decode()
    assert not user.api_tokens.exists()
    assert user.memberships.count() == 1  # which organisation the account acted for stays


def test_delegation_members_keep_their_place_and_attendance(zeynep, secretariat_user):
    before = attendance_figures()

    entry = anonymise_person(find_person(email=EMAIL), by=secretariat_user)

    assert attendance_figures() == before
    for member in DelegationMember.objects.filter(pk__in=[m.pk for m in zeynep.members]):
        assert (member.name, member.function, member.email, member.phone) == (
            entry.pseudonym,
            "",
            "",
            "",
        )
        assert member.is_head
        assert member.attended
    colleagues = DelegationMember.objects.filter(name="Mehmet Aydin")
    assert colleagues.count() == 2  # the colleague is untouched


def test_the_anonymisation_is_logged_without_the_name_or_address(zeynep, secretariat_user, ledger):
    entry = anonymise_person(find_person(username=USERNAME), by=secretariat_user)

    logged = Anonymisation.objects.get()
    assert (logged, logged.by, logged.reason) == (entry, secretariat_user, "request")
    assert logged.account_id == zeynep.user.pk
    assert logged.email_hashes == [digest(EMAIL)]
    assert sorted(logged.member_ids) == sorted(m.pk for m in zeynep.members)
    assert logged.counts["accounts"] == 1
    assert logged.counts["delegation_members"] == 2
    assert logged.counts["sign_in_records"] == 3
    assert logged.counts["task_results"] == 1
    (line,) = ledger.read_text().splitlines()
    assert json.loads(line)["key"] == str(entry.key)
    for trace in TRACES:
        assert trace.casefold() not in line.casefold()


def test_applying_again_changes_nothing_more(zeynep, secretariat_user):
    anonymise_person(find_person(username=USERNAME), by=secretariat_user)

    result = reapply_anonymisations()

    assert result.entries == 1
    assert sum(result.counts.values()) == 0
    assert Anonymisation.objects.get().reapplied_at is not None


def test_only_the_secretariat_can_anonymise(zeynep, turkey_focal_point):
    with pytest.raises(PermissionDenied):
        anonymise_person(find_person(username=USERNAME), by=turkey_focal_point)

    assert get_user_model().objects.filter(username=USERNAME).exists()
    assert not Anonymisation.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--user", "nobody", "--by", "sedef"), "There is no account “nobody”."),
        (("--email", "nobody@example.org", "--by", "sedef"), "No account or delegation member"),
        (("--user", USERNAME, "--by", "nobody"), "There is no active account “nobody” \\(--by\\)"),
        (("--user", USERNAME, "--by", "ayse"), "Only the Secretariat can anonymise a person."),
        (
            ("--user", USERNAME, "--email", "ayse@example.org", "--by", "sedef"),
            "The address ayse@example.org belongs to another account than “zeynep.kaya”.",
        ),
    ],
)
def test_bad_input_is_a_clear_error_and_changes_nothing(
    zeynep, secretariat_user, turkey_focal_point, args, message, ledger
):
    with pytest.raises(CommandError, match=message):
        call_command("anonymise_person", *args)

    assert not Anonymisation.objects.exists()
    assert not ledger.exists()
    for trace in TRACES:
        assert rows_mentioning(trace), trace


def test_an_address_shared_by_two_accounts_must_be_told_apart(zeynep, secretariat_user):
    get_user_model().objects.create_user(username="zeynep2", email=EMAIL.upper())

    with pytest.raises(CommandError, match="2 accounts have the address"):
        call_command("anonymise_person", "--email", EMAIL, "--by", secretariat_user.username)

    assert not Anonymisation.objects.exists()


def test_aledger_that_cannot_be_written_leaves_everything_as_it_was(
    zeynep, secretariat_user, settings, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.ANONYMISATION_LEDGER = blocker / "anonymisations.jsonl"

    with pytest.raises(CommandError, match="Nothing was anonymised"):
        call_command("anonymise_person", "--user", USERNAME, "--by", secretariat_user.username)

    assert not Anonymisation.objects.exists()
    assert get_user_model().objects.get(pk=zeynep.user.pk).email == EMAIL
    for trace in TRACES:
        assert rows_mentioning(trace), trace


def test_a_lost_ledger_is_written_again_from_the_database(zeynep, secretariat_user, ledger):
    entry = anonymise_person(find_person(username=USERNAME), by=secretariat_user)
    ledger.unlink()

    result = reapply_anonymisations()

    assert result.written_to_ledger == 1
    assert json.loads(ledger.read_text())["key"] == str(entry.key)


def test_an_account_id_given_to_someone_else_is_not_anonymised_again(zeynep, secretariat_user):
    anonymise_person(find_person(username=USERNAME), by=secretariat_user)
    # As after restoring an old backup: the id now belongs to another person.
    get_user_model().objects.filter(pk=zeynep.user.pk).update(
        username="mehmet.aydin", email="mehmet@example.gov.tr", is_active=True
    )

    reapply_anonymisations()

    user = get_user_model().objects.get(pk=zeynep.user.pk)
    assert (user.username, user.email, user.is_active) == (
        "mehmet.aydin",
        "mehmet@example.gov.tr",
        True,
    )
