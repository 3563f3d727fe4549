import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they may see and do comes from their memberships."""

    mobile = models.CharField(_("تلفن همراه"), max_length=15, blank=True)
    title = models.CharField(_("سمت"), max_length=200, blank=True)
    # Part of every session's check (below): a new value ends all the person's sessions at once
    # ("sign out everywhere", peygir/accounts/sessions.py), as a new password does.
    # db_default: rows written by raw inserts (the benchmark generator's COPY) get it too.
    session_salt = models.CharField(max_length=32, blank=True, default="", db_default="", editable=False)

    class Meta:
        verbose_name = _("کاربر")
        verbose_name_plural = _("کاربران")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(
            key_salt, self.password + self.session_salt, secret=secret, algorithm="sha256"
        ).hexdigest()

    def new_session_salt(self) -> None:
        self.session_salt = secrets.token_hex(16)
