from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from .models import Membership
from .services import revoke_all_tokens

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organisation",)


admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipInline]

    def user_change_password(self, request, id, form_url=""):
        """Django's; a password set here (a redirect after the POST) revokes the API tokens."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                revoke_all_tokens(self.get_object(request, unquote(id)), by=request.user)
        return response


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "organisation", "start", "end")
    list_filter = ("kind",)
    search_fields = ("user__username", "user__email", "organisation__name")
    autocomplete_fields = ("user", "organisation")
    list_select_related = ("user", "organisation")
