"""``python -m vnplan`` runs the command-line interface."""
from vnplan.cli import main

raise SystemExit(main())
