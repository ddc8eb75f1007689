from django.urls import path

from kring.learning import views

app_name = "learning"

urlpatterns = [
    path("groups/<int:pk>/", views.cycle, name="cycle"),
    path("groups/<int:pk>/members/", views.member_add, name="member_add"),
    path("groups/<int:pk>/size/", views.size_override, name="size_override"),
    path("groups/<int:pk>/meetings/", views.meetings, name="meetings"),
    path("groups/<int:pk>/contract/", views.agreements, name="agreements"),
    path("groups/<int:pk>/contract/edit/", views.agreements_edit, name="agreements_edit"),
    path("groups/<int:pk>/question/", views.learning_question, name="learning_question"),
    path(
        "groups/<int:pk>/question/edit/",
        views.learning_question_edit,
        name="learning_question_edit",
    ),
    path("groups/<int:pk>/facilitation/", views.facilitation, name="facilitation"),
    path("groups/<int:pk>/facilitation/intensity/", views.intensity, name="intensity"),
    path(
        "groups/<int:pk>/facilitation/attendance/",
        views.attendance_share,
        name="attendance_share",
    ),
    path("groups/<int:pk>/facilitation/notes/", views.note_add, name="note_add"),
    path(
        "groups/<int:pk>/facilitation/interventions/",
        views.intervention_add,
        name="intervention_add",
    ),
    path("groups/<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path(
        "groups/<int:pk>/evaluation/points/",
        views.evaluation_point_add,
        name="evaluation_point_add",
    ),
    path("groups/<int:pk>/harvest/", views.harvest, name="harvest"),
    path("memberships/<int:pk>/", views.membership_respond, name="membership_respond"),
    path("memberships/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("memberships/<int:pk>/wish/", views.intensity_wish, name="intensity_wish"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/points/", views.point_add, name="point_add"),
    path("meetings/<int:pk>/commitments/", views.intention_add, name="intention_add"),
    path("points/<int:pk>/", views.point_edit, name="point_edit"),
    path("points/<int:pk>/delete/", views.point_delete, name="point_delete"),
    path("commitments/<int:pk>/report/", views.intention_report, name="intention_report"),
    path(
        "contract/<int:pk>/acknowledge/",
        views.agreements_acknowledge,
        name="agreements_acknowledge",
    ),
    path("notices/<int:pk>/resolve/", views.notice_resolve, name="notice_resolve"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/copy/", views.template_copy, name="template_copy"),
]
