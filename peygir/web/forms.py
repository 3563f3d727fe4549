"""The sign-in form, styled for Bootstrap."""

from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(
            {"class": "form-control", "dir": "ltr", "autofocus": True}
        )
        self.fields["password"].widget.attrs.update({"class": "form-control", "dir": "ltr"})
