"""Start Ralph's LRS API on a loopback port. Runs in Ralph's own virtual environment (its
pins never meet the app's), started by the `ralph` fixture in `conftest.py`.

Usage: python ralph_server.py PORT
"""

import sys

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

# Ralph 5.1's filesystem backend writes with the operation "index", which refuses a file
# that exists: only the first request of a server's life would be stored, and every later
# one would fail with a 500. A store of statements is a log, so it appends.
FSLRSBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn  # noqa: E402

uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
