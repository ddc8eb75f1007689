from django.urls import path

from kring.availability import views

app_name = "availability"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("week/", views.week_save, name="week_save"),
    path("away/", views.away_add, name="away_add"),
    path("away/<int:pk>/remove/", views.away_remove, name="away_remove"),
    path("import/", views.calendar_import, name="calendar_import"),
    path("import/<int:pk>/remove/", views.calendar_import_remove, name="calendar_import_remove"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/", views.group, name="group"),
]
