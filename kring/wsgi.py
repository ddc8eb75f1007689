"""WSGI entry point for production servers such as gunicorn: ``gunicorn kring.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kring.settings")
application = get_wsgi_application()
