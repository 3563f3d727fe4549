from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. What they may see and do comes from their memberships."""

    mobile = models.CharField(_("تلفن همراه"), max_length=15, blank=True)
    title = models.CharField(_("سمت"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("کاربر")
        verbose_name_plural = _("کاربران")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
