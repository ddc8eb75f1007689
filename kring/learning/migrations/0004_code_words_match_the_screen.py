"""The code uses the words the screen uses: a commitment is an intention, a contract version a
version of the agreements, an issue version a version of the learning question. The tables are
renamed; every row stays."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_standard_template_for_every_organisation"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("Commitment", "Intention"),
        migrations.RenameModel("ContractVersion", "AgreementVersion"),
        migrations.RenameModel("ContractAcknowledgement", "AgreementAcknowledgement"),
        migrations.RenameModel("IssueVersion", "LearningQuestionVersion"),
        migrations.AlterField(
            model_name="intention",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="intentions",
                to="learning.meeting",
            ),
        ),
        migrations.AlterField(
            model_name="agreementversion",
            name="group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="agreement_versions",
                to="programmes.group",
            ),
        ),
        migrations.AlterField(
            model_name="learningquestionversion",
            name="group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="learning_question_versions",
                to="programmes.group",
            ),
        ),
    ]
