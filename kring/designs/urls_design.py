from django.urls import path

from kring.designs import views_design as views

app_name = "designs_design"

urlpatterns = [
    path("programme/<int:pk>/editions/", views.editions, name="editions"),
    path("programme/<int:pk>/editions/new/", views.edition_create, name="edition_create"),
    path("programme/<int:pk>/compare/", views.compare, name="compare"),
    path("edition/<int:pk>/", views.edition, name="edition"),
    path("edition/<int:pk>/settings/", views.edition_edit, name="edition_edit"),
    path("edition/<int:pk>/lines/new/", views.line_create, name="line_create"),
    path("edition/<int:pk>/versions/", views.versions, name="versions"),
    path("edition/<int:pk>/observations/", views.observations, name="observations"),
    path("edition/<int:pk>/proposals/new/", views.proposal_create, name="proposal_create"),
    path("line/<int:pk>/edit/", views.line_edit, name="line_edit"),
    path("line/<int:pk>/remove/", views.line_delete, name="line_delete"),
    path("line/<int:pk>/move/", views.line_move, name="line_move"),
    path("line/<int:pk>/components/new/", views.component_create, name="component_create"),
    path("component/<int:pk>/", views.component, name="component"),
    path("component/<int:pk>/edit/", views.component_edit, name="component_edit"),
    path("component/<int:pk>/remove/", views.component_delete, name="component_delete"),
    path("component/<int:pk>/move/", views.component_move, name="component_move"),
    path("component/<int:pk>/staff/new/", views.staff_add, name="staff_add"),
    path("staff/<int:pk>/remove/", views.staff_remove, name="staff_remove"),
    path("proposal/<int:pk>/decline/", views.proposal_decline, name="proposal_decline"),
]
