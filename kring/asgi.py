"""ASGI entry point, for servers such as uvicorn: ``uvicorn kring.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings")
application = get_asgi_application()
