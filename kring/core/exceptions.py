from django.core.exceptions import PermissionDenied


class EditConflict(Exception):
    """Someone else saved the same object since this edit began; nothing was overwritten."""


class Refused(PermissionDenied):
    """A 403 that says why, in words that fit the person refused, and where they can go
    instead. The permission policy (``kring.access.refusal``) writes the words; the error page
    (``kring.core.views.permission_denied``) shows them."""

    def __init__(self, reason: str, *, next_url: str = "", next_label: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.next_url = next_url
        self.next_label = next_label
