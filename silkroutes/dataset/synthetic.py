"""A deterministic synthetic partnership for measuring the platform at scale.

Everything it creates is marked: slugs and keys start with ``synthetic-``, and every record cites
the source ``synthetic`` ("Synthetic scale dataset — not real"). It never touches the starter
records, and ``remove_synthetic()`` deletes exactly what it made. At scale N it makes about
200·N meetings, 50·N projects, 5·N organisations (plus participations, funding records and
citations); other apps add their own records through ``EXTRA_GENERATORS``.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from silkroutes.actors.models import Country, Organisation
from silkroutes.core.models import Citation, Source
from silkroutes.meetings.models import Body, Meeting, MeetingStatus
from silkroutes.programme.models import FundingRecord, Participation, Project, ProjectStatus
from silkroutes.programme.summaries import refresh_funding_summaries
from silkroutes.strategy.models import PriorityGoal

from .statistics import gather_statistics_on_commit

PREFIX = "synthetic-"
SOURCE_KEY = "synthetic"
BATCH = 2000

# Other apps (documents, outcomes…) register functions (generator, scale, rng) -> int here.
EXTRA_GENERATORS: list[Callable[["Generator"], int]] = []


@dataclass
class Generator:
    scale: int
    seed: int = 2013
    progress: Callable[[str, int], None] = lambda label, n: None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 - synthetic data, not security
        self.created = 0

    def bulk(self, model: type[models.Model], objects: Iterable[models.Model]) -> list:
        made = model.objects.bulk_create(list(objects), batch_size=BATCH)
        self.created += len(made)
        self.progress(model._meta.verbose_name_plural, len(made))
        return made

    def cite(self, records: list[models.Model]) -> None:
        content_type = ContentType.objects.get_for_model(records[0])
        self.bulk(
            Citation,
            (
                Citation(
                    source=self.source,
                    content_type=content_type,
                    object_id=record.pk,
                    quote="synthetic",
                )
                for record in records
            ),
        )

    def run(self) -> int:
        with transaction.atomic():
            self.source, _ = Source.objects.get_or_create(
                key=SOURCE_KEY,
                defaults={"title": "Synthetic scale dataset — not real", "kind": "document"},
            )
            self.goals = list(PriorityGoal.objects.all())
            self.countries = list(Country.objects.all())
            organisations = self._organisations()
            bodies = self._bodies()
            self._meetings(bodies)
            self._projects(organisations)
            for extra in EXTRA_GENERATORS:
                self.created += extra(self)
            gather_statistics_on_commit()
        return self.created

    def _organisations(self) -> list[Organisation]:
        kinds = [Organisation.Kind.INTERNATIONAL, Organisation.Kind.NGO, Organisation.Kind.OTHER]
        made = self.bulk(
            Organisation,
            (
                Organisation(
                    slug=f"{PREFIX}organisation-{i}",
                    name=f"Synthetic organisation {i}",
                    kind=kinds[i % len(kinds)],
                    iati_type=Organisation.IatiType.OTHER,
                )
                for i in range(5 * self.scale)
            ),
        )
        self.cite(made)
        return made

    def _bodies(self) -> list[Body]:
        made = self.bulk(
            Body,
            (
                Body(
                    slug=f"{PREFIX}body-{i}",
                    name=f"Synthetic working group {i}",
                    kind=Body.Kind.WORKING_GROUP if i % 2 else Body.Kind.THEMATIC_EXPERT,
                )
                for i in range(2 + self.scale)
            ),
        )
        self.cite(made)
        return made

    def _meetings(self, bodies: list[Body]) -> None:
        rng, statuses = self.rng, list(MeetingStatus.values)
        meetings = []
        for i in range(200 * self.scale):
            year = 2000 + rng.randrange(30)
            precise = rng.random() < 0.7
            date = (
                dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
                if precise
                else (dt.date(year, 1, 1))
            )
            status = rng.choice(statuses) if precise else MeetingStatus.FORESEEN
            meetings.append(
                Meeting(
                    slug=f"{PREFIX}meeting-{i}",
                    body=bodies[i % len(bodies)],
                    title=f"Synthetic meeting {i}",
                    date=date,
                    date_precision="day" if precise else "year",
                    end_date=date + dt.timedelta(days=rng.randrange(2)) if precise else None,
                    status=status,
                    city=f"City {i % 97}",
                    country=rng.choice(self.countries) if self.countries else None,
                )
            )
        made = self.bulk(Meeting, meetings)
        self.cite(made)
        through = Meeting.goals.through
        self.bulk(
            through,
            (through(meeting_id=m.pk, prioritygoal_id=rng.choice(self.goals).pk) for m in made),
        )

    def _projects(self, organisations: list[Organisation]) -> None:
        rng = self.rng
        statuses = [
            ProjectStatus.IDENTIFIED,
            ProjectStatus.UNDER_CONSIDERATION,
            ProjectStatus.LAUNCHED,
            ProjectStatus.COMPLETED,
        ]
        projects = []
        for i in range(50 * self.scale):
            start = 2000 + rng.randrange(28)
            projects.append(
                Project(
                    slug=f"{PREFIX}project-{i}",
                    title=f"Synthetic project {i}",
                    status=statuses[i % len(statuses)],
                    actual_start=dt.date(start, 1, 1),
                    actual_start_precision="year",
                    actual_end=dt.date(start + rng.randrange(1, 5), 1, 1),
                    actual_end_precision="year",
                )
            )
        made = self.bulk(Project, projects)
        self.cite(made)
        goals = Project.goals.through
        self.bulk(
            goals, (goals(project_id=p.pk, prioritygoal_id=rng.choice(self.goals).pk) for p in made)
        )
        roles = [
            Participation.Role.FUNDING,
            Participation.Role.IMPLEMENTING,
            Participation.Role.INTEREST,
        ]
        participations = self.bulk(
            Participation,
            (
                Participation(
                    project=p,
                    organisation=organisations[(i * 7 + k) % len(organisations)],
                    role=role,
                )
                for i, p in enumerate(made)
                for k, role in enumerate(roles)
            ),
        )
        self.cite(participations)
        funding = self.bulk(
            FundingRecord,
            (
                FundingRecord(
                    key=f"{PREFIX}funding-{i}",
                    project=p,
                    donor=organisations[i % len(organisations)],
                    kind=FundingRecord.Kind.PLEDGE,
                    amount=rng.randrange(10_000, 2_000_000),
                    currency="EUR",
                    date=p.actual_start,
                    date_precision="year",
                )
                for i, p in enumerate(made)
            ),
        )
        self.cite(funding)
        refresh_funding_summaries(Project.objects.filter(slug__startswith=PREFIX))


def remove_synthetic() -> int:
    """Delete everything the generator made (and only that)."""
    deleted = 0
    with transaction.atomic():
        for model, field in ((FundingRecord, "key"), (Meeting, "slug"), (Project, "slug")):
            deleted += model.objects.filter(**{f"{field}__startswith": PREFIX}).delete()[0]
        deleted += Participation.objects.filter(project__slug__startswith=PREFIX).delete()[0]
        deleted += Body.objects.filter(slug__startswith=PREFIX).delete()[0]
        deleted += Organisation.objects.filter(slug__startswith=PREFIX).delete()[0]
        deleted += Citation.objects.filter(source__key=SOURCE_KEY).delete()[0]
        gather_statistics_on_commit()
    return deleted
