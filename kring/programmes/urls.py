from django.urls import path

from kring.programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("new/", views.programme_create, name="programme_create"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path(
        "<int:pk>/roles/remove/",
        views.programme_role_remove_choose,
        name="programme_role_remove_choose",
    ),
    path("<int:pk>/groups/new/", views.group_create, name="group_create"),
    path("roles/<int:pk>/remove/", views.role_remove, name="role_remove"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path(
        "groups/<int:pk>/roles/remove/",
        views.group_role_remove_choose,
        name="group_role_remove_choose",
    ),
]
