from django.contrib import admin
from django.urls import include, path

from kring.core import views as core_views

urlpatterns = [
    path("", include("kring.site.urls")),
    path("", include("kring.core.urls")),
    path("", include("kring.accounts.urls")),
    path("", include("kring.invitations.urls")),
    path("programmes/", include("kring.programmes.urls")),
    path("learning/", include("kring.learning.urls")),
    path("audit/", include("kring.audit.urls")),
    path("reflection/", include("kring.reflection.urls")),
    path("library/", include("kring.library.urls")),
    path("formation/", include("kring.formation.urls")),
    path("availability/", include("kring.availability.urls")),
    path("calendar/", include("kring.calendars.urls")),
    path("learning-profile/", include("kring.profiles.urls")),
    path("planning/", include("kring.planning.urls")),
    path("notifications/", include("kring.notifications.urls")),
    path("rooms/", include("kring.rooms.urls")),
    path("teaching/", include("kring.designs.urls_teachers")),
    path("admin/", admin.site.urls),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
