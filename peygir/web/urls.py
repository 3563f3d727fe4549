"""URLs of the pages: each domain's pages under the `web` namespace. Login and logout stay outside it
(settings.LOGIN_URL = "login")."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from peygir.actions.web import urls as actions
from peygir.administration.web import urls as administration
from peygir.committees.web import urls as committees
from peygir.coordination.web import urls as coordination
from peygir.demands.web import urls as demands
from peygir.evaluation.web import urls as evaluation
from peygir.exports.web import urls as exports
from peygir.facilitation.web import urls as facilitation
from peygir.grants.web import urls as grants
from peygir.inspections.web import urls as inspections
from peygir.notifications.web import urls as notifications
from peygir.programs.web import urls as programs
from peygir.search.web import urls as search

from . import health, home
from .forms import LoginForm

pages = [
    path("", home.home, name="home"),
    path("health/", health.admin_health, name="health"),  # issue 14 §5: administrators' health page
    *actions.urlpatterns,
    *committees.urlpatterns,
    *exports.urlpatterns,
    *notifications.urlpatterns,
    *demands.urlpatterns,
    *facilitation.urlpatterns,
    *grants.urlpatterns,
    *demands.reports_urlpatterns,
    *administration.urlpatterns,
    *programs.urlpatterns,
    *evaluation.urlpatterns,
    *inspections.urlpatterns,
    *coordination.urlpatterns,
    *search.urlpatterns,  # issue 13 §1: one search box over every kind of record
]

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The person's own account: password, two-factor sign-in, sign out everywhere (issue 14).
    path("account/", include("peygir.accounts.web.urls")),
    path("", include((pages, "web"))),
]
