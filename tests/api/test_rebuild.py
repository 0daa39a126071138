"""Done when: the full starter dataset, read through the API, rebuilds the same public facts in
an empty database."""

import pytest
import yaml
from django.apps import apps

from silkroutes.core.models import Alternative, Citation
from silkroutes.dataset.loader import load_dataset
from silkroutes.programme.models import FundingRecord, Project

from .rebuild import PUBLIC_MODELS, dataset_from_api, public_facts, read_everything

pytestmark = pytest.mark.django_db


def empty_the_database() -> None:
    """Delete every public record (inside the test's transaction, which is rolled back)."""
    Project.objects.update(absorbed_into=None)
    FundingRecord.objects.update(follows=None)
    Citation.objects.all().delete()
    Alternative.objects.all().delete()
    for label in PUBLIC_MODELS:
        apps.get_model(label).objects.all().delete()


def test_the_starter_dataset_read_through_the_api_rebuilds_the_same_public_facts(client, tmp_path):
    """Method. (1) Read every collection anonymously through the API, following ``next``
    links, projects with ``expand=participants,funding,status_history,results``, and keep the
    JSON in memory. (2) Dump the public facts of the database: every record of the public
    models by its natural key (slug, code or key; owner and position for rows without one),
    with all its fields but primary keys, record-keeping timestamps and users, its relations by
    natural key, its citations and its alternatives with their citations. (3) Delete every
    public record, citations and alternatives included, and check that the tables are empty.
    (4) Turn the JSON — and nothing else — into a dataset document in the format of
    docs/data-format.md, write it as YAML and load it with the project's loader, which
    validates every record with the models' rules. (5) Dump again: the facts are the same.

    The loader is the one way records enter from a file, so this proves that the API carries
    everything the dataset format can hold, in a form that can be read back. (The built-in
    strategy source is created by the loader itself; the API's copy is compared like any other
    record.)"""
    data = read_everything(client)
    before = public_facts()
    assert len(data["projects"]) == Project.objects.count() > 5

    empty_the_database()
    for label in PUBLIC_MODELS:
        assert not apps.get_model(label).objects.exists(), label
    assert not Citation.objects.exists()

    path = tmp_path / "from-the-api.yaml"
    path.write_text(yaml.safe_dump(dataset_from_api(data), allow_unicode=True), encoding="utf-8")
    load_dataset(path)
    after = public_facts()

    assert sorted(after) == sorted(before)
    for key, facts in before.items():
        assert after[key] == facts, key
