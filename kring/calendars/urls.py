from django.urls import path

from kring.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.calendar_settings, name="settings"),
    path("feed/new/", views.feed_issue, name="feed_issue"),
    path("feed/off/", views.feed_off, name="feed_off"),
    path("feed/options/", views.feed_options, name="feed_options"),
    path("reminders/", views.reminders, name="reminders"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
