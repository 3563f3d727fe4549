"""People, their memberships and roles. An office administrator manages the people of their
province's organizations; an organization's head only their own organization's. A new person gets
no password: the page shows a one-time link (valid for PASSWORD_RESET_TIMEOUT, spent once used) for
the administrator to hand over; they choose their password there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.administration import access, selectors, services
from peygir.core import audit
from peygir.core.web.forms import SearchForm
from peygir.core.web.views import call_service, paginate
from peygir.notifications.outbox import absolute_url
from peygir.organizations.models import Membership, Organization

from .common import by_pk, form_page, require, run
from .forms import MembershipForm, PersonForm

LINK_SESSION_KEY = "pg_admin_password_link"


def _organizations(user) -> list[Organization]:
    return list(
        Organization.objects.filter(access.managed_organizations_q(user), is_active=True)
        .exclude(kind=Organization.Kind.GROUP)
        .only("pk", "name")
        .order_by("name")
    )


def _remember_link(request: HttpRequest, person, uid: str, token: str) -> None:
    """Shown once on the person's page after the redirect, then forgotten. The link names the site
    as people reach it (`PEYGIR_SITE_URL`), like the links in SMS and email: it is handed over to be
    opened elsewhere, and the address this request came by may be the server's own behind a proxy."""
    path = reverse("web:admin_set_password", kwargs={"uidb64": uid, "token": token})
    request.session[LINK_SESSION_KEY] = {"person": person.pk, "url": absolute_url(path)}


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    require(access.can_enter(request.user))
    search = SearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    page = paginate(request, selectors.people(request.user, q))
    return render(request, "web/administration/person_list.html", {"page": page, "search": search})


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require(access.can_enter(request.user))
    organizations = _organizations(request.user)
    form = PersonForm(request.POST if request.method == "POST" else None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, person = call_service(
            form,
            services.person_create,
            user=request.user,
            organization=by_pk(organizations)[data["organization"]],
            role=data["role"],
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            title=data["title"],
            email=data["email"],
            mobile=data["mobile"],
        )
        if ok:
            _remember_link(request, person, *services.set_password_path(person))
            messages.success(request, _("شخص ثبت شد. پیوند تعیین گذرواژه را به او بدهید."))
            return redirect("web:admin_person_edit", person.pk)
    return form_page(request, form, title=_("شخص جدید"), back="web:admin_person_list")


def _person_page(request, person, form=None, membership_form=None, status=200) -> HttpResponse:
    user = request.user
    can_edit = access.can_edit_person(user, person)
    if form is None and can_edit:
        form = PersonForm(
            initial={
                f: getattr(person, f)
                for f in ("first_name", "last_name", "title", "email", "mobile", "is_active")
            },
            editing=True,
        )
    memberships = list(
        person.memberships.select_related("organization__territory").order_by("-is_active", "id")
    )
    for m in memberships:
        m.pg_can_end = (
            m.is_active and access.can_manage_people_of(user, m.organization) and m.user_id != user.pk
        )
    if membership_form is None:
        membership_form = MembershipForm(organizations=_organizations(user), prefix="membership")
    link = request.session.pop(LINK_SESSION_KEY, None)
    context = {
        "person": person,
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "memberships": memberships,
        "membership_form": membership_form,
        "link": link["url"] if link and link.get("person") == person.pk else None,
    }
    return render(request, "web/administration/person_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_enter(request.user))
    person = selectors.person(request.user, pk)
    if request.method == "GET":
        return _person_page(request, person)
    require(access.can_edit_person(request.user, person))
    form = PersonForm(request.POST, editing=True)
    if form.is_valid():
        ok, _saved = call_service(
            form, services.person_update, user=request.user, person=person, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("تغییرات ثبت شد."))
            return redirect("web:admin_person_edit", person.pk)
    return _person_page(request, person, form=form, status=400)


@login_required
@require_POST
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_enter(request.user))
    person = selectors.person(request.user, pk)
    organizations = _organizations(request.user)
    form = MembershipForm(request.POST, organizations=organizations, prefix="membership")
    if form.is_valid():
        ok, _m = call_service(
            form,
            services.membership_add,
            user=request.user,
            person=person,
            organization=by_pk(organizations)[form.cleaned_data["organization"]],
            role=form.cleaned_data["role"],
        )
        if ok:
            messages.success(request, _("عضویت ثبت شد."))
            return redirect("web:admin_person_edit", person.pk)
    return _person_page(request, person, membership_form=form, status=400)


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_enter(request.user))
    membership = get_object_or_404(
        Membership.objects.select_related("organization__territory", "user"), pk=pk
    )
    person = selectors.person(request.user, membership.user_id)
    if run(request, services.membership_end, user=request.user, membership=membership):
        messages.success(request, _("عضویت پایان یافت."))
    return redirect("web:admin_person_edit", person.pk)


@login_required
@require_POST
def password_link(request: HttpRequest, pk: int) -> HttpResponse:
    require(access.can_enter(request.user))
    person = selectors.person(request.user, pk)
    ok = run(request, _issue, request=request, person=person)
    if ok:
        messages.success(request, _("پیوند تازه ساخته شد؛ گذرواژه پیشین دیگر کار نمی‌کند."))
    return redirect("web:admin_person_edit", person.pk)


def _issue(*, request: HttpRequest, person) -> None:
    _remember_link(request, person, *services.password_link_issue(user=request.user, person=person))


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The one-time link: choose a password (Django's checks and token); then sign in."""

    template_name = "web/administration/set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record_change(
            actor=self.user, verb=audit.UPDATE, obj=self.user, note=_("تعیین گذرواژه با پیوند یک‌بار مصرف")
        )
        messages.success(self.request, _("گذرواژه شما تعیین شد؛ اکنون وارد شوید."))
        return response


set_password = SetPasswordView.as_view()
