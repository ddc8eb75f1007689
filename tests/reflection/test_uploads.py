"""The upload check reads a file's first bytes: a name is only a claim."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kring.reflection.uploads import JPEG, PDF, PNG, WEBP, check_upload, display_name, sniff
from tests.reflection.factories import EXE_BYTES, JPEG_BYTES, PDF_BYTES, PNG_BYTES, WEBP_BYTES


@pytest.mark.parametrize(
    ("head", "kind"),
    [(JPEG_BYTES, JPEG), (PNG_BYTES, PNG), (WEBP_BYTES, WEBP), (PDF_BYTES, PDF)],
)
def test_sniff_recognises_the_accepted_kinds(head, kind):
    assert sniff(head[:16]) == kind


@pytest.mark.parametrize(
    "head",
    [EXE_BYTES, b"<!doctype html><script>", b"GIF89a\x01\x00", b"RIFF\x00\x00\x00\x00WAVE", b""],
)
def test_sniff_refuses_everything_else(head):
    assert sniff(head) is None


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("tekening.png", PNG_BYTES, PNG),
        ("foto.JPEG", JPEG_BYTES, JPEG),
        ("foto.webp", WEBP_BYTES, WEBP),
        ("verslag.pdf", PDF_BYTES, PDF),
        # A PNG saved with a .jpg name is still a picture; it is stored as what it is.
        ("foto.jpg", PNG_BYTES, PNG),
    ],
)
def test_accepted_files(name, content, kind):
    assert check_upload(SimpleUploadedFile(name, content)) == kind


def test_a_renamed_program_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("vakantiefoto.jpg", EXE_BYTES))
    assert caught.value.code == "wrong_type"


def test_a_web_page_renamed_to_png_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("plaatje.png", b"<html><script>alert(1)</script>"))


def test_a_picture_with_a_forbidden_name_is_refused():
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("plaatje.html", PNG_BYTES))
    assert caught.value.code == "wrong_type"


def test_a_file_above_the_limit_is_refused(settings):
    settings.KRING_UPLOAD_MAX_MB = 1
    too_large = PNG_BYTES + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("groot.png", too_large))
    assert caught.value.code == "too_large"
    assert "1 MB" in caught.value.messages[0]


def test_a_file_at_the_limit_is_accepted(settings):
    settings.KRING_UPLOAD_MAX_MB = 1
    at_limit = PNG_BYTES + b"\x00" * (1024 * 1024 - len(PNG_BYTES))
    assert check_upload(SimpleUploadedFile("precies.png", at_limit)) == PNG


def test_the_check_leaves_the_file_at_its_start():
    upload = SimpleUploadedFile("tekening.png", PNG_BYTES)
    check_upload(upload)
    assert upload.read() == PNG_BYTES


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("tekening.png", "tekening.png"),
        ("../../etc/passwd.png", "passwd.png"),
        ("C:\\Users\\sanne\\casus.pdf", "casus.pdf"),
        ('fo"to<1>.jpg', "foto1.jpg"),
        ("", "upload"),
    ],
)
def test_display_name_keeps_only_a_safe_base_name(name, shown):
    assert display_name(name) == shown
