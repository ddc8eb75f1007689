"""Programme and group pages: creating, editing with conflict detection, roles via htmx,
and list pages whose query count does not grow with their length."""

from __future__ import annotations

from django.urls import reverse

from kring.audit.models import AuditEntry
from kring.programmes.models import Group, Programme, RoleAssignment
from tests.factories import GroupFactory, ProgrammeFactory, RoleFactory


def test_a_programme_manager_creates_a_programme(world, as_user):
    client = as_user(world.programme_manager)
    response = client.post(
        reverse("programmes:programme_create"),
        {
            "name": "Leiderschap in verandering",
            "kind": "in_company",
            "provider": world.provider.pk,
            "client": world.client.pk,
            "status": "draft",
            "starts_on": "2027-03-01",
            "ends_on": "2027-09-30",
            "description": "",
        },
        follow=True,
    )
    assert "Leiderschap in verandering" in response.content.decode()
    assert Programme.objects.filter(name="Leiderschap in verandering").exists()


def test_bad_dates_keep_the_form_and_explain(world, as_user):
    client = as_user(world.programme_manager)
    response = client.post(
        reverse("programmes:programme_create"),
        {
            "name": "Achterstevoren",
            "kind": "open",
            "provider": world.provider.pk,
            "status": "draft",
            "starts_on": "2027-03-01",
            "ends_on": "2027-01-01",
        },
    )
    content = response.content.decode()
    assert "De einddatum ligt vóór de startdatum." in content
    assert 'value="Achterstevoren"' in content
    assert not Programme.objects.filter(name="Achterstevoren").exists()


def test_a_concurrent_edit_is_shown_and_not_overwritten(world, as_user):
    client = as_user(world.programme_manager)
    url = reverse("programmes:programme_edit", args=[world.trajectory.pk])
    form = {
        "name": "Mijn titel",
        "kind": "in_company",
        "client": world.client.pk,
        "status": "active",
        "starts_on": "2027-01-01",
        "ends_on": "2027-07-01",
        "description": "",
        "version": 1,
    }
    Programme.objects.filter(pk=world.trajectory.pk).update(name="Hun titel", version=2)
    response = client.post(url, form)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Iemand anders heeft dit opgeslagen" in content
    assert "Hun titel" in content  # what was saved in the meantime
    assert 'value="Mijn titel"' in content  # and the user's own input
    assert Programme.objects.get(pk=world.trajectory.pk).name == "Hun titel"
    # Saving again is now a deliberate choice, based on the latest version.
    response = client.post(url, {**form, "version": 2})
    assert response.status_code == 302
    assert Programme.objects.get(pk=world.trajectory.pk).name == "Mijn titel"


def test_removing_a_role(world, as_user):
    client = as_user(world.facilitator_a)
    assignment = RoleAssignment.objects.get(person=world.participant_a, group=world.group_a)
    client.post(
        reverse("programmes:role_remove", args=[assignment.pk]),
        {"confirm": "yes", "reason": "Is van baan gewisseld."},
    )
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()
    entry = AuditEntry.objects.get(action="role.remove")
    assert entry.detail["reason"] == "Is van baan gewisseld."


def test_client_contact_sees_groups_and_sizes_but_no_names_or_links(world, as_user):
    client = as_user(world.client_contact)
    content = client.get(
        reverse("programmes:programme_detail", args=[world.trajectory.pk])
    ).content.decode()
    assert "Leergroep A" in content and "1 deelnemer" in content
    assert reverse("programmes:group_detail", args=[world.group_a.pk]) not in content
    assert "Participant A" not in content


def test_dashboard_shows_each_persona_its_own_groups(world, as_user):
    content = as_user(world.participant_b).get(reverse("site:dashboard")).content.decode()
    assert "Leergroep B" in content and "Leergroep A" not in content
    content = as_user(world.facilitator_a).get(reverse("site:dashboard")).content.decode()
    assert "Leergroep A" in content and "Leerbegeleider" in content


def test_programme_list_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    client = as_user(world.admin)
    for _ in range(12):
        GroupFactory(programme=ProgrammeFactory(provider=world.provider))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("programmes:programme_list"))
    assert response.content.decode().count("<tr>") >= 14


def test_dashboard_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    for _ in range(10):
        RoleFactory(person=world.teacher, role="teacher", group=GroupFactory())
    client = as_user(world.teacher)
    # Fourteen: the overview also reads pool sign-ups, the header's unread notifications, the
    # sessions someone teaches and (for a group's teacher) the duo agreements to revisit.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("site:dashboard")).status_code == 200


def test_programme_page_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    for number in range(10):
        group = Group.objects.create(
            programme=world.trajectory, name=f"Extra {number}", kind="workshop"
        )
        RoleFactory(role="participant", group=group)
    client = as_user(world.programme_manager)
    with django_assert_max_num_queries(12):
        assert (
            client.get(
                reverse("programmes:programme_detail", args=[world.trajectory.pk])
            ).status_code
            == 200
        )


def test_audit_list_query_count_does_not_grow(world, as_user, django_assert_max_num_queries):
    for _ in range(30):
        AuditEntry.objects.create(actor=world.admin, action="test.entry")
    client = as_user(world.admin)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("audit:audit_list")).status_code == 200
