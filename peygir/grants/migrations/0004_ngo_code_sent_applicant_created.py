import datetime as dt

from django.db import migrations, models

# A visitor's account is created in the registration's own transaction, moments before its profile.
SAME_MOMENT = dt.timedelta(minutes=1)


def mark_created_accounts(apps, schema_editor) -> None:
    """Registrations still waiting for their code, written before the flag: their applicant's account
    was made by the registration when it joined at the same moment (a signed-in applicant's is older)."""
    NgoProfile = apps.get_model("grants", "NgoProfile")
    rows = NgoProfile.objects.filter(status="unconfirmed", applicant__isnull=False).values_list(
        "pk", "created_at", "applicant__date_joined"
    )
    ids = [pk for pk, created, joined in rows if joined and joined >= created - SAME_MOMENT]
    NgoProfile.objects.filter(pk__in=ids).update(applicant_created=True)


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0003_ngo_phone_confirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="ngophoneconfirmation",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="ngoprofile",
            name="applicant_created",
            field=models.BooleanField(db_default=False, default=False, editable=False),
        ),
        migrations.RunPython(mark_created_accounts, migrations.RunPython.noop),
    ]
