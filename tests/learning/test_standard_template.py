"""The standard meeting-series template exists from the moment an organisation does, so the
pages that show or use it only read it."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kring.accounts.models import Organisation
from kring.learning.models import SeriesTemplate
from tests.factories import OrganisationFactory


def test_a_new_organisation_comes_with_the_standard_template(world, as_user):
    response = as_user(world.admin).post(
        reverse("site:organisation_create"), {"name": "Gemeente Proef", "kind": "client"}
    )
    assert response.status_code == 302
    template = SeriesTemplate.objects.get(organisation__name="Gemeente Proef")
    assert template.name == "Standaardcyclus leergroep"
    assert template.meetings.count() == 6


def test_an_organisation_added_in_the_admin_comes_with_it_too(world, as_user):
    as_user(world.admin).post(
        reverse("admin:accounts_organisation_add"),
        {
            "name": "Gemeente Beheer",
            "kind": "client",
            "created_at_0": "2026-12-01",
            "created_at_1": "10:00",
        },
    )
    assert SeriesTemplate.objects.filter(organisation__name="Gemeente Beheer").count() == 1


def test_the_pages_that_show_the_template_only_read(world, as_user):
    pages = [
        (world.facilitator_a, reverse("learning:meetings", args=[world.group_a.pk])),
        (world.programme_manager, reverse("learning:templates")),
        (world.programme_manager, reverse("planning:programme", args=[world.trajectory.pk])),
    ]
    before = SeriesTemplate.objects.count()
    for person, url in pages:
        client = as_user(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        # PostgreSQL reads large results through a cursor: DECLARE … CURSOR FOR SELECT.
        reads = ("SELECT", "DECLARE")
        writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(reads)]
        assert not [sql for sql in writes if "seriestemplate" in sql.lower()], url
    assert SeriesTemplate.objects.count() == before


def test_organisations_from_before_get_the_standard_template_in_the_sites_language(db):
    earlier = OrganisationFactory(name="Van vroeger")
    earlier.series_templates.all().delete()
    migration = importlib.import_module(
        "kring.learning.migrations.0003_standard_template_for_every_organisation"
    )
    migration.create_standard_templates(apps, None)
    template = SeriesTemplate.objects.get(organisation=earlier)
    assert template.name == "Standaardcyclus leergroep"
    assert template.meetings.order_by("number").first().title == "Start en contracteren"
    assert Organisation.objects.filter(series_templates=None).count() == 0
    assert SeriesTemplate.objects.count() == Organisation.objects.count()
