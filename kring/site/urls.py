from django.urls import path

from kring.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # In the site app because a new organisation is set up by more than one area.
    path("organisations/new/", views.organisation_create, name="organisation_create"),
]
