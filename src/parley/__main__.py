"""``python -m parley`` runs the command line."""

import sys

from parley.cli import main

sys.exit(main())
