from django.db import migrations, models


def subject_from_action(apps, schema_editor):
    """Notifications pointed at an action by a foreign key; they now name it ("action:12")."""
    Notification = apps.get_model("notifications", "Notification")
    Notification.objects.filter(action__isnull=False).update(
        subject=models.functions.Concat(
            models.Value("action:"), models.F("action_id"), output_field=models.CharField()
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_recipient_newest_index"),
        ("actions", "0009_action_sources_registry"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="subject",
            field=models.CharField(blank=True, db_index=True, max_length=60),
        ),
        migrations.RunPython(subject_from_action, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notification", name="action"),
    ]
