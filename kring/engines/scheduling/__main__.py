"""``python -m kring.engines.scheduling INSTANCE.json``."""

import os
import sys

from .cli import main

code = main()
sys.stdout.flush()
sys.stderr.flush()
# Skip the interpreter's teardown of numpy/OR-Tools and the model objects: it adds up to half
# a second on a loaded machine after the answer is already written, and counts against the
# caller's time limit.
os._exit(code)
