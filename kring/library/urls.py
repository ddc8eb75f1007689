from django.urls import path

from kring.library import views

app_name = "library"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("new/", views.item_create, name="item_create"),
    path("meetings/<int:meeting_id>/resources/", views.meeting_resources, name="meeting_resources"),
    path(
        "meetings/<int:meeting_id>/resources/add/",
        views.meeting_resource_add,
        name="meeting_resource_add",
    ),
    path(
        "resources/<int:pk>/remove/", views.meeting_resource_remove, name="meeting_resource_remove"
    ),
    path("<slug:slug>/", views.item_detail, name="item_detail"),
    path("<slug:slug>/edit/", views.item_edit, name="item_edit"),
]
