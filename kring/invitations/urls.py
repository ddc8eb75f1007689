from django.urls import path

from kring.invitations import views

app_name = "invitations"

urlpatterns = [
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("groups/<int:pk>/add-person/", views.group_person_add, name="group_person_add"),
    path(
        "programmes/<int:pk>/add-person/", views.programme_person_add, name="programme_person_add"
    ),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
