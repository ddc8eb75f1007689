from __future__ import annotations

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from kring.accounts.models import Organisation, User
from kring.designs.models import (
    Cohort,
    Component,
    Edition,
    LearningLine,
    RunbookActivity,
    Session,
    SessionStaff,
)
from kring.learning.services import standard_template_create
from kring.programmes.models import Group, Programme, Role, RoleAssignment

PASSWORD = "a-Long-test-passw0rd"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.CLIENT

    @factory.post_generation
    def standard_template(obj, create, extracted, **kwargs):  # noqa: N805
        """As in Kring, an organisation comes with the standard meeting-series template."""
        if create:
            standard_template_create(organisation=obj)


class ProviderFactory(OrganisationFactory):
    name = "Opleidingsinstituut Test"
    kind = Organisation.Kind.PROVIDER


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Persoon {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    language = "nl"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Traject {n}")
    kind = Programme.Kind.IN_COMPANY
    provider = factory.SubFactory(ProviderFactory)
    client = factory.SubFactory(OrganisationFactory)
    status = Programme.Status.ACTIVE
    starts_on = datetime.date(2027, 1, 1)
    ends_on = datetime.date(2027, 7, 1)


class GroupFactory(DjangoModelFactory):
    class Meta:
        model = Group

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Leergroep {n}")
    kind = Group.Kind.LEARNING_GROUP


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(UserFactory)
    role = Role.PARTICIPANT
    programme = factory.LazyAttribute(lambda o: o.group.programme if o.group else None)
    group = None


# --- Programme designs ---------------------------------------------------------------------


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = Edition

    programme = factory.SubFactory(ProgrammeFactory, kind=Programme.Kind.OPEN, client=None)
    number = factory.Sequence(lambda n: n + 1)
    starts_on = datetime.date(2027, 1, 4)


class LearningLineFactory(DjangoModelFactory):
    class Meta:
        model = LearningLine

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Leerlijn {n}")
    order = factory.Sequence(lambda n: n)


class ComponentFactory(DjangoModelFactory):
    class Meta:
        model = Component

    line = factory.SubFactory(LearningLineFactory)
    title = factory.Sequence(lambda n: f"Onderdeel {n}")
    work_form = Component.WorkForm.ONE_DAY_SESSION
    length = Component.Length.DAY
    week = factory.Sequence(lambda n: n % 40 + 1)
    order = factory.Sequence(lambda n: n)


class RunbookActivityFactory(DjangoModelFactory):
    class Meta:
        model = RunbookActivity

    component = factory.SubFactory(ComponentFactory)
    starts_at = datetime.time(9, 30)
    minutes = 45
    title = factory.Sequence(lambda n: f"Activiteit {n}")


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort

    edition = factory.SubFactory(EditionFactory)
    group = factory.SubFactory(
        GroupFactory,
        programme=factory.SelfAttribute("..edition.programme"),
        kind=Group.Kind.COHORT,
    )
    starts_on = datetime.date(2027, 1, 4)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    component = factory.SubFactory(
        ComponentFactory, line__edition=factory.SelfAttribute("...cohort.edition")
    )
    title = factory.LazyAttribute(lambda o: o.component.title if o.component else "Sessie")
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2027, 1, 11, 9, 30))
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=7))


class SessionStaffFactory(DjangoModelFactory):
    class Meta:
        model = SessionStaff

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(UserFactory)
    role = SessionStaff.Role.TEACHER
