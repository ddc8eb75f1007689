from django.urls import path

from kring.planning import views

app_name = "planning"

urlpatterns = [
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/accept/", views.plan_accept, name="plan_accept"),
    path("plans/<int:pk>/discard/", views.plan_discard, name="plan_discard"),
    path("suggestions/<int:pk>/replan/", views.suggestion_replan, name="suggestion_replan"),
    path("suggestions/<int:pk>/dismiss/", views.suggestion_dismiss, name="suggestion_dismiss"),
]
