from django.contrib import admin

from kring.library.models import LibraryItem, MeetingResource


@admin.register(LibraryItem)
class LibraryItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "slug", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title", "summary", "reference"]
    readonly_fields = ["version"]


@admin.register(MeetingResource)
class MeetingResourceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "item", "added_by", "added_at"]
    raw_id_fields = ["meeting", "item"]
