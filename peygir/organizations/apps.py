from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "peygir.organizations"
    label = "organizations"
