"""Serves an OpenStack WSGI app under gunicorn.

Why: oslo.config parses sys.argv when the app loads, and gunicorn's own arguments (--bind ...)
make every worker exit with code 2. So the argv oslo should see comes from NUBO_WSGI_ARGS
(space-separated), and the app from NUBO_WSGI_APP ("module:attribute").
"""

import importlib
import os
import sys

sys.argv = [sys.argv[0]] + os.environ.get("NUBO_WSGI_ARGS", "").split()
_module, _attribute = os.environ["NUBO_WSGI_APP"].split(":")
application = getattr(importlib.import_module(_module), _attribute)
