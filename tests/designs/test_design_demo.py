"""The demo shows designs at work: the open programme in its second edition, changed by what
was observed in the first, and the in-company trajectory whose design changed while it ran."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kring.accounts.models import User
from kring.designs.models import ChangeProposal, DesignVersion, Edition, Observation
from kring.programmes.models import Programme
from kring.site.management.commands.load_demo import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_designs(client):
    load_demo()
    open_programme = Programme.objects.get(kind=Programme.Kind.OPEN)
    second = Edition.objects.get(programme=open_programme, number=2)
    assert second.copied_from.number == 1
    assert second.cohorts.exists()
    changed_by_observations = DesignVersion.objects.filter(
        edition=second, observations__edition__number=1
    ).distinct()
    assert changed_by_observations.count() == 2
    assert ChangeProposal.objects.filter(edition__programme=open_programme).count() == 4
    assert Observation.objects.filter(edition__programme=open_programme).count() == 4

    trajectory = Programme.objects.get(name="Samen leren in de beleidspraktijk")
    (run,) = trajectory.editions.all()
    during_the_run = run.versions.filter(created_at__date__gte=run.starts_on)
    assert during_the_run.count() >= 3
    assert all(version.reason for version in during_the_run)
    assert {v.answers for v in during_the_run} >= {"decision", "observation", "learning_question"}

    # The programme manager finds it from the programme page.
    client.force_login(User.objects.get(email="programmamanager@demo.kring"))
    page = client.get(reverse("programmes:programme_detail", args=[open_programme.pk]))
    assert reverse("designs_design:edition", args=[second.pk]) in page.content.decode()
    design = client.get(reverse("designs_design:edition", args=[second.pk])).content.decode()
    assert "Gastcollege: de lerende organisatie" in design
