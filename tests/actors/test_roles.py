import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from silkroutes.actors.models import Organisation, Role
from tests.factories import BodyFactory, OrganisationFactory, RoleFactory, StateFactory

pytestmark = pytest.mark.django_db


def role(**fields) -> Role:
    """An unsaved role (of saved holder and body), validated as the admin and loader do."""
    fields.setdefault("holder", StateFactory())
    if "body" not in fields:
        fields["body"] = BodyFactory()
    return RoleFactory.build(**fields)


def test_overlapping_chairs_of_one_body_are_refused():
    body = BodyFactory()
    RoleFactory(
        body=body,
        holder=StateFactory(name="Croatia"),
        start=dt.date(2007, 1, 1),
        start_precision="year",
    )

    second = role(
        body=body,
        holder=StateFactory(name="North Macedonia"),
        start=dt.date(2015, 1, 1),
        start_precision="year",
    )

    with pytest.raises(ValidationError, match="Croatia holds it for an overlapping period"):
        second.full_clean()


def test_a_new_chair_is_accepted_once_the_previous_chairmanship_has_ended():
    body = BodyFactory()
    RoleFactory(
        body=body,
        start=dt.date(2007, 1, 1),
        start_precision="year",
        end=dt.date(2014, 1, 1),
        end_precision="year",
    )

    role(body=body, start=dt.date(2015, 1, 1), start_precision="year").full_clean()


def test_handover_within_the_same_fuzzy_period_is_not_an_overlap():
    # Hungary chaired until 2006, Türkiye since January 2006 (domain research §1.1).
    dialogue = OrganisationFactory(kind=Organisation.Kind.DIALOGUE)
    RoleFactory(
        kind=Role.Kind.CHAIR,
        body=None,
        of_organisation=dialogue,
        start=dt.date(1993, 1, 1),
        start_precision="year",
        end=dt.date(2006, 1, 1),
        end_precision="year",
    )

    role(
        kind=Role.Kind.CHAIR,
        body=None,
        of_organisation=dialogue,
        start=dt.date(2006, 1, 1),
        start_precision="month",
    ).full_clean()


def test_two_co_chairs_of_a_body_may_serve_together():
    body = BodyFactory()
    RoleFactory(kind=Role.Kind.BODY_CO_CHAIR, body=body)

    role(kind=Role.Kind.BODY_CO_CHAIR, body=body).full_clean()


def test_the_same_holder_cannot_hold_the_same_role_twice_at_once():
    body = BodyFactory()
    first = RoleFactory(kind=Role.Kind.BODY_CO_CHAIR, body=body)

    with pytest.raises(ValidationError, match="already holds this role"):
        role(kind=Role.Kind.BODY_CO_CHAIR, body=body, holder=first.holder).full_clean()


def test_a_role_cannot_end_before_it_starts():
    candidate = role(
        start=dt.date(2010, 1, 1),
        start_precision="year",
        end=dt.date(2009, 1, 1),
        end_precision="year",
    )

    with pytest.raises(ValidationError) as excinfo:
        candidate.full_clean()

    assert excinfo.value.message_dict["end"] == ["The end of a role cannot be before its start."]


def test_a_role_date_whose_precision_and_value_disagree_is_refused():
    candidate = role(start=dt.date(2010, 3, 1), start_precision="year")

    with pytest.raises(ValidationError) as excinfo:
        candidate.full_clean()

    assert "1 January" in excinfo.value.message_dict["start"][0]


def test_a_dialogue_role_needs_the_dialogue_it_is_of():
    with pytest.raises(ValidationError, match="needs the dialogue or forum"):
        role(kind=Role.Kind.CHAIR, body=None).full_clean()


def test_held_on_reads_fuzzy_bounds_generously():
    chair = role(
        start=dt.date(2014, 7, 1),
        start_precision="day",
        end=dt.date(2015, 1, 1),
        end_precision="year",
    )

    assert chair.held_on(dt.date(2015, 12, 31))
    assert not chair.held_on(dt.date(2014, 6, 30))
    assert not chair.held_on(dt.date(2016, 1, 1))


def test_a_state_organisation_needs_its_country():
    with pytest.raises(ValidationError, match="needs its country"):
        Organisation(slug="x", name="X", kind=Organisation.Kind.GOVERNMENT).full_clean()


def test_an_unknown_country_code_is_refused():
    from silkroutes.actors.models import Country

    with pytest.raises(ValidationError, match="not an ISO 3166-1 alpha-2 code"):
        Country(code="XX").full_clean()
