"""Reflection lives inside its group: every reflection page carries the group's breadcrumb and
tab bar with Reflection marked, leads back to the group's overview (the cycle), and the main
menu leads to it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.reflection.factories import JournalEntryFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def _current_tab(page: str) -> str:
    subnav = page.split('class="subnav"', 1)[1].split("</nav>", 1)[0]
    return re.search(r'<a href="([^"]+)" aria-current="[a-z]+">', subnav).group(1)


def _crumbs(page: str) -> list[str]:
    trail = page.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', trail)


def test_every_reflection_page_sits_in_the_groups_navigation(scene, as_user):
    world = scene.world
    group = world.group_a
    submission = SubmissionFactory(assignment=scene.assignment, author=world.participant_a)
    entry = JournalEntryFactory(group=group, author=world.participant_a)
    reflection = reverse("reflection:group", args=[group.pk])
    cycle = reverse("learning:cycle", args=[group.pk])
    programme = reverse("programmes:programme_detail", args=[world.trajectory.pk])
    assignment = reverse("reflection:assignment_detail", args=[scene.assignment.pk])
    journal = reverse("reflection:journal", args=[group.pk])
    pages = {
        reflection: [programme, cycle],
        assignment: [programme, cycle, reflection],
        reverse("reflection:submission_detail", args=[submission.pk]): [
            programme,
            cycle,
            reflection,
            assignment,
        ],
        reverse("reflection:submission_edit", args=[submission.pk]): [
            programme,
            cycle,
            reflection,
            assignment,
        ],
        journal: [programme, cycle, reflection],
        reverse("reflection:journal_create", args=[group.pk]): [
            programme,
            cycle,
            reflection,
            journal,
        ],
        reverse("reflection:journal_edit", args=[entry.pk]): [
            programme,
            cycle,
            reflection,
            journal,
        ],
        reverse("reflection:excerpt_create", args=[entry.pk]): [
            programme,
            cycle,
            reflection,
            journal,
        ],
    }
    client = as_user(world.participant_a)
    for url, crumbs in pages.items():
        page = client.get(url).content.decode()
        assert _current_tab(page) == reflection, url
        assert _crumbs(page) == crumbs, url
        assert reverse("programmes:group_detail", args=[group.pk]) not in page, url


def test_the_facilitator_gives_assignments_inside_the_group_too(scene, as_user):
    world = scene.world
    client = as_user(world.facilitator_a)
    for url in (
        reverse("reflection:assignment_create", args=[scene.meeting.pk]),
        reverse("reflection:assignment_edit", args=[scene.assignment.pk]),
    ):
        page = client.get(url).content.decode()
        assert _current_tab(page) == reverse("reflection:group", args=[world.group_a.pk]), url


def test_the_section_page_is_the_current_page_and_deeper_pages_are_in_it(scene, as_user):
    client = as_user(scene.world.participant_a)
    group_page = client.get(reverse("reflection:group", args=[scene.world.group_a.pk]))
    assert 'aria-current="page">Reflectie<' in group_page.content.decode()
    detail = client.get(reverse("reflection:assignment_detail", args=[scene.assignment.pk]))
    assert 'aria-current="true">Reflectie<' in detail.content.decode()


def test_the_group_tab_and_the_main_menu_use_one_word(scene, as_user):
    world = scene.world
    page = as_user(world.participant_a).get(reverse("learning:cycle", args=[world.group_a.pk]))
    content = page.content.decode()
    menu = content.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert reverse("reflection:overview") in menu and ">Reflectie<" in menu
    subnav = content.split('class="subnav"', 1)[1].split("</nav>", 1)[0]
    assert ">Reflectie<" in subnav
    assert "dagboek" not in content.lower()


def test_the_main_menu_offers_reflection_only_to_those_in_a_group(world, as_user):
    overview = reverse("reflection:overview")
    for persona, shown in (
        ("participant_a", True),
        ("facilitator_a", True),
        ("client_contact", False),
        ("programme_manager", False),
        ("teacher", False),
    ):
        page = as_user(getattr(world, persona)).get(reverse("site:dashboard")).content.decode()
        menu = page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
        assert (overview in menu) == shown, persona
