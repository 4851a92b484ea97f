"""Kahvila's entry point: patch, build the app, run it."""
import warnings; warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")  # noqa: E702,I001  (known: bugfix-only mode, see docs/design.md)

if __name__ == "__main__":
    # The server patches first of all. `flask --app app …` commands import this
    # module after Flask is loaded and need no patching, so they skip it.
    import eventlet; eventlet.monkey_patch()  # noqa: E702,I001

import os  # noqa: E402
import sys  # noqa: E402

from facilitation import create_app  # noqa: E402
from facilitation.serve import open_listener, prepare  # noqa: E402
from facilitation.startup import check_settings  # noqa: E402

check_settings(os.environ)  # a missing driver or a refused setting: one line, exit 1
app = create_app()

if __name__ == "__main__":
    import eventlet.wsgi

    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    try:
        listener = open_listener(host, port)
    except OSError as error:
        sys.exit(str(error))
    prepare(app, listener)
    print(f"Kahvila is serving on http://{host}:{port}/", flush=True)
    # What socketio.run does for eventlet, on our own socket; max_size lifts
    # eventlet's default of 1,024 simultaneous connections; socket_timeout frees the
    # slot of a client that stops sending in the middle of a request.
    eventlet.wsgi.server(listener, app, max_size=app.config["MAX_CONNECTIONS"], log_output=False,
                         socket_timeout=app.config["SOCKET_TIMEOUT"])
