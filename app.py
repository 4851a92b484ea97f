"""Kahvila's entry point: patch, build the app, run it."""
import warnings; warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # noqa: E702,I001  (known: bugfix-only mode, see DESIGN.md)
import eventlet; eventlet.monkey_patch()  # noqa: E702,I001  (before any other import)

import os  # noqa: E402
import sys  # noqa: E402

from facilitation import create_app  # noqa: E402
from facilitation.serve import prepare, serve  # noqa: E402

app = create_app()

if __name__ == "__main__":
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    try:
        prepare(app, host, port)
    except OSError as error:
        sys.exit(str(error))
    serve(app, host, port)
