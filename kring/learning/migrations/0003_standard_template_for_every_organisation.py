"""Every organisation has its standard meeting-series template from the moment it exists, so
that pages only read it. Organisations made before that rule get it here, as Kring's standard
cycle was when this migration was written, in the site's language."""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext

NAME = "Standard learning-group cycle"
# (title, purpose, agenda lines): a frozen copy, since migrations do not import app code.
CYCLE = [
    (
        'Start and contracting',
        'Getting to know each other, agreeing how we work together, and formulating the shared issue as a learning question.',
        [
            'Introductions and expectations',
            'Agreements: what we will and will not discuss, confidentiality, no judging',
            'From shared issue to learning question and its aspects',
            'Assignment for next time: a situation in which something did not work out',
        ],
    ),
    (
        'Deepening the shared issue',
        'Everyone brings a concrete situation; together we look for what lies beneath.',
        [
            'Sharing the situations, orally or in writing',
            'What do the situations have in common? Which aspects return?',
            'A concept or model that sheds light on it',
            'Assignment: apply one concept to your own practice',
        ],
    ),
    (
        'Lessons so far',
        'Pausing to draw lessons from what has been named until now.',
        [
            'Looking back at the learning points of the first meetings',
            'What works, what does not, and why',
            'Choosing one case to explore in depth next time',
        ],
    ),
    (
        'One case in depth',
        "Exploring one member's case thoroughly, for everyone's learning.",
        [
            'The case, told by its owner',
            'Questions to understand, not to judge',
            'What this case teaches us about our learning question',
            'Assignment: when did you learn something in these meetings?',
        ],
    ),
    (
        'What and how we learned',
        'Making visible what we learned and how: doing things better, or questioning our assumptions.',
        [
            'Moments of learning, from the assignment',
            'Single-loop and double-loop learning',
            'Assignment: prepare the evaluation questions',
        ],
    ),
    (
        'Yield and closing',
        'What the cycle gave each of us and the group, and what we take along.',
        [
            'Looking back at the learning question',
            'What helped, what was missing, what the facilitator added',
            'What we take along, and how it will stick',
        ],
    ),
]


def create_standard_templates(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    SeriesTemplate = apps.get_model("learning", "SeriesTemplate")
    SeriesTemplateMeeting = apps.get_model("learning", "SeriesTemplateMeeting")
    with translation.override(settings.LANGUAGE_CODE):
        for organisation in Organisation.objects.filter(series_templates=None):
            template = SeriesTemplate.objects.create(
                organisation=organisation, name=gettext(NAME)
            )
            SeriesTemplateMeeting.objects.bulk_create(
                SeriesTemplateMeeting(
                    template=template,
                    number=number,
                    title=gettext(title),
                    purpose=gettext(purpose),
                    agenda="\n".join(gettext(line) for line in agenda),
                )
                for number, (title, purpose, agenda) in enumerate(CYCLE, start=1)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0002_meeting_updated_at"),
    ]

    operations = [
        migrations.RunPython(create_standard_templates, migrations.RunPython.noop),
    ]
