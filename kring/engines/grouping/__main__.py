"""``python -m kring.engines.grouping INSTANCE.json [--time-limit S] [--seed N]``."""

import sys

from .cli import main

sys.exit(main())
