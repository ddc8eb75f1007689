from django.contrib import admin

from kring.programmes.models import Group, Programme, RoleAssignment


class GroupInline(admin.TabularInline):
    model = Group
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "client", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    inlines = [GroupInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "programme", "group"]
    list_filter = ["role"]
    search_fields = ["person__email", "person__full_name"]
