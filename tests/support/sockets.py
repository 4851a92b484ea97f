"""Flask-SocketIO test clients in each role, on the app in the test's process."""
from facilitation.extensions import db, socketio
from facilitation.models import CafeTable, Workshop
from facilitation.services import participants


def join(app, workshop, name, table_index=0):
    """Join a participant at a table (remotely at a remote one); returns (id, token)."""
    with app.app_context():
        table_id = workshop["tables"][table_index]
        person, token = participants.join(
            db.session.get(Workshop, workshop["id"]), name, table_id=table_id,
            remote=db.session.get(CafeTable, table_id).remote)
        return person.id, token


def phone(app, token, **auth):
    """A Socket.IO test client for a participant's phone."""
    return socketio.test_client(app, auth={"role": "participant", "token": token, **auth})


def board(app, workshop):
    """A Socket.IO test client for the projected board."""
    return socketio.test_client(app, auth={"role": "board", "code": workshop["code"],
                                           "key": workshop["board_key"]})


def console(app, client, workshop):
    """A Socket.IO test client for the console, sharing the signed-in HTTP session."""
    return socketio.test_client(app, flask_test_client=client,
                                auth={"role": "console", "workshop_id": workshop["id"]})


def received(socket_client, name):
    """The payloads of the named event that the client received so far."""
    return [m["args"][0] for m in socket_client.get_received() if m["name"] == name]


def ack(socket_client, event, data=None):
    """Emit an event and return its acknowledgement."""
    return socket_client.emit(event, data, callback=True)
