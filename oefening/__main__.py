"""``python -m oefening``: the same as the ``oefening`` command."""

import sys

from oefening.cli import main

sys.exit(main())
