"""The search page (under the `web` namespace: web:search)."""

from django.urls import path

from . import views

urlpatterns: list = [path("search/", views.search, name="search")]
