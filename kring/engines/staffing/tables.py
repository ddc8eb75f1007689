"""What does not change while planning: the days a session may start on, who may teach it, and
what a teacher costs on it."""

from __future__ import annotations

from .model import GUEST_DAY_COST, NON_PREFERRED_COST, WEEKDAYS, Instance, Session


class Tables:
    def __init__(self, instance: Instance):
        inst = instance
        self.instance = inst
        held = inst.held()
        self.held = held
        self.index = {s.id: i for i, s in enumerate(inst.sessions)}
        self.days_of: list[list[int]] = []
        self.eligible: list[list[str]] = []
        self.why_no_day: dict[int, str] = {}
        teachers = inst.teachers()
        for s in inst.sessions:
            if s.id in held:
                day, who = held[s.id]
                self.days_of.append([day])
                self.eligible.append(list(who))
                continue
            days = self.static_days(s)
            self.days_of.append(days)
            able = [
                t.id
                for t in teachers
                if s.skills <= t.skills and any(t.available_span(d, s.days) for d in days)
            ]
            self.eligible.append(able)

    def static_days(self, s: Session) -> list[int]:
        """Start days inside the window, the horizon and one week, on or after now_day, on no
        blocked day of the cohort and with every facilitator available."""
        inst = self.instance
        cohort = inst.cohorts[s.cohort]
        facs = [inst.people[f] for f in cohort.facilitators]
        out = []
        lo = max(s.earliest, inst.now_day, 0)
        hi = min(s.latest, inst.days - s.days)
        for d in range(lo, hi + 1):
            if d % WEEKDAYS + s.days > WEEKDAYS:
                continue
            span = range(d, d + s.days)
            if any(cohort.blocked[x] for x in span):
                continue
            if not all(f.available_span(d, s.days) for f in facs):
                continue
            out.append(d)
        if not out:
            self.why_no_day[self.index[s.id]] = (
                f"no start day in {s.earliest}..{s.latest} fits: every day is blocked for "
                f"cohort {cohort.id}, outside one week, before now_day or a day a facilitator "
                "is away"
            )
        return out

    def non_preferred(self, teacher: str, day: int, days: int) -> int:
        p = self.instance.people[teacher]
        if p.preferred is None:
            return 0
        return sum(1 for d in range(day, day + days) if d % WEEKDAYS not in p.preferred)

    def fixed_cost(self, teacher: str, day: int, days: int) -> int:
        """Guest and non-preferred cost of one teacher on a session (load and continuity aside)."""
        p = self.instance.people[teacher]
        cost = NON_PREFERRED_COST * self.non_preferred(teacher, day, days)
        if p.guest:
            cost += GUEST_DAY_COST * days
        return cost
