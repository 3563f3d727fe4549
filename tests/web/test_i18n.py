"""Persian right-to-left by default; the language switch turns the page English and left-to-right."""

from django.urls import reverse


def test_default_is_persian_rtl_with_assets(login, db):
    page = login("office_staff").get(reverse("web:home")).content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert "bootstrap/css/bootstrap.rtl.min.css" in page
    assert "vazirmatn/Vazirmatn-font-face.css" in page
    assert "htmx/htmx.min.js" in page and "jalalidatepicker/jalalidatepicker.min.js" in page
    assert "کارتابل اقدامات" in page


def test_switch_to_english_and_back(login, db):
    client = login("office_staff")
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("web:inbox")})
    assert response.status_code == 302 and response["Location"] == reverse("web:inbox")
    page = client.get(reverse("web:inbox")).content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert "bootstrap/css/bootstrap.min.css" in page
    assert "Action inbox" in page  # from the English catalog
    client.post(reverse("set_language"), {"language": "fa", "next": "/"})
    assert 'dir="rtl"' in client.get(reverse("web:home")).content.decode()


def test_login_page_is_persian(client, db):
    page = client.get(reverse("login")).content.decode()
    assert 'dir="rtl"' in page and "ورود به پیگیر" in page


def test_login_and_logout(client, world):
    user = world.users["liaison"]
    user.set_password("pass-1234-peygir")
    user.save()
    response = client.post(reverse("login"), {"username": "liaison", "password": "pass-1234-peygir"})
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    assert client.get(reverse("web:home")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("web:home")).status_code == 302


def test_wrong_password_shows_persian_error(client, world):
    response = client.post(reverse("login"), {"username": "liaison", "password": "wrong"})
    assert response.status_code == 200
    assert "نام کاربری یا گذرواژه درست نیست" in response.content.decode()


def test_persian_even_when_the_browser_asks_for_english(login, db):
    page = login("liaison").get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="fa" dir="rtl"' in page


def test_digits_follow_the_language_and_dates_stay_jalali(login, db):
    """Persian digits in Persian; Latin ones in English, where a Persian zero (a dot) reads as a bullet.
    The Jalali calendar in both, its months named as English writes them."""
    import re

    from django.utils import timezone

    from peygir.core.jalali import MONTHS_EN, MONTHS_FA, to_jalali

    j = to_jalali(timezone.localdate())
    client = login("office_staff")
    persian = client.get(reverse("web:home")).content.decode()
    assert (
        f"{MONTHS_FA[j.month - 1]} {str(j.year).translate(str.maketrans('0123456789', '۰۱۲۳۴۵۶۷۸۹'))}"
        in persian
    )
    assert not re.search(r'class="pg-stat-n">\s*[0-9]', persian)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("web:home")).content.decode()
    assert f"{j.day} {MONTHS_EN[j.month - 1]} {j.year}" in english
    counts = re.findall(r'class="pg-stat-n">\s*([^<\s]+)', english)
    assert counts and all(c.isascii() and c.isdigit() for c in counts), counts
