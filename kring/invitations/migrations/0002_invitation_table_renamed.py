from django.db import migrations


class Migration(migrations.Migration):
    """The table of invitations takes the name of its new app: accounts_invitation becomes
    invitations_invitation, rows and all."""

    dependencies = [
        ('invitations', '0001_invitation_moved_from_accounts'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='invitation',
            table=None,
        ),
    ]
