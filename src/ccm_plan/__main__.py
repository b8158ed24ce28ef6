"""`python -m ccm_plan` runs the command line."""

from .cli import main

main()
