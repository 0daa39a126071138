"""Workspace URLs: the workspace home, signing in and out, and passwords. Django's own views
with our templates (a new password also revokes the API tokens); sign-out accepts POST only."""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from .views import account

T = "workspace/account/"

urlpatterns = [
    path("", account.home, name="home"),
    path(
        "sign-in/",
        auth.LoginView.as_view(template_name=T + "sign_in.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("sign-out/", auth.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        account.PasswordChangeView.as_view(
            template_name=T + "password_change.html",
            success_url=reverse_lazy("workspace:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/changed/",
        auth.PasswordChangeDoneView.as_view(template_name=T + "password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth.PasswordResetView.as_view(
            template_name=T + "password_reset.html",
            email_template_name=T + "password_reset_email.txt",
            subject_template_name=T + "password_reset_subject.txt",
            success_url=reverse_lazy("workspace:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name=T + "password_reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(
            template_name=T + "password_reset_confirm.html",
            success_url=reverse_lazy("workspace:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth.PasswordResetCompleteView.as_view(template_name=T + "password_reset_done.html"),
        name="password_reset_complete",
    ),
]
