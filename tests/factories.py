"""Factories with no surprises: each makes the smallest valid record; tests set what matters."""

import datetime as dt

import factory

from silkroutes.actors.models import Country, Organisation, Role
from silkroutes.meetings.models import Body, Meeting
from silkroutes.programme.models import FundingRecord, Project
from silkroutes.programme.summaries import refresh_funding_summary


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


class KeepsFundingSummary:
    """Funding records and budgets enter the database through services that keep the project's
    funding summary; a factory-made one keeps it the same way."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        made = super()._create(model_class, *args, **kwargs)
        refresh_funding_summary(made.project)
        return made


class FundingRecordFactory(KeepsFundingSummary, factory.django.DjangoModelFactory):
    class Meta:
        model = FundingRecord

    key = factory.Sequence(lambda n: f"funding-{n}")
    project = factory.SubFactory(ProjectFactory)
    donor = factory.SubFactory(StateFactory)
    kind = FundingRecord.Kind.PLEDGE
    amount = 1000
    currency = "EUR"


# -- documents and outcomes (issue 4) ----------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A draft public document without files; set ``published_at`` to publish it."""

    class Meta:
        model = "documents.Document"

    slug = factory.Sequence(lambda n: f"document-{n}")
    title = factory.Sequence(lambda n: f"Document {n}")
    kind = "other"
    access_tier = "public"
    created_by = factory.SubFactory(UserFactory)


class DocumentFileFactory(factory.django.DjangoModelFactory):
    """An English PDF version (a few bytes starting like a PDF)."""

    class Meta:
        model = "documents.DocumentFile"

    document = factory.SubFactory(DocumentFactory)
    language = "en"
    file = factory.django.FileField(data=b"%PDF-1.4\n%test\n", filename="upload")
    original_name = "document.pdf"
    size = 15
    content_type = "application/pdf"
    extension = "pdf"
    sha256 = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)


class OutcomeFactory(factory.django.DjangoModelFactory):
    """A draft public conclusion of a held meeting."""

    class Meta:
        model = "outcomes.Outcome"

    meeting = factory.SubFactory(MeetingFactory, status="held")
    kind = "conclusion"
    title = factory.Sequence(lambda n: f"Conclusion {n}")
    text = "The participants agreed."
    adopted_by = factory.SubFactory(UserFactory)


class ActionPointFactory(factory.django.DjangoModelFactory):
    """An open action point owned by a state, without a due date."""

    class Meta:
        model = "outcomes.ActionPoint"

    outcome = factory.SubFactory(OutcomeFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner_organisation = factory.SubFactory(StateFactory)
    created_by = factory.SubFactory(UserFactory)


class ResultFactory(factory.django.DjangoModelFactory):
    """A training of a project, with no date, place or counts."""

    class Meta:
        model = "programme.Result"

    key = factory.Sequence(lambda n: f"result-{n}")
    project = factory.SubFactory(ProjectFactory)
    category = "training"
    title = factory.Sequence(lambda n: f"Training {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programme.Indicator"

    result = factory.SubFactory(ResultFactory)
    title = factory.Sequence(lambda n: f"People trained {n}")
    unit = "people"


class BudgetFactory(KeepsFundingSummary, factory.django.DjangoModelFactory):
    """An original, indicative budget of EUR 10,000 with no period."""

    class Meta:
        model = "programme.Budget"

    project = factory.SubFactory(ProjectFactory)
    amount = 10000
    currency = "EUR"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Source"

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://example.org/source-{n}")


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    """1 SEK = 0.1 EUR on 1 January 2015, from a source."""

    class Meta:
        model = "programme.ExchangeRate"

    from_currency = "SEK"
    to_currency = "EUR"
    rate = "0.1"
    date = dt.date(2015, 1, 1)
    source = factory.SubFactory(SourceFactory)
