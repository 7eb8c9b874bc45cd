from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("democracy", "0006_supervision_plans")]

    operations = [
        migrations.AddField(
            model_name="disclosureitem", name="days_confirmed", field=models.BooleanField(default=False)
        ),
        migrations.AddField(model_name="disclosureitem", name="source", field=models.TextField(blank=True)),
    ]
