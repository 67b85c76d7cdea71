"""`python -m course` and the `course` console script."""

from __future__ import annotations

import sys

from course.cli.main import main as cli_main


def main() -> None:
    """Entry point: run the command line and exit with its code."""
    sys.exit(cli_main())


if __name__ == "__main__":
    main()
