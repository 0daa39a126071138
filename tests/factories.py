"""Factories with no surprises: each makes the smallest valid record; tests set what matters."""

import datetime as dt

import factory

from silkroutes.actors.models import Country, Organisation, Role
from silkroutes.meetings.models import Body, Meeting
from silkroutes.programme.models import FundingRecord, Project


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "FR"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.INTERNATIONAL


class StateFactory(OrganisationFactory):
    kind = Organisation.Kind.GOVERNMENT
    iati_type = Organisation.IatiType.GOVERNMENT
    country = factory.SubFactory(CountryFactory)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    slug = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Working Group {n}")
    kind = Body.Kind.WORKING_GROUP


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    key = factory.Sequence(lambda n: f"role-{n}")
    kind = Role.Kind.BODY_CHAIR
    holder = factory.SubFactory(StateFactory)
    body = factory.SubFactory(BodyFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    title = factory.Sequence(lambda n: f"Project {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    date = dt.date(2015, 1, 1)
    date_precision = "year"


class FundingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingRecord

    key = factory.Sequence(lambda n: f"funding-{n}")
    project = factory.SubFactory(ProjectFactory)
    donor = factory.SubFactory(StateFactory)
    kind = FundingRecord.Kind.PLEDGE
    amount = 1000
    currency = "EUR"
