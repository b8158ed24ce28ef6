"""`python -m ccm_plan` runs the command line."""

from .entry import main

main()
