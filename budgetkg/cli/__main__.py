"""``python -m budgetkg.cli``: the same as the ``budgetkg`` command."""

import sys

from . import main

sys.exit(main())
