"""Pages for forming learning groups from a pool. Each view resolves its objects through the
permission policy, validates a form, calls a service and renders or redirects; htmx requests
get the part of the page that changed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kring import access
from kring.accounts.models import User
from kring.availability.selectors import weekly_row, weekly_slots
from kring.core.exceptions import EditConflict
from kring.core.forms import conflict_form, rebase_on_conflict, submit, submit_edit
from kring.core.once import submit_once
from kring.core.types import AuthedRequest
from kring.formation import selectors, services
from kring.formation.explain import size_plan_text, size_problem_text, slot_words
from kring.formation.forms import (
    AcceptForm,
    EntryAddForm,
    EntryFilterForm,
    EntryForm,
    MoveForm,
    PairForm,
    PoolForm,
    SettingsForm,
    SignUpForm,
    SwapForm,
)
from kring.formation.models import FormationRun, PairRule, Pool, PoolEntry
from kring.formation.sizing import SizeProblem, plan_sizes
from kring.profiles.selectors import profile_summaries
from kring.programmes.models import Programme

POOLS = Pool.objects.select_related("programme__client", "programme__provider")
ENTRIES = PoolEntry.objects.select_related("pool__programme", "person", "manager")
RUNS = FormationRun.objects.select_related("pool__programme")

PROPOSAL_CONFLICT = gettext_lazy(
    "Someone else changed this proposal in the meantime. Your change was not made; this is "
    "the proposal as it stands now."
)


def _pool(request: AuthedRequest, pk: int, action: access.AnyAction = access.Action.VIEW) -> Pool:
    return access.get_object(request.user, action, POOLS, pk=pk)


def _availability_version(person: User) -> int | None:
    row = weekly_row(person)
    return row.version if row else None


def _entry_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "task": data["task"],
        "work_context": data["work_context"],
        "layer": data["layer"],
        "manager": data["manager"],
        "slots": data["slots"],
        "availability_version": data.get("availability_version"),
        "rather_not": list(data["rather_not"]),
    }


def _entry_conflict(
    form: EntryForm, entry: PoolEntry | None, person: User, message: str, **form_kwargs: Any
) -> tuple[EntryForm, list[str]]:
    """After an EditConflict on a sign-up: the input as typed, based on the entry and the week
    saved in the meantime, and that week in words to compare."""
    rebased = rebase_on_conflict(
        form,
        versions={
            "version": PoolEntry.objects.get(pk=entry.pk).version if entry else None,
            "availability_version": _availability_version(person),
        },
        message=message,
        person=person,
        **form_kwargs,
    )
    return rebased, slot_words(weekly_slots(person))


# --- Pools -------------------------------------------------------------------------------------


@login_required
@submit_once
def pool_create(request: AuthedRequest, pk: int) -> HttpResponse:
    programme = access.get_object(
        request.user, access.Action.VIEW, Programme.objects.select_related("client"), pk=pk
    )
    access.require(request.user, access.FormationAction.ADD_POOL, programme)
    form = PoolForm(request.POST or None, creating=True)
    if done := submit(
        form,
        lambda data: services.pool_create(
            actor=request.user,
            programme=programme,
            name=data["name"],
            description=data["description"],
            closes_on=data["closes_on"],
        ),
    ):
        messages.success(
            request,
            _("The pool has been created. Open it when people may sign up."),
        )
        return redirect("formation:pool", pk=done.value.pk)
    return render(
        request,
        "formation/pool_form.html",
        {"form": form, "programme": programme},
        status=400 if form.errors else 200,
    )


@login_required
def pool_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = _pool(request, pk, access.Action.MANAGE)
    form = PoolForm(request.POST or None, instance=pool)
    edit = submit_edit(
        form,
        lambda data: services.pool_update(
            actor=request.user,
            pool=pool,
            expected_version=data.pop("version") or pool.version,
            **data,
        ),
        on_conflict=lambda: conflict_form(form, Pool.objects.get(pk=pool.pk)),
    )
    if edit.done:
        messages.success(request, _("The pool has been saved."))
        return redirect("formation:pool", pk=pool.pk)
    return render(
        request,
        "formation/pool_form.html",
        {
            "form": edit.form,
            "pool": pool,
            "programme": pool.programme,
            "saved_meanwhile": edit.saved_meanwhile,
        },
        status=400 if edit.form.errors else 200,
    )


@login_required
def pool_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """Staff see everyone in the pool with what they told, the pairing rules and the runs;
    anyone else sees what the learning groups are about and their own sign-up only."""
    return _pool_page(request, _pool(request, pk))


def _pool_page(
    request: AuthedRequest, pool: Pool, *, pair_form: PairForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    staff = access.can(user, access.Action.MANAGE, pool)
    own = PoolEntry.objects.filter(pool=pool, person=user).first()
    context: dict[str, Any] = {
        "pool": pool,
        "programme": pool.programme,
        "staff": staff,
        "own_entry": own,
        "may_sign_up": access.can(user, access.Action.SIGN_UP, pool),
        "may_withdraw": own is not None and access.can(user, access.Action.WITHDRAW, own),
        "own_slots": slot_words(weekly_slots(user)) if own else [],
    }
    if not staff:
        return render(request, "formation/pool.html", context)
    context.update(_entries_context(request, pool))
    if (
        request.htmx
        and request.htmx.target == "pool-entries"
        and not (request.htmx.history_restore_request)
    ):
        response = render(request, "formation/pool.html#entries", context)
    else:
        context.update(
            pair_rules=selectors.pair_rules(pool),
            pair_form=pair_form or _pair_form(pool),
            runs=selectors.runs(pool),
        )
        if access.can(user, access.Action.VIEW_PROFILES, pool):
            people = selectors.pool_people(pool)
            summaries = profile_summaries([person.pk for person in people])
            context["profile_rows"] = [(person, summaries.get(person.pk)) for person in people]
            context["profile_shown"] = {entry.person_id for entry in context["page"]}
        response = render(request, "formation/pool.html", context, status=status)
    # The same address answers with the list alone or the whole page; caches keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _entries_context(request: AuthedRequest, pool: Pool) -> dict[str, Any]:
    """One page of the pool's entries, searched and filtered through the query string, so
    that a filtered list has an address (links, the back button) with or without htmx."""
    form = EntryFilterForm(request.GET, organisations=selectors.entry_organisations(pool))
    filters = form.filters()
    rows = selectors.entry_list(pool, **filters)
    page = Paginator(rows, selectors.ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "filtered": any(value not in ("", None) for value in filters.values()),
        "page": page,
        "query": query.urlencode(),
        "counts": selectors.pool_counts(pool),
    }


def _pair_form(pool: Pool, data: Any = None) -> PairForm:
    return PairForm(
        data,
        people=selectors.pair_candidates(pool),
        search_url=reverse("formation:pair_people", args=[pool.pk]),
    )


# --- Signing up --------------------------------------------------------------------------------


@login_required
def sign_up(request: AuthedRequest, pk: int) -> HttpResponse:
    """Sign up, confirm after being added, or change what you told. The person's own page."""
    pool = _pool(request, pk)
    user = request.user
    entry = PoolEntry.objects.filter(pool=pool, person=user).first()
    if entry is not None and entry.status != PoolEntry.Status.WITHDRAWN:
        access.require(user, access.Action.CHANGE, entry)
    else:
        access.require(user, access.Action.SIGN_UP, pool)
    people = selectors.people_of(pool.programme, user)
    if entry is not None:
        initial: dict[str, Any] = {
            "task": entry.task,
            "work_context": entry.work_context,
            "layer": entry.layer,
            "manager": entry.manager_id,
            "rather_not": list(entry.rather_not.values_list("other_id", flat=True)),
            "version": entry.version,
        }
    else:
        initial = selectors.prefill(user)
    initial["slots"] = weekly_slots(user)
    initial["availability_version"] = _availability_version(user)
    form_class = (
        SignUpForm if entry is None or entry.status != PoolEntry.Status.SIGNED_UP else EntryForm
    )
    form = form_class(request.POST or None, initial=initial, people=people, person=user)
    edit = submit_edit(
        form,
        lambda data: services.entry_sign_up(
            person=user,
            pool=pool,
            expected_version=data.get("version"),
            **_entry_data(data),
        ),
        on_conflict=lambda: _entry_conflict(
            form,
            entry,
            user,
            _(
                "Your sign-up or your week was changed elsewhere while you were filling "
                "this in. Nothing has been overwritten: check what is shown and save again."
            ),
            people=people,
        ),
    )
    if edit.done:
        if entry is None or entry.status == PoolEntry.Status.WITHDRAWN:
            messages.success(
                request,
                _(
                    "You have signed up. The facilitator forms the groups after sign-up "
                    "closes; you will then be invited into your group."
                ),
            )
        elif entry.status == PoolEntry.Status.INVITED:
            messages.success(request, _("Thank you: you take part in the pool."))
        else:
            messages.success(request, _("Your sign-up has been saved."))
        return redirect("formation:pool", pk=pool.pk)
    return render(
        request,
        "formation/sign_up.html",
        {
            "pool": pool,
            "programme": pool.programme,
            "form": edit.form,
            "entry": entry,
            "slots_saved_meanwhile": edit.saved_meanwhile,
        },
        status=400 if edit.form.errors else 200,
    )


