"""URLs of the pages. Login and logout stay outside the `web` namespace (settings.LOGIN_URL = "login")."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import urls_demands, urls_offices
from .forms.auth import LoginForm
from .views import actions, committees, home, inbox, meetings, notifications, organizations

pages = [
    path("", home.home, name="home"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/<slug:op>/", actions.action_op, name="action_op"),
    path("evidence/<int:pk>/", actions.evidence_download, name="evidence_download"),
    path("committees/", committees.committee_list, name="committee_list"),
    path("committees/<int:pk>/", committees.committee_detail, name="committee_detail"),
    path("committees/<int:pk>/meetings/new/", committees.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes.pdf", meetings.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("meetings/<int:pk>/minutes.docx", meetings.meeting_minutes_docx, name="meeting_minutes_docx"),
    path("meetings/<int:pk>/<slug:op>/", meetings.meeting_op, name="meeting_op"),
    path("organizations/", organizations.organization_list, name="organization_list"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization_detail"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.notifications_mark_read, name="notifications_mark_read"),
    *urls_demands.urlpatterns,
    *urls_offices.urlpatterns,
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
    path("", include((pages, "web"))),
]
