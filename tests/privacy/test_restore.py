"""Restoring a backup made before an anonymisation brings nobody back: `manage.py restore`
applies the anonymisations of the ledger again (the restore drill's instances, on SQLite)."""

import json

from tests.core.test_backup_drill import instance, manage

SEED = """
import datetime as dt
from django.contrib.auth.models import User
from silkroutes.accounts.models import Membership
from silkroutes.actors.models import Organisation
from silkroutes.meetings.models import Body, Delegation, DelegationMember, Meeting
icmpd = Organisation.objects.create(slug="icmpd", name="ICMPD", kind="secretariat")
turkey = Organisation.objects.create(slug="turkey", name="Turkey", kind="government")
sedef = User.objects.create_user("sedef", "sedef@example.org")
Membership.objects.create(user=sedef, organisation=icmpd, kind="secretariat")
User.objects.create_user("zeynep.kaya", "zeynep.kaya@example.gov.tr", first_name="Zeynep")
body = Body.objects.create(slug="som", name="Senior Officials", kind="senior-officials")
meeting = Meeting.objects.create(slug="som-2015", body=body, title="SOM", date=dt.date(2015, 1, 1))
delegation = Delegation.objects.create(meeting=meeting, state=turkey)
DelegationMember.objects.create(
    delegation=delegation, name="Zeynep Kaya", email="zeynep.kaya@example.gov.tr",
    phone="+90 312 555 0199", is_head=True, attended=True,
)
"""

SHOW = """
import json
from django.contrib.auth.models import User
from silkroutes.accounts.models import Anonymisation
from silkroutes.meetings.models import DelegationMember
user = User.objects.get(pk=2)
member = DelegationMember.objects.get()
print(json.dumps({
    "user": [user.username, user.first_name, user.email, user.is_active],
    "member": [member.name, member.email, member.phone, member.attended],
    "log": [str(a.key) for a in Anonymisation.objects.all()],
}))
"""


def show(env: dict) -> dict:
    return json.loads(manage(env, "shell", "-v0", "-c", SHOW).strip().splitlines()[-1])


def test_restoring_an_older_backup_anonymises_the_person_again(tmp_path):
    source = instance(tmp_path, "source", "sqlite")
    target = instance(tmp_path, "target", "sqlite")
    manage(source, "migrate", "-v0")
    manage(source, "shell", "-v0", "-c", SEED)
    archive = tmp_path / "before.tar.gz"
    manage(source, "backup", str(archive))
    manage(source, "anonymise_person", "--user", "zeynep.kaya", "--by", "sedef")
    anonymised = show(source)

    output = manage(target, "restore", str(archive))

    assert "all equal to the backup" in output
    assert "Anonymisations applied again: 1 (1 only in the ledger), 2 rows anonymised again" in (
        output
    )
    restored = show(target)
    assert restored == anonymised
    username, first_name, email, is_active = restored["user"]
    assert username.startswith("anonymised-")
    assert (first_name, email, is_active) == (f"Anonymised person {username[11:19]}", "", False)
    assert restored["member"] == [first_name, "", "", True]
    assert len(restored["log"]) == 1
