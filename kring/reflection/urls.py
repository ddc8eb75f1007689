from django.urls import path

from kring.reflection import views

app_name = "reflection"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("groups/<int:pk>/", views.group_reflection, name="group"),
    path("groups/<int:pk>/journal/", views.journal, name="journal"),
    path("groups/<int:pk>/journal/new/", views.journal_create, name="journal_create"),
    path("meetings/<int:pk>/assignments/new/", views.assignment_create, name="assignment_create"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment_detail"),
    path("assignments/<int:pk>/edit/", views.assignment_edit, name="assignment_edit"),
    path("assignments/<int:pk>/submit/", views.submission_create, name="submission_create"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("submissions/<int:pk>/file/", views.submission_file, name="submission_file"),
    path("journal/<int:pk>/edit/", views.journal_edit, name="journal_edit"),
    path("journal/<int:pk>/share/", views.excerpt_create, name="excerpt_create"),
    path("excerpts/<int:pk>/withdraw/", views.excerpt_withdraw, name="excerpt_withdraw"),
]
