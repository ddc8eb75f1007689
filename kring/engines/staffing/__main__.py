"""``python -m kring.engines.staffing INSTANCE.json``."""

import os
import sys

from .cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
# Skip the interpreter's teardown of OR-Tools and the model objects: it only costs time after
# the answer is written, and counts against the caller's time limit.
os._exit(code)
