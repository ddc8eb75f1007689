from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from kring.accounts.models import Organisation, User
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
