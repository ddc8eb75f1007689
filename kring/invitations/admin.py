from django.contrib import admin

from kring.invitations.models import Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "full_name", "invited_by", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email", "full_name"]
    exclude = ["nonce"]
