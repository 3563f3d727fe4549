# RateLimitHit now belongs to notifications (notifications 0006 took over its state and its table);
# only the demands' state forgets it: the table and its rows stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("demands", "0007_persian_verbose_names"),
        ("notifications", "0006_ratelimithit"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitHit")],
            database_operations=[],
        ),
    ]
