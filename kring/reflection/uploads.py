"""Checking a member's upload: its kind is read from its first bytes, because a file name is
only a claim. Pillow is not a dependency, so the check looks at the signatures itself."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


JPEG = FileKind("image/jpeg", ".jpg")
PNG = FileKind("image/png", ".png")
WEBP = FileKind("image/webp", ".webp")
PDF = FileKind("application/pdf", ".pdf")

ALLOWED_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".pdf"})


def sniff(head: bytes) -> FileKind | None:
    """The kind of file these first bytes (at least 12) begin, if it is one we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    return None


def max_upload_bytes() -> int:
    return int(settings.KRING_UPLOAD_MAX_MB) * 1024 * 1024


def check_upload(upload: File) -> FileKind:
    """Accept a JPEG, PNG, WebP or PDF file of at most ``KRING_UPLOAD_MAX_MB``. Both the name
    and the content must say so: a renamed program or web page is refused."""
    limit = settings.KRING_UPLOAD_MAX_MB
    if upload.size is None or upload.size > max_upload_bytes():
        raise ValidationError(
            _("This file is larger than %(limit)s MB. Make it smaller or choose another file.")
            % {"limit": limit},
            code="too_large",
        )
    extension = PurePosixPath(upload.name or "").suffix.lower()
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if extension not in ALLOWED_EXTENSIONS or kind is None:
        raise ValidationError(
            _(
                "Kring accepts photos and drawings as JPEG, PNG or WebP, and documents as PDF. "
                "This file is not one of those."
            ),
            code="wrong_type",
        )
    return kind


def display_name(name: str) -> str:
    """The member's own file name, reduced to something safe to show and to offer as the
    download name."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>:|?*')
    return cleaned.strip()[:200] or "upload"
