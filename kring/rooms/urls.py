from django.urls import path

from kring.rooms import views

app_name = "rooms"

urlpatterns = [
    path("", views.rooms_home, name="home"),
    path("organisations/<int:pk>/", views.room_list, name="list"),
    path("<int:pk>/", views.room_edit, name="edit"),
    path("<int:pk>/archive/", views.room_archive, name="archive"),
]
