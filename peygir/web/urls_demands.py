"""Pages of citizens' demands: staff pages and the citizen's public pages."""

urlpatterns: list = []
