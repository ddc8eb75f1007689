"""Demo: teachers who fly in and out, and a duo that shares facilitating and teaching.

``load`` works on sessions that already exist (the sessions lane instantiates them from the
design): it puts the teacher and a guest teacher on some of them, writes the facilitator's
note for the next one, leaves a note back on an earlier one (and leaves another one still to
write, so the teacher's overview asks for it), and records the group's constellation and the
duo's agreement. Written in Dutch, as all demo data."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from kring.accounts.models import User
from kring.designs.models import (
    BriefingNote,
    Component,
    Constellation,
    DuoAgreement,
    NoteBack,
    Session,
    SessionStaff,
)
from kring.programmes.models import Role, RoleAssignment

GUEST_EMAIL = "gastdocent@demo.kring"


def _guest_teacher(teacher: User) -> User:
    guest = User.objects.filter(email=GUEST_EMAIL).first()
    if guest is None:
        guest = User.objects.create_user(
            GUEST_EMAIL,
            "demo",
            full_name="Hanna Brouwer",
            organisation=teacher.organisation,
            job_title="Gastdocent macht en invloed",
        )
    return guest


def _staff(session: Session, person: User, role: str) -> None:
    SessionStaff.objects.get_or_create(session=session, person=person, defaults={"role": role})


def load(
    *,
    sessions: Sequence[Session],
    facilitator: User,
    teacher: User,
    manager: User,
    guest_teacher: User | None = None,
    now: datetime.datetime | None = None,
) -> None:
    """Staff, briefing notes, notes back, the constellation and a duo agreement on
    ``sessions`` (of one cohort) and their group. ``facilitator`` and ``teacher`` form the
    duo; ``manager`` is the third at a distance."""
    if not sessions:
        return
    now = now or timezone.now()
    ordered = sorted(sessions, key=lambda s: s.starts_at)
    group = ordered[0].cohort.group
    guest = guest_teacher or _guest_teacher(teacher)
    past = [s for s in ordered if s.ends_at < now and s.status != Session.Status.CANCELLED]
    coming = [s for s in ordered if s.starts_at > now and s.status != Session.Status.CANCELLED]

    # Earlier sessions: one with the teacher's note back, the last one still waiting for it.
    for session in past[-2:]:
        _staff(session, teacher, SessionStaff.Role.TEACHER)
    if len(past) >= 2:
        NoteBack.objects.get_or_create(
            session=past[-2],
            teacher=teacher,
            defaults={
                "what_happened": (
                    "We zijn begonnen met de casus van de wijkaanpak. De groep kwam pas op gang "
                    "toen we de opstelling in de ruimte maakten; daarna ging het gesprek over "
                    "wie eigenlijk eigenaar is van het vraagstuk."
                ),
                "noticed": (
                    "Twee deelnemers uit hetzelfde team zeggen weinig als de ander erbij is. "
                    "De theorie over macht sloot goed aan; de groep vroeg om meer voorbeelden "
                    "uit de publieke sector."
                ),
                "tips": (
                    "Begin met iets om in beweging te komen: een opstelling werkt beter dan een "
                    "rondje. Laat de groep zelf voorbeelden kiezen, en houd de theorie kort."
                ),
                "created_at": past[-2].ends_at + datetime.timedelta(hours=20),
                "updated_at": past[-2].ends_at + datetime.timedelta(hours=20),
            },
        )

    # Coming sessions: the teacher on the next two; a guest teacher on a guest lecture.
    for session in coming[:2]:
        _staff(session, teacher, SessionStaff.Role.TEACHER)
    lectures = [
        s
        for s in coming
        if s.component is not None and s.component.work_form == Component.WorkForm.GUEST_LECTURE
    ]
    guest_session = lectures[0] if lectures else (coming[1] if len(coming) > 1 else None)
    if guest_session is not None:
        _staff(guest_session, guest, SessionStaff.Role.GUEST_TEACHER)

    # The note goes to the teacher's next session; a guest lecture close by without one shows
    # the facilitator the rule of thumb.
    briefed = next((s for s in coming if s != guest_session), None)
    if briefed is not None:
        BriefingNote.objects.get_or_create(
            session=briefed,
            defaults={
                "text": (
                    "De groep zit midden in een lastige fase: bij twee organisaties loopt een "
                    "reorganisatie, en dat merk je aan de energie. Sluit aan bij wat er "
                    "speelt voordat je de theorie inbrengt. Een van de deelnemers bracht de "
                    "vorige keer een casus in die nog nadreunt; vraag gerust hoe het ermee "
                    "staat, maar laat de inbrenger zelf bepalen hoeveel die deelt."
                ),
                "written_by": facilitator,
            },
        )

    # The duo: the facilitator and the teacher share both roles; the manager is the third.
    for person, role in ((facilitator, Role.FACILITATOR), (teacher, Role.TEACHER)):
        RoleAssignment.objects.get_or_create(
            person=person,
            role=role,
            group=group,
            defaults={"programme": group.programme, "assigned_by": manager},
        )
    Constellation.objects.get_or_create(
        group=group,
        defaults={
            "kind": Constellation.Kind.DUO,
            "third": manager,
            "note": (
                "Lotte en Ahmed begeleiden en doceren samen. Petra kijkt op afstand mee en "
                "reflecteert na elke werkplaats met hen op wat er in de groep en bij de "
                "opdrachtgevers speelt."
            ),
        },
    )
    if not DuoAgreement.objects.filter(group=group).exists():
        today = timezone.localdate(now)
        first = DuoAgreement.objects.create(
            group=group,
            number=1,
            created_by=facilitator,
            roles=(
                "Lotte houdt het groepsproces en de leerlijn in het oog; Ahmed brengt de theorie "
                "en de oefeningen. Bij de opening en de afsluiting staan we er allebei."
            ),
            intervening="Wie ingrijpt in het deel van de ander, kondigt dat kort aan.",
            signals="Een blik en een knik naar de klok: we moeten door.",
            blind_spots="Ahmed wil graag alles vertellen; Lotte laat stiltes te lang duren.",
            revisit_on=today - datetime.timedelta(days=30),
        )
        DuoAgreement.objects.filter(pk=first.pk).update(
            created_at=now - datetime.timedelta(days=60)
        )
        DuoAgreement.objects.create(
            group=group,
            number=2,
            created_by=teacher,
            change_note="Na de eerste werkplaats: ingrijpen mag, maar eerst met een vraag.",
            roles=first.roles,
            intervening=(
                "Wie iets ziet in het deel van de ander, stelt eerst een vraag aan de groep in "
                "plaats van het over te nemen. Overnemen doen we alleen als de ander dat vraagt."
            ),
            signals=(
                "Een blik en een knik naar de klok: we moeten door. Een hand op de flip-over: "
                "ik wil iets inbrengen."
            ),
            blind_spots=first.blind_spots,
            # Today: the duo sees on their overview that it is time to look at it again.
            revisit_on=today,
        )