@login_required
@require_POST
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = _pool(request, pk)
    entry = PoolEntry.objects.filter(pool=pool, person=request.user).select_related("pool").first()
    if entry is None:
        return redirect("formation:pool", pk=pool.pk)
    access.require(request.user, access.Action.WITHDRAW, entry)
    services.entry_withdraw(person=request.user, entry=entry)
    messages.info(
        request,
        _("You are no longer in the pool. You can sign up again while it is open."),
    )
    return redirect("formation:pool", pk=pool.pk)


# --- The staff's work on entries and pairs ---------------------------------------------------


@login_required
@submit_once
def entry_add(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = _pool(request, pk, access.Action.MANAGE)
    candidates = selectors.eligible_to_add(pool)
    queryset = User.objects.filter(pk__in=[p.pk for p in candidates]).order_by("full_name")
    people = selectors.people_of(pool.programme)
    form = EntryAddForm(request.POST or None, candidates=queryset, people=people)

    def add(sent: dict[str, Any]) -> PoolEntry:
        data = _entry_data(sent)
        if not data["slots"]:
            data["slots"] = None  # leave their own week alone when nothing was ticked
        if data["slots"] is not None:
            data["availability_version"] = _availability_version(sent["person"])
        return services.entry_add(
            actor=request.user,
            pool=pool,
            person=sent["person"],
            consent_given=sent["consent_given"],
            consent_note=sent["consent_note"],
            **data,
        )

    if done := submit(form, add):
        entry = done.value
        if entry.takes_part:
            messages.success(
                request,
                _("%(name)s is in the pool, with their agreement recorded.")
                % {"name": entry.person.full_name},
            )
        else:
            messages.success(
                request,
                _(
                    "%(name)s has been added and asked to confirm. They are in the "
                    "grouping once they have."
                )
                % {"name": entry.person.full_name},
            )
        return redirect("formation:pool", pk=pool.pk)
    return render(
        request,
        "formation/entry_form.html",
        {"pool": pool, "programme": pool.programme, "form": form, "adding": True},
        status=400 if form.errors else 200,
    )


@login_required
def entry_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = access.get_object(request.user, access.Action.CHANGE, ENTRIES, pk=pk)
    if entry.person_id == request.user.pk:
        return redirect("formation:sign_up", pk=entry.pool_id)
    pool = entry.pool
    initial = {
        "task": entry.task,
        "work_context": entry.work_context,
        "layer": entry.layer,
        "manager": entry.manager_id,
        "rather_not": list(entry.rather_not.values_list("other_id", flat=True)),
        "slots": weekly_slots(entry.person),
        "availability_version": _availability_version(entry.person),
        "version": entry.version,
    }
    people = selectors.people_of(pool.programme, entry.person)
    form = EntryForm(request.POST or None, initial=initial, people=people, person=entry.person)
    edit = submit_edit(
        form,
        lambda data: services.entry_update(
            actor=request.user,
            entry=entry,
            expected_version=data["version"] or entry.version,
            **_entry_data(data),
        ),
        on_conflict=lambda: _entry_conflict(
            form,
            entry,
            entry.person,
            _(
                "This entry or this person's week was changed elsewhere in the meantime. "
                "Nothing has been overwritten: check what is shown and save again."
            ),
            people=people,
        ),
    )
    if edit.done:
        messages.success(
            request,
            _("The entry of %(name)s has been saved.") % {"name": entry.person.full_name},
        )
        return redirect("formation:pool", pk=pool.pk)
    return render(
        request,
        "formation/entry_form.html",
        {
            "pool": pool,
            "programme": pool.programme,
            "form": edit.form,
            "entry": entry,
            "slots_saved_meanwhile": edit.saved_meanwhile,
        },
        status=400 if edit.form.errors else 200,
    )


@login_required
@require_POST
def entry_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = access.get_object(request.user, access.Action.REMOVE, ENTRIES, pk=pk)
    services.entry_remove(actor=request.user, entry=entry)
    messages.success(
        request, _("%(name)s is no longer in the pool.") % {"name": entry.person.full_name}
    )
    return redirect("formation:pool", pk=entry.pool_id)


@login_required
@require_POST
@submit_once
def pair_add(request: AuthedRequest, pk: int) -> HttpResponse:
    pool = _pool(request, pk, access.Action.MANAGE)
    form = _pair_form(pool, request.POST)
    if submit(form, lambda data: services.pair_add(actor=request.user, pool=pool, **data)):
        messages.success(request, _("The rule has been added."))
        return redirect(reverse("formation:pool", args=[pool.pk]) + "#pairs")
    # The pool's page again, with what was typed and what is wrong next to it.
    return _pool_page(request, pool, pair_form=form, status=400)


@login_required
def pair_people(request: AuthedRequest, pk: int) -> HttpResponse:
    """The names under a pair-rule field that match what is typed (htmx fills the field's
    list with them): a few at a time, however large the pool."""
    pool = _pool(request, pk, access.Action.MANAGE)
    query = next((request.GET[key] for key in ("q", "first", "second") if key in request.GET), "")
    people = selectors.pair_candidates_matching(pool, query)
    return render(request, "formation/_pair_people.html", {"people": people})


@login_required
@require_POST
def pair_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    rule = access.get_object(
        request.user,
        access.Action.REMOVE,
        PairRule.objects.select_related("pool__programme"),
        pk=pk,
    )
    services.pair_remove(actor=request.user, rule=rule)
    messages.success(request, _("The rule has been removed."))
    return redirect(reverse("formation:pool", args=[rule.pool_id]) + "#pairs")


# --- Forming the groups ----------------------------------------------------------------------


def _sizes_context(pool: Pool, values: dict[str, Any]) -> dict[str, Any]:
    """What the sizes mean for the people in the pool now, in words."""
    people = pool.entries.filter(status=PoolEntry.Status.SIGNED_UP).count()
    context: dict[str, Any] = {"people": people}
    try:
        plan = plan_sizes(
            people,
            target=int(values["target_size"]),
            minimum=int(values["min_size"]),
            maximum=int(values["max_size"]),
        )
    except SizeProblem as problem:
        context["size_problem"] = size_problem_text(problem)
    except (KeyError, TypeError, ValueError):
        context["size_problem"] = _("Fill in the three sizes as whole numbers.")
    else:
        context["size_plan"] = size_plan_text(plan)
        context["plan"] = plan
    return context


def _form_context(request: AuthedRequest, pool: Pool, form: SettingsForm) -> dict[str, Any]:
    values = {
        name: (form.data.get(name) if form.is_bound else getattr(pool, name))
        for name in ("target_size", "min_size", "max_size")
    }
    pool_entries = selectors.entries(pool)
    return {
        "pool": pool,
        "programme": pool.programme,
        "form": form,
        "summary": selectors.summary(pool_entries),
        "pair_rules": selectors.pair_rules(pool),
        "working": pool.runs.filter(
            status__in=[FormationRun.Status.QUEUED, FormationRun.Status.RUNNING]
        ).first(),
        **_sizes_context(pool, values),
    }


@login_required
@submit_once
def form_groups(request: AuthedRequest, pk: int) -> HttpResponse:
    """The facilitator sets sizes, weights and rules, and lets Kring form the groups."""
    pool = _pool(request, pk, access.Action.MANAGE)
    form = SettingsForm(request.POST or None, instance=pool)

    def save(data: dict[str, Any]) -> FormationRun | None:
        try:
            services.pool_settings_set(
                actor=request.user, pool=pool, expected_version=data.pop("version"), **data
            )
            if "run" in request.POST:
                return services.run_start(actor=request.user, pool=pool)
            return None
        except ValidationError:
            pool.refresh_from_db()
            raise

    edit = submit_edit(
        form, save, on_conflict=lambda: conflict_form(form, Pool.objects.get(pk=pool.pk))
    )
    if edit.done:
        run = edit.done.value
        if run is not None:
            return redirect("formation:run", pk=run.pk)
        messages.success(request, _("The settings have been saved."))
        return redirect("formation:form_groups", pk=pool.pk)
    context = _form_context(request, pool, edit.form)
    context["saved_meanwhile"] = edit.saved_meanwhile
    return render(
        request, "formation/form_groups.html", context, status=400 if edit.form.errors else 200
    )


@login_required
def sizes_preview(request: AuthedRequest, pk: int) -> HttpResponse:
    """What the sizes being typed mean, while they are typed (htmx)."""
    pool = _pool(request, pk, access.Action.MANAGE)
    context = {"pool": pool, **_sizes_context(pool, request.GET)}
    return render(request, "formation/form_groups.html#sizes", context)


def _run_context(request: AuthedRequest, run: FormationRun, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "run": run,
        "pool": run.pool,
        "programme": run.pool.programme,
        "progress": selectors.run_progress(run),
    }
    if run.has_proposal:
        context["proposal"] = selectors.proposal(run)
    if run.status == FormationRun.Status.INFEASIBLE:
        context["explanation"] = selectors.infeasible_text(run)
    if run.status == FormationRun.Status.FAILED:
        context["broken_rules"] = selectors.broken_rule_texts(run)
    if run.status == FormationRun.Status.ACCEPTED:
        context["formed"] = [f.group for f in run.formed_groups.select_related("group")]
    context.update(extra)
    return context


@login_required
def run_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The run: progress while the engine works (the page asks every second), then the
    proposal or the reason why there is none."""
    run = access.get_object(request.user, access.Action.VIEW, RUNS, pk=pk)
    if request.htmx and request.GET.get("part") == "progress":
        if not run.is_working:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "formation/run.html#progress", _run_context(request, run))
    return render(request, "formation/run.html", _run_context(request, run))


def _proposal_response(
    request: AuthedRequest, run: FormationRun, before: float | None, note: str = "", focus: str = ""
) -> HttpResponse:
    """After an edit: the proposal again, with the keyboard focus where the change landed
    (htmx honours ``autofocus`` in swapped content) and the new score announced."""
    if request.htmx:
        context = _run_context(request, run, score_before=before, edit_note=note, focus=focus)
        return render(request, "formation/run.html#proposal", context)
    if note:
        messages.warning(request, note)
    return redirect("formation:run", pk=run.pk)


def _edit(
    request: AuthedRequest, pk: int, form_class: type, apply: Any, focus: str
) -> HttpResponse:
    run = access.get_object(request.user, access.Action.CHANGE, RUNS, pk=pk)
    before = selectors.proposal(run).score if run.has_proposal else None
    form = form_class(request.POST)
    note = ""
    if form.is_valid():
        try:
            apply(run, form.cleaned_data)
        except EditConflict:
            run = RUNS.get(pk=run.pk)
            note = str(PROPOSAL_CONFLICT)
        except ValidationError as error:
            note = " ".join(error.messages)
    else:
        note = _("Choose a person and a group.")
    return _proposal_response(request, run, before, note, "" if note else focus)


@login_required
@require_POST
def run_move(request: AuthedRequest, pk: int) -> HttpResponse:
    def apply(run: FormationRun, data: dict[str, Any]) -> None:
        services.proposal_move(
            actor=request.user,
            run=run,
            person_id=data["person"],
            to_group=data["to_group"],
            expected_version=data["version"],
        )

    return _edit(request, pk, MoveForm, apply, f"move-{request.POST.get('person', '')}")


@login_required
@require_POST
def run_swap(request: AuthedRequest, pk: int) -> HttpResponse:
    def apply(run: FormationRun, data: dict[str, Any]) -> None:
        services.proposal_swap(
            actor=request.user,
            run=run,
            first=data["first"],
            second=data["second"],
            expected_version=data["version"],
        )

    return _edit(request, pk, SwapForm, apply, "swap-first")


@login_required
@require_POST
def run_reset(request: AuthedRequest, pk: int) -> HttpResponse:
    run = access.get_object(request.user, access.Action.CHANGE, RUNS, pk=pk)
    before = selectors.proposal(run).score if run.has_proposal else None
    note = ""
    try:
        services.proposal_reset(
            actor=request.user, run=run, expected_version=int(request.POST.get("version", 0))
        )
    except EditConflict:
        run = RUNS.get(pk=run.pk)
        note = str(PROPOSAL_CONFLICT)
    except (ValidationError, ValueError):
        note = _("This proposal can no longer be changed.")
    return _proposal_response(request, run, before, note)


@login_required
def run_accept(request: AuthedRequest, pk: int) -> HttpResponse:
    """Name the groups, choose their facilitators, and create them."""
    run = access.get_object(request.user, access.Action.ACCEPT, RUNS, pk=pk)
    if run.status == FormationRun.Status.ACCEPTED:
        messages.info(request, _("These groups have been created already."))
        return redirect("formation:run", pk=run.pk)
    if run.status != FormationRun.Status.PROPOSED:
        return redirect("formation:run", pk=run.pk)
    proposal = selectors.proposal(run)
    groups = [g for g in proposal.groups if g.members]
    facilitators = selectors.programme_facilitators(run.pool)
    defaults = [
        services.default_group_name(g.number, g.shared_task, g.shared_context) for g in groups
    ]
    form = AcceptForm(
        request.POST or None,
        initial={"version": run.version},
        groups=groups,
        facilitators=facilitators,
        defaults=defaults,
    )
    count = len(run.groups)
    try:
        done = submit(
            form,
            lambda data: services.proposal_accept(
                actor=request.user,
                run=run,
                expected_version=data["version"],
                names=[data.get(f"name_{n}", "") for n in range(count)],
                facilitators=[data.get(f"facilitator_{n}") for n in range(count)],
            ),
        )
    except EditConflict:
        messages.warning(request, str(PROPOSAL_CONFLICT))
        return redirect("formation:run", pk=run.pk)
    if done:
        result = done.value
        if result.already:
            messages.info(request, _("These groups have been created already."))
        else:
            invited = sum(len(g.members) for g in groups) - len(result.skipped)
            messages.success(
                request,
                ngettext(
                    "%(groups)s learning group has been created and %(people)s people "
                    "invited. Each takes part once they confirm.",
                    "%(groups)s learning groups have been created and %(people)s people "
                    "invited. Each takes part once they confirm.",
                    len(result.groups),
                )
                % {"groups": len(result.groups), "people": invited},
            )
            if result.skipped:
                messages.warning(
                    request,
                    _("Not invited, because they withdrew after the run: %(names)s.")
                    % {"names": ", ".join(result.skipped)},
                )
        return redirect("formation:run", pk=run.pk)
    return render(
        request,
        "formation/accept.html",
        {
            "run": run,
            "pool": run.pool,
            "programme": run.pool.programme,
            "proposal": proposal,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
