"""Workspace URLs: the signed-in person's API tokens."""

from django.urls import path

from .views import tokens

urlpatterns = [
    path("", tokens.token_list, name="tokens"),
    path("<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
