"""Registers the "Invite staff member" screen and its place in the Settings menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin import views


@hooks.register("register_admin_urls")
def register_staff_invite_url():
    return [path("staff/invite/", views.staff_invite, name="sitesetup_staff_invite")]


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.INVITE_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_staff_invite_menu_item():
    return InviteMenuItem(
        _("Invite staff member"),
        reverse("sitesetup_staff_invite"),
        icon_name="mail",
        order=610,
    )
