"""`python -m perfgoals_xl` runs the command line."""

import sys

from perfgoals_xl.cli import main

sys.exit(main())
