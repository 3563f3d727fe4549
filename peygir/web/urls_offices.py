"""Pages of facilitation offices, vulnerable groups, empowerment activities and demand reports."""

urlpatterns: list = []
