import django.db.models.deletion
import django.utils.timezone
import kring.invitations.models
from django.conf import settings
from django.db import migrations, models


OLD_LABEL = "accounts.invitation"
NEW_LABEL = "invitations.invitation"
OLD_TASK = "kring.accounts.tasks.send_invitation_email"
NEW_TASK = "kring.invitations.tasks.send_invitation_email"


def relabel(apps, schema_editor, old_label=OLD_LABEL, new_label=NEW_LABEL, old_task=OLD_TASK, new_task=NEW_TASK):
    """What refers to the model by its app's name follows it: the content type (and with it the
    admin's log and permissions), the audit trail, and invitation mails still in the queue."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    old_app, old_model = old_label.split(".")
    new_app, new_model = new_label.split(".")
    if not ContentType.objects.filter(app_label=new_app, model=new_model).exists():
        ContentType.objects.filter(app_label=old_app, model=old_model).update(app_label=new_app)
    AuditEntry.objects.filter(object_type=old_label).update(object_type=new_label)
    DBTaskResult.objects.filter(task_path=old_task).update(task_path=new_task)


def relabel_back(apps, schema_editor):
    relabel(apps, schema_editor, NEW_LABEL, OLD_LABEL, NEW_TASK, OLD_TASK)


class Migration(migrations.Migration):
    """Invitations move out of accounts into their own app. The table keeps its rows: this
    migration only tells Django where the model now lives (0002 gives the table its new name)."""

    initial = True

    dependencies = [
        ('accounts', '0003_invitation_moves_to_invitations_app'),
        ('programmes', '0001_initial'),
        ('audit', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('django_tasks_database', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                ('full_name', models.CharField(max_length=150, verbose_name='full name')),
                ('role', models.CharField(blank=True, choices=[('programme_manager', 'Programme manager'), ('facilitator', 'Facilitator'), ('teacher', 'Teacher'), ('guest_teacher', 'Guest teacher'), ('participant', 'Participant'), ('client_contact', 'Client contact'), ('steering_member', 'Steering group member'), ('cocreation_member', 'Co-creation group member'), ('support_staff', 'Support staff'), ('team_leader', 'Team leader')], max_length=32, verbose_name='role')),
                ('message', models.TextField(blank=True, verbose_name='personal message')),
                ('language', models.CharField(choices=[('nl', 'Dutch'), ('en', 'English')], default='nl', max_length=8, verbose_name='language of the invitation')),
                ('nonce', models.CharField(default=kring.invitations.models._new_nonce, editable=False, max_length=32)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('expires_at', models.DateTimeField()),
                ('accepted_at', models.DateTimeField(blank=True, null=True)),
                ('revoked_at', models.DateTimeField(blank=True, null=True)),
                ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='programmes.group', verbose_name='group')),
                ('invited_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations_sent', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='accounts.organisation', verbose_name='organisation')),
                ('programme', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='programmes.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'db_table': 'accounts_invitation',
                'ordering': ['-created_at'],
            },
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, relabel_back),
    ]
