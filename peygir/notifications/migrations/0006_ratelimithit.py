# The rate-limit counters move from demands to notifications (shared with the NGOs' registration).
# Only the model's state moves: the table (demands_ratelimithit) and its rows stay where they are;
# demands 0008 drops the model from the demands' state.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0005_persian_verbose_names"),
        ("demands", "0007_persian_verbose_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RateLimitHit",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=120)),
                        ("window_start", models.DateTimeField()),
                        ("count", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name": "ثبت محدودیت درخواست",
                        "verbose_name_plural": "ثبت\u200cهای محدودیت درخواست",
                        "db_table": "demands_ratelimithit",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("key", "window_start"), name="rate_limit_window_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
