"""Check xAPI statements (one JSON object a line on stdin) against Ralph's own pydantic
model of an xAPI 1.0.3 statement; print each problem and exit 1 if there is any. Runs in
Ralph's virtual environment. (`ralph validate -f xapi` only knows statements of the
profiles it ships, such as video, and refuses every other statement as unknown.)
"""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

problems = 0
for number, line in enumerate(sys.stdin, start=1):
    if not line.strip():
        continue
    try:
        BaseXapiStatement.model_validate(json.loads(line))
    except ValidationError as error:
        problems += 1
        print(f"statement {number}: {error}")
print(f"{problems} invalid")
sys.exit(1 if problems else 0)
