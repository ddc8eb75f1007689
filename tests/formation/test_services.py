"""Forming learning groups: signing up, building the engine's instance, runs, editing the
proposal, accepting it, and explaining why no grouping exists."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kring.availability.selectors import weekly_slots
from kring.core.exceptions import EditConflict
from kring.formation import compose, selectors, services
from kring.formation.models import FormationRun, PairRule, Pool, PoolEntry, RatherNot
from kring.learning.models import Membership
from kring.programmes.models import Group, Role, RoleAssignment
from tests.factories import UserFactory
from tests.formation.factories import PoolFactory, colleagues, entry
from tests.helpers import run_queued_tasks

# --- Signing up ------------------------------------------------------------------------------


def test_a_colleague_signs_up_with_their_week_and_a_private_preference(world, pool):
    other = UserFactory(organisation=world.client, full_name="Olga Overdijk")
    services.entry_sign_up(
        person=world.client_contact,
        pool=pool,
        task="  Beleidsadvies ",
        work_context="Ministerie van Proef /DG Wonen/ Team Zuid",
        layer=Membership.Layer.LEAD,
        slots=[3, 4, 9],
        rather_not=[other],
    )
    entry_ = PoolEntry.objects.get(pool=pool, person=world.client_contact)
    assert entry_.status == PoolEntry.Status.SIGNED_UP
    assert entry_.task == "Beleidsadvies"
    assert entry_.work_context == "Ministerie van Proef / DG Wonen / Team Zuid"
    assert weekly_slots(world.client_contact) == [3, 4, 9]  # the same week planning reads
    assert list(entry_.rather_not.values_list("other", flat=True)) == [other.pk]


def test_people_from_elsewhere_and_provider_staff_cannot_sign_up(world, pool):
    for person in (world.outsider, world.teacher, world.facilitator_a):
        with pytest.raises(PermissionDenied):
            services.entry_sign_up(
                person=person, pool=pool, task="x", work_context="Elders", layer=1
            )


def test_nobody_signs_up_once_the_pool_is_closed(world, pool):
    Pool.objects.filter(pk=pool.pk).update(status=Pool.Status.CLOSED)
    pool.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.entry_sign_up(
            person=world.participant_b, pool=pool, task="x", work_context="Ministerie", layer=1
        )


def test_withdrawing_forgets_whom_you_would_rather_not_meet(world, pool):
    own = PoolEntry.objects.get(pool=pool, person=world.participant_a)
    RatherNot.objects.create(entry=own, other=world.participant_b)
    services.entry_withdraw(person=world.participant_a, entry=own)
    own.refresh_from_db()
    assert own.status == PoolEntry.Status.WITHDRAWN
    assert not RatherNot.objects.filter(entry=own).exists()
    # … and signing up again while the pool is open is possible
    services.entry_sign_up(
        person=world.participant_a, pool=pool, task="beleid", work_context="Ministerie", layer=1
    )
    own.refresh_from_db()
    assert own.status == PoolEntry.Status.SIGNED_UP


def test_someone_cannot_be_their_own_manager(world, pool):
    with pytest.raises(ValidationError) as caught:
        services.entry_sign_up(
            person=world.participant_a,
            pool=pool,
            task="beleid",
            work_context="Ministerie",
            layer=1,
            manager=world.participant_a,
        )
    assert "manager" in caught.value.error_dict


def test_a_stale_sign_up_form_does_not_overwrite(world, pool):
    own = PoolEntry.objects.get(pool=pool, person=world.participant_a)
    with pytest.raises(EditConflict):
        services.entry_sign_up(
            person=world.participant_a,
            pool=pool,
            task="ander werk",
            work_context="Ministerie",
            layer=1,
            expected_version=own.version + 1,
        )
    own.refresh_from_db()
    assert own.task == "beleidsadvies"


# --- Adding people: voluntary all the same --------------------------------------------------------


def test_someone_added_by_a_facilitator_is_asked_and_counts_only_after_saying_yes(
    world, pool, committed
):
    person = UserFactory(organisation=world.client, language="en", email="new@example.org")
    with committed():
        added = services.entry_add(
            actor=world.programme_manager,
            pool=pool,
            person=person,
            task="juridisch advies",
            work_context="Ministerie van Proef / DG Wonen",
            layer=2,
        )
    assert added.status == PoolEntry.Status.INVITED
    assert person.pk not in [e.person_id for e in compose.participants(pool)]
    run_queued_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert "Would you like to take part in a learning group?" in message.subject
    assert "voluntary" in message.body
    assert message.alternatives  # an html part too

    services.entry_sign_up(
        person=person,
        pool=pool,
        task="juridisch advies",
        work_context="Ministerie van Proef / DG Wonen",
        layer=2,
    )
    assert person.pk in [e.person_id for e in compose.participants(pool)]


def test_a_recorded_agreement_counts_as_signing_up_and_needs_a_note(world, pool):
    person = UserFactory(organisation=world.client)
    with pytest.raises(ValidationError) as caught:
        services.entry_add(
            actor=world.programme_manager,
            pool=pool,
            person=person,
            task="beleid",
            work_context="Ministerie",
            layer=1,
            consent_given=True,
        )
    assert "consent_note" in caught.value.error_dict
    added = services.entry_add(
        actor=world.programme_manager,
        pool=pool,
        person=person,
        task="beleid",
        work_context="Ministerie",
        layer=1,
        consent_given=True,
        consent_note="per e-mail op 3 maart",
    )
    assert added.status == PoolEntry.Status.SIGNED_UP
    assert added.consent_recorded_by == world.programme_manager
    run_queued_tasks()
    assert mail.outbox == []


def test_who_withdrew_is_only_asked_again(world, pool):
    own = PoolEntry.objects.get(pool=pool, person=world.participant_a)
    services.entry_withdraw(person=world.participant_a, entry=own)
    with pytest.raises(ValidationError) as caught:
        services.entry_add(
            actor=world.programme_manager,
            pool=pool,
            person=world.participant_a,
            task="beleid",
            work_context="Ministerie",
            layer=1,
            consent_given=True,
            consent_note="telefonisch",
        )
    assert "consent_given" in caught.value.error_dict


def test_only_people_the_groups_are_for_can_be_added(world, pool):
    with pytest.raises(ValidationError) as caught:
        services.entry_add(
            actor=world.programme_manager,
            pool=pool,
            person=world.outsider,
            task="x",
            work_context="Elders",
            layer=1,
        )
    assert "person" in caught.value.error_dict
    with pytest.raises(PermissionDenied):
        services.entry_add(
            actor=world.teacher,
            pool=pool,
            person=world.participant_b,
            task="x",
            work_context="Ministerie",
            layer=1,
        )


def test_pair_rules_need_two_people_of_the_pool(world, pool):
    with pytest.raises(ValidationError):
        services.pair_add(
            actor=world.programme_manager,
            pool=pool,
            kind=PairRule.Kind.TOGETHER,
            first=world.participant_a,
            second=world.outsider,
        )
    other = entry(pool, UserFactory(organisation=world.client)).person
    rule = services.pair_add(
        actor=world.programme_manager,
        pool=pool,
        kind=PairRule.Kind.TOGETHER,
        first=other,
        second=world.participant_a,
    )
    again = services.pair_add(
        actor=world.programme_manager,
        pool=pool,
        kind=PairRule.Kind.APART,
        first=world.participant_a,
        second=other,
    )
    assert rule.pk == again.pk and again.kind == PairRule.Kind.APART


# --- The engine's instance ------------------------------------------------------------------------


def test_the_instance_holds_who_takes_part_and_what_they_told(world, pool):
    boss = entry(pool, UserFactory(organisation=world.client), layer=4, slots=[0, 1]).person
    people = colleagues(pool, 4, manager=boss)
    outside_manager = UserFactory(organisation=world.client)
    invited = entry(
        pool, UserFactory(organisation=world.client), status=PoolEntry.Status.INVITED
    ).person
    PoolEntry.objects.filter(pool=pool, person=world.participant_a).update(
        manager=outside_manager, task="  Beleidsadvies  ", work_context="Ministerie van Proef/DG"
    )
    first = PoolEntry.objects.get(pool=pool, person=people[0].person)
    RatherNot.objects.create(entry=first, other=people[1].person)
    RatherNot.objects.create(entry=first, other=invited)  # not taking part: left out
    PairRule.objects.create(
        pool=pool, kind=PairRule.Kind.TOGETHER, first=people[2].person, second=people[3].person
    )

    instance, snapshot = compose.instance_build(pool)

    ids = {p["id"] for p in instance["people"]}
    assert str(invited.pk) not in ids
    assert len(ids) == 6
    assert instance["group_sizes"] == [6]
    assert instance["positions"] == 5 and instance["slots"] == 15
    by_id = {p["id"]: p for p in instance["people"]}
    own = by_id[str(world.participant_a.pk)]
    assert own["task"] == "beleidsadvies"
    assert own["context"] == "ministerie van proef/dg"
    assert own["manager"] is None  # their manager is not in the pool
    assert by_id[str(people[0].person_id)]["manager"] == str(boss.pk)
    assert by_id[str(boss.pk)]["available"] == [0, 1]
    assert instance["apart"] == [[str(people[0].person_id), str(people[1].person_id)]]
    assert instance["together"] == [[str(people[2].person_id), str(people[3].person_id)]]
    assert snapshot["people"][str(world.participant_a.pk)]["task"] == "  Beleidsadvies  "
    assert snapshot["rather_not"] == instance["apart"]


def test_impossible_sizes_are_refused_in_words_a_facilitator_understands(world, pool):
    colleagues(pool, 10)  # 11 people
    pool.target_size, pool.min_size, pool.max_size = 6, 6, 7
    pool.save()
    with translation.override("nl"), pytest.raises(ValidationError) as caught:
        services.run_start(actor=world.programme_manager, pool=pool)
    text = caught.value.messages[0]
    assert "11 mensen passen niet in groepen van 6 tot 7." in text
    assert "groepen van 5 tot 7" in text
    assert not FormationRun.objects.exists()


def test_settings_refuse_sizes_that_never_work(world, pool):
    with pytest.raises(ValidationError) as caught:
        services.pool_settings_set(
            actor=world.programme_manager,
            pool=pool,
            expected_version=pool.version,
            target_size=5,
            min_size=4,
            max_size=9,
        )
    assert "max_size" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        services.pool_settings_set(
            actor=world.programme_manager,
            pool=pool,
            expected_version=pool.version,
            weight_task=0,
            weight_context=0,
            weight_position=0,
            weight_availability=0,
        )
    assert "weight_task" in caught.value.error_dict


# --- Runs --------------------------------------------------------------------------------------


def _formed(world, pool, committed, count=9, **kwargs) -> FormationRun:
    colleagues(pool, count, **kwargs)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    return run


def test_a_run_proposes_groups_of_the_planned_sizes_in_the_background(world, pool, committed):
    colleagues(pool, 9)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    assert run.status == FormationRun.Status.QUEUED
    with pytest.raises(ValidationError):
        services.run_start(actor=world.programme_manager, pool=pool)  # one at a time
    run_queued_tasks()
    run.refresh_from_db()
    assert run.status == FormationRun.Status.PROPOSED
    assert sorted(len(g) for g in run.groups) == [5, 5]
    placed = sorted(pid for group in run.groups for pid in group)
    assert placed == sorted(p["id"] for p in run.instance["people"])
    assert run.engine_groups == run.groups
    assert run.engine_score == pytest.approx(selectors.proposal(run).score)
    assert run.started_at and run.finished_at and run.phase == "done"


def test_rules_hold_in_the_proposal(world, pool, committed):
    people = colleagues(pool, 9)
    a, b, c = (people[0].person, people[1].person, people[2].person)
    RatherNot.objects.create(entry=people[0], other=b)
    PairRule.objects.create(pool=pool, kind=PairRule.Kind.TOGETHER, first=a, second=c)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    group_of = {pid: n for n, group in enumerate(run.groups) for pid in group}
    assert group_of[str(a.pk)] != group_of[str(b.pk)]
    assert group_of[str(a.pk)] == group_of[str(c.pk)]


def test_an_infeasible_run_names_the_people_who_stand_in_the_way(world, pool, committed):
    people = colleagues(pool, 9, slots=[0, 1])
    ann = people[0].person
    ann.full_name = "Ann Alders"
    ann.save()
    bob = people[1].person
    bob.full_name = "Bob Bakker"
    bob.save()
    from kring.availability.services import set_weekly_slots

    set_weekly_slots(bob, [7, 8])
    PairRule.objects.create(pool=pool, kind=PairRule.Kind.TOGETHER, first=ann, second=bob)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    assert run.status == FormationRun.Status.INFEASIBLE
    assert run.reason["code"] == "together_no_common_slot"
    with translation.override("nl"):
        text = selectors.infeasible_text(run)
    assert "Ann Alders en Bob Bakker moeten in dezelfde groep" in text
    assert str(ann.pk) not in text


def test_someone_without_any_free_moment_is_named(world, pool, committed):
    people = colleagues(pool, 9)
    quiet = people[4].person
    quiet.full_name = "Quinten Stil"
    quiet.save()
    from kring.availability.services import set_weekly_slots

    set_weekly_slots(quiet, [])
    run = _formed(world, pool, committed, count=0)
    assert run.status == FormationRun.Status.INFEASIBLE
    with translation.override("en"):
        assert selectors.infeasible_text(run).startswith(
            "Quinten Stil has not given a single weekly moment"
        )


# --- Editing the proposal -------------------------------------------------------------------------


def test_moving_and_swapping_change_the_proposal_and_its_score(
    world, pool, committed, programme_facilitator
):
    pool.max_size = 5
    pool.save()
    colleagues(pool, 5, task="juridisch advies", context="Ministerie van Proef / DG Recht")
    run = _formed(world, pool, committed, count=4)
    first, second = run.groups[0][0], run.groups[1][0]
    before = selectors.proposal(run).score
    services.proposal_swap(
        actor=world.programme_manager,
        run=run,
        first=first,
        second=second,
        expected_version=run.version,
    )
    run.refresh_from_db()
    assert first in run.groups[1] and second in run.groups[0]
    services.proposal_move(
        actor=programme_facilitator,
        run=run,
        person_id=first,
        to_group=0,
        expected_version=run.version,
    )
    run.refresh_from_db()
    assert [len(g) for g in run.groups] == [6, 4]
    proposal = selectors.proposal(run)
    assert proposal.score != pytest.approx(before)
    assert proposal.edited
    codes = {w.code for g in proposal.groups for w in g.warnings}
    assert {"above_max", "large"} <= codes  # larger than asked, and above five
    services.proposal_reset(actor=world.programme_manager, run=run, expected_version=run.version)
    run.refresh_from_db()
    assert run.groups == run.engine_groups


def test_two_people_forming_groups_do_not_overwrite_each_other(
    world, pool, committed, programme_facilitator
):
    run = _formed(world, pool, committed, count=9)
    seen = run.version
    person = run.groups[0][0]
    services.proposal_move(
        actor=world.programme_manager, run=run, person_id=person, to_group=1, expected_version=seen
    )
    stale = FormationRun.objects.get(pk=run.pk)
    with pytest.raises(EditConflict):
        services.proposal_move(
            actor=programme_facilitator,
            run=stale,
            person_id=run.groups[0][0],
            to_group=2,
            expected_version=seen,
        )
    assert FormationRun.objects.get(pk=run.pk).groups == run.groups


def test_a_rather_not_pair_put_together_by_hand_is_warned_about(world, pool, committed):
    people = colleagues(pool, 9)
    RatherNot.objects.create(entry=people[0], other=people[1].person)
    run = _formed(world, pool, committed, count=0)
    a, b = str(people[0].person_id), str(people[1].person_id)
    group_of = {pid: n for n, group in enumerate(run.groups) for pid in group}
    assert group_of[a] != group_of[b]
    services.proposal_move(
        actor=world.programme_manager,
        run=run,
        person_id=b,
        to_group=group_of[a],
        expected_version=run.version,
    )
    run.refresh_from_db()
    warnings = selectors.proposal(run).groups[group_of[a]].warnings
    names = (people[0].person.full_name, people[1].person.full_name)
    assert any(w.code == "rather_not" and w.people == names for w in warnings)


def test_moving_someone_into_a_new_group(world, pool, committed):
    run = _formed(world, pool, committed, count=9)
    person = run.groups[0][0]
    services.proposal_move(
        actor=world.programme_manager,
        run=run,
        person_id=person,
        to_group=len(run.groups),
        expected_version=run.version,
    )
    run.refresh_from_db()
    assert run.groups[-1] == [person]
    assert any(w.code == "below_min" for w in selectors.proposal(run).groups[-1].warnings)


# --- Accepting ---------------------------------------------------------------------------------


def test_accepting_creates_learning_groups_whose_members_still_confirm(world, pool, committed):
    boss = entry(pool, UserFactory(organisation=world.client), layer=4).person
    colleagues(pool, 4, manager=boss)
    colleagues(pool, 4, context="Ministerie van Proef / DG Wonen / Team Zuid")
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    mail.outbox.clear()
    names = ["Leergroep Noord", "Leergroep Zuid"]
    with committed():
        result = services.proposal_accept(
            actor=world.programme_manager,
            run=run,
            expected_version=run.version,
            names=names,
            facilitators=[world.facilitator_b, None],
        )
    assert not result.already
    groups = Group.objects.filter(programme=world.trajectory, name__in=names)
    assert groups.count() == 2
    assert {g.kind for g in groups} == {Group.Kind.LEARNING_GROUP}
    memberships = Membership.objects.filter(group__in=groups)
    assert memberships.count() == 10
    assert {m.status for m in memberships} == {Membership.Status.INVITED}
    own = memberships.get(person=world.participant_a)
    assert own.task == "beleidsadvies" and own.layer == 1
    assert memberships.filter(manager=boss).count() == 4
    boss_group = memberships.get(person=boss).group
    assert not memberships.filter(group=boss_group, manager=boss).exists()  # kept apart
    north = groups.get(name="Leergroep Noord")
    assert RoleAssignment.objects.filter(
        group=north, role=Role.FACILITATOR, person=world.facilitator_b
    ).exists()
    assert not RoleAssignment.objects.filter(
        group__in=groups, role=Role.PARTICIPANT
    ).exists()  # only after confirming
    pool.refresh_from_db()
    run.refresh_from_db()
    assert pool.status == Pool.Status.FORMED
    assert run.status == FormationRun.Status.ACCEPTED
    run_queued_tasks()
    assert len(mail.outbox) == 10  # every member is asked to confirm

    again = services.proposal_accept(
        actor=world.programme_manager,
        run=run,
        expected_version=run.version,
        names=names,
        facilitators=[None, None],
    )
    assert again.already
    assert Group.objects.filter(programme=world.trajectory).count() == 4  # A, B and the two


def test_a_stale_accept_is_refused_and_creates_nothing(world, pool, committed):
    run = _formed(world, pool, committed, count=9)
    with pytest.raises(EditConflict):
        services.proposal_accept(
            actor=world.programme_manager,
            run=run,
            expected_version=run.version - 1,
            names=["Een", "Twee"],
            facilitators=[],
        )
    assert Group.objects.filter(programme=world.trajectory).count() == 2


def test_accepting_refuses_groups_above_seven_and_names_in_use(world, pool, committed):
    run = _formed(world, pool, committed, count=9)
    for person in list(run.groups[1])[:3]:
        services.proposal_move(
            actor=world.programme_manager,
            run=run,
            person_id=person,
            to_group=0,
            expected_version=run.version,
        )
        run.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.proposal_accept(
            actor=world.programme_manager,
            run=run,
            expected_version=run.version,
            names=[world.group_a.name, "Twee"],
            facilitators=[],
        )
    assert len(caught.value.error_dict["name_0"]) == 2  # too large, and the name is in use
    assert Group.objects.filter(programme=world.trajectory).count() == 2


def test_who_withdrew_after_the_run_is_not_invited(world, pool, committed):
    run = _formed(world, pool, committed, count=9)
    own = PoolEntry.objects.get(pool=pool, person=world.participant_a)
    services.entry_withdraw(person=world.participant_a, entry=own)
    result = services.proposal_accept(
        actor=world.programme_manager,
        run=run,
        expected_version=run.version,
        names=["Een", "Twee"],
        facilitators=[],
    )
    assert result.skipped == [world.participant_a.full_name]
    assert not Membership.objects.filter(person=world.participant_a, group__name="Een").exists()


def test_teachers_and_client_contacts_cannot_form_or_accept(world, pool, committed):
    run = _formed(world, pool, committed, count=9)
    for person in (world.teacher, world.client_contact, world.participant_a, world.outsider):
        with pytest.raises(PermissionDenied):
            services.run_start(actor=person, pool=pool)
        with pytest.raises(PermissionDenied):
            services.proposal_accept(
                actor=person, run=run, expected_version=run.version, names=[], facilitators=[]
            )


def test_an_admin_forms_groups_too(world, committed):
    pool = PoolFactory(programme=world.trajectory)
    colleagues(pool, 8)
    with committed():
        run = services.run_start(actor=world.admin, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    assert run.status == FormationRun.Status.PROPOSED
    assert PoolFactory._meta.model.objects.count() == 1


def test_an_abandoned_run_does_not_block_the_pool(world, pool, committed):
    import datetime

    from django.utils import timezone

    colleagues(pool, 9)
    stuck = FormationRun.objects.create(
        pool=pool,
        number=1,
        status=FormationRun.Status.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    stuck.refresh_from_db()
    assert stuck.status == FormationRun.Status.FAILED
    assert run.number == 2


def test_an_unchanged_week_is_not_written_again(world, pool, committed):
    from kring.availability.signals import availability_changed

    heard = []

    def listener(sender, user, **kwargs):
        heard.append(user.pk)

    availability_changed.connect(listener)
    try:
        with committed():
            services.entry_sign_up(
                person=world.participant_a,
                pool=pool,
                task="beleidsadvies",
                work_context="Ministerie",
                layer=1,
                slots=[2, 1, 0],  # as it was
            )
        assert heard == []
        with committed():
            services.entry_sign_up(
                person=world.participant_a,
                pool=pool,
                task="beleidsadvies",
                work_context="Ministerie",
                layer=1,
                slots=[0, 1, 2, 3],
            )
        assert heard == [world.participant_a.pk]
    finally:
        availability_changed.disconnect(listener)


def test_an_engine_result_that_breaks_a_rule_is_never_offered(world, pool, committed, monkeypatch):
    """The engine checks its own result; should a bug slip past it, the run fails with the
    broken rule in words and no proposal appears."""
    people = colleagues(pool, 9)
    ann, bob = people[0].person, people[1].person
    ann.full_name, bob.full_name = "Ann Alders", "Bob Bakker"
    ann.save()
    bob.save()
    RatherNot.objects.create(entry=people[0], other=bob)
    from kring.engines.grouping import search

    def careless_solve(problem, **kwargs):
        # Ann and Bob first, so they share a group although one of them would rather not.
        a, b = problem.index[str(ann.pk)], problem.index[str(bob.pk)]
        order = [a, b] + [k for k in range(problem.n) if k not in (a, b)]
        groups, start = [], 0
        for size in problem.sizes:
            groups.append(order[start : start + size])
            start += size
        return search.SearchResult(groups, 0.0)

    monkeypatch.setattr(search, "solve", careless_solve)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    assert run.status == FormationRun.Status.FAILED
    assert run.groups == [] and not run.has_proposal
    assert [rule["kind"] for rule in run.reason["broken"]] == ["apart"]
    with translation.override("nl"):
        texts = selectors.broken_rule_texts(run)
    assert texts == [
        "Deze regel werd gebroken: Ann Alders en Bob Bakker mogen niet in dezelfde groep."
    ]
    with pytest.raises(ValidationError):
        services.proposal_accept(
            actor=world.programme_manager,
            run=run,
            expected_version=run.version,
            names=[],
            facilitators=[],
        )


def test_a_fault_the_engine_could_not_mend_fails_the_run_with_the_rules_named(
    world, pool, committed, monkeypatch
):
    people = colleagues(pool, 9)
    ann, bob = people[0].person, people[1].person
    ann.full_name, bob.full_name = "Ann Alders", "Bob Bakker"
    ann.save()
    bob.save()
    from kring.engines.grouping import Infeasible, Reason, search

    def faulty_solve(problem, **kwargs):
        raise Infeasible(
            "the search ended with a grouping that breaks rules it could not repair",
            Reason("engine_fault", rules=(("apart", (str(ann.pk), str(bob.pk))),)),
        )

    monkeypatch.setattr(search, "solve", faulty_solve)
    with committed():
        run = services.run_start(actor=world.programme_manager, pool=pool)
    run_queued_tasks()
    run.refresh_from_db()
    assert run.status == FormationRun.Status.FAILED
    with translation.override("en"):
        assert selectors.broken_rule_texts(run) == [
            "This rule was broken: Ann Alders and Bob Bakker must not be in the same group."
        ]
