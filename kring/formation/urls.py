from django.urls import path

from kring.formation import views

app_name = "formation"

urlpatterns = [
    path("programmes/<int:pk>/new/", views.pool_create, name="pool_create"),
    path("pools/<int:pk>/", views.pool_detail, name="pool"),
    path("pools/<int:pk>/edit/", views.pool_edit, name="pool_edit"),
    path("pools/<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("pools/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("pools/<int:pk>/people/", views.entry_add, name="entry_add"),
    path("pools/<int:pk>/pairs/", views.pair_add, name="pair_add"),
    path("pools/<int:pk>/pairs/people/", views.pair_people, name="pair_people"),
    path("pools/<int:pk>/form/", views.form_groups, name="form_groups"),
    path("pools/<int:pk>/form/sizes/", views.sizes_preview, name="sizes_preview"),
    path("entries/<int:pk>/", views.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/remove/", views.entry_remove, name="entry_remove"),
    path("pairs/<int:pk>/remove/", views.pair_remove, name="pair_remove"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/move/", views.run_move, name="run_move"),
    path("runs/<int:pk>/swap/", views.run_swap, name="run_swap"),
    path("runs/<int:pk>/reset/", views.run_reset, name="run_reset"),
    path("runs/<int:pk>/accept/", views.run_accept, name="run_accept"),
]
