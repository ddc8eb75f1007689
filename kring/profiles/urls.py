from django.urls import path

from kring.profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("questionnaire/", views.questionnaire, name="questionnaire"),
    path("results/<int:pk>/", views.result, name="result"),
]
