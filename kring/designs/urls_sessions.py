from django.urls import path

from kring.designs import views_sessions as views

app_name = "designs_sessions"

urlpatterns = [
    path("programmes/<int:pk>/", views.programme_sessions, name="programme"),
    path("editions/<int:pk>/plan/", views.plan_sessions, name="plan"),
    path("editions/<int:pk>/deviations/", views.edition_deviations, name="deviations"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("<int:pk>/staff/", views.staff_add, name="staff_add"),
    path("staff/<int:pk>/remove/", views.staff_remove, name="staff_remove"),
    path("<int:pk>/live/", views.live, name="live"),
    path("<int:pk>/live/go/", views.live_go, name="live_go"),
    path("<int:pk>/live/point/", views.live_point, name="live_point"),
    path("<int:pk>/live/guided/", views.live_guided, name="live_guided"),
    path("<int:pk>/deviation/", views.deviation_add, name="deviation_add"),
    path("deviations/<int:pk>/observation/", views.deviation_observe, name="deviation_observe"),
    path("components/<int:pk>/runbook/", views.runbook, name="runbook"),
    path("activities/<int:pk>/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("meetings/<int:pk>/guided/<slug:slug>/", views.meeting_guided, name="meeting_guided"),
]
