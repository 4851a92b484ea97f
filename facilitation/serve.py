"""Start-up of the real server: the port check, the schema, then socketio.run."""
import errno
import socket

from flask_migrate import upgrade

from .extensions import socketio
from .services.participants import reset_presence


def ensure_port_free(host, port):
    """Fail clearly when the port is taken.

    eventlet binds with SO_REUSEPORT, so a second server on a busy port would
    start silently and steal half the clients. A probe bind without
    SO_REUSEPORT fails while any other socket listens there.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    probe = socket.socket(family, socket.SOCK_STREAM)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind((host, port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise OSError(f"Port {port} on {host} is already in use: is Kahvila already "
                          f"running? Stop it or choose another port with PORT=.") from None
        raise
    finally:
        probe.close()


def prepare(app, host, port):
    """Check the port, bring the database schema up to date, forget stale presence."""
    ensure_port_free(host, port)
    with app.app_context():
        upgrade()
        reset_presence()


def serve(app, host, port):
    """Run the Socket.IO server until stopped."""
    print(f"Kahvila is serving on http://{host}:{port}/", flush=True)
    socketio.run(app, host=host, port=port, max_size=app.config["MAX_CONNECTIONS"],
                 log_output=False)
