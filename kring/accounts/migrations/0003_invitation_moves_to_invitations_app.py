from django.db import migrations


class Migration(migrations.Migration):
    """Invitations now live in their own app (kring.invitations, 0001). Only Django's idea of
    the model moves: the table and its rows stay where they are."""

    dependencies = [
        ("accounts", "0002_invitation_programme_links"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Invitation")],
            database_operations=[],
        ),
    ]
