"""Settings for the test suite: the production settings with faster hashing and plain static
files, so tests need no collectstatic step."""

import tempfile
from pathlib import Path

from kring.settings import *  # noqa: F403
from kring.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
# No collected static files in tests: WhiteNoise finds them through the finders.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Uploads made by tests go to a throw-away folder, never into var/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kring-test-media-"))
