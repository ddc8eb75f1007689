from django.urls import path

from kring.designs import views_teachers as views

app_name = "designs_teachers"

urlpatterns = [
    path("sessions/<int:pk>/briefing/", views.briefing, name="briefing"),
    path("sessions/<int:pk>/briefing/note/", views.briefing_note_edit, name="briefing_note"),
    path("sessions/<int:pk>/note-back/", views.note_back_edit, name="note_back"),
    path("groups/<int:pk>/staff/", views.staff, name="staff"),
    path("groups/<int:pk>/staff/constellation/", views.constellation_edit, name="constellation"),
    path("groups/<int:pk>/staff/duo/", views.duo_agreement_edit, name="duo_agreement"),
    path("groups/<int:pk>/staff/duo/confirm/", views.duo_agreement_confirm, name="duo_confirm"),
]
