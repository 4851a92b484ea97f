"""The app's own cost of a note and of a phone's `sync`, in CPU time and SQL statements.

Runs the app in this process (threading mode, a fresh SQLite file) and drives it through
Flask-SocketIO's test client: no network and no fan-out, only what the app does per event
(the guard, the service, the database, building the ack and the broadcast). It counts CPU
time (`time.process_time`), not wall time, so that it stays comparable on a busy machine.

    python bench/note_cost.py --notes 2000 --tables 40 --phones 200

Prints one JSON line: microseconds of CPU and SQL statements per `note:add`, and per
`sync {last_seq: 0}` of a phone (a snapshot of its table) and of the console.
"""
import argparse
import json
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import stamp  # noqa: E402
from sqlalchemy import event  # noqa: E402

from facilitation import create_app  # noqa: E402
from facilitation.config import TestConfig  # noqa: E402
from facilitation.extensions import db, socketio  # noqa: E402
from facilitation.models import Workshop  # noqa: E402
from facilitation.services import accounts, participants, workshops  # noqa: E402


def build(folder, tables, phones):
    """A fresh app with a workshop of T tables and N seated participants; (app, tokens, ids)."""
    class Config(TestConfig):
        INSTANCE_PATH = str(Path(folder) / "instance")
        SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(Path(folder) / "cost.sqlite")
        NOTES_BURST = EVENTS_BURST = 10 ** 9

    app = create_app(Config)
    with app.app_context():
        db.create_all()
        stamp()
        person = accounts.create_facilitator("kustannus@example.fi", "kahvia-ja-pullaa")
        workshop = workshops.create_workshop(
            person.id, "Kustannus", [{"name": f"Pöytä {i + 1}"} for i in range(tables)],
            [{"title": f"Aihe {i + 1}", "prompts": ["Mikä toimii?"]} for i in range(tables)])
        table_ids = [t.id for t in workshop.tables]
        tokens = [participants.join(db.session.get(Workshop, workshop.id), f"Osallistuja {i}",
                                    table_id=table_ids[i % tables])[1] for i in range(phones)]
        return app, tokens, {"workshop_id": workshop.id, "email": person.email}


def measure(label, calls, statements):
    """Run the calls; CPU microseconds and SQL statements per call."""
    statements.clear()
    started = time.process_time()
    for call in calls:
        reply = call()
        assert reply.get("ok"), reply
    cpu = time.process_time() - started
    return {f"{label}_cpu_us": round(1e6 * cpu / len(calls)),
            f"{label}_sql": round(len(statements) / len(calls), 2)}


def main(argv=None):
    """Measure and print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--tables", type=int, default=40)
    parser.add_argument("--phones", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kahvila-cost-") as folder:
        app, tokens, ids = build(folder, args.tables, args.phones)
        statements = []
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute",
                         lambda *call: statements.append(call[2]))
        phones = [socketio.test_client(app, auth={"role": "participant", "token": t})
                  for t in tokens]
        http = app.test_client()
        http.post("/login", data={"email": ids["email"], "password": "kahvia-ja-pullaa"})
        desk = socketio.test_client(app, flask_test_client=http,
                                    auth={"role": "console", "workshop_id": ids["workshop_id"]})
        line = {"notes": args.notes, "tables": args.tables, "phones": args.phones}
        line.update(measure("note_add", [
            (lambda n=n: phones[n % len(phones)].emit(
                "note:add", {"client_id": f"c-{n}", "text": f"Lappu {n} Työllisyyspalvelut"},
                callback=True)) for n in range(args.notes)], statements))
        line.update(measure("phone_sync", [
            (lambda p=p: p.emit("sync", {"last_seq": 0}, callback=True)) for p in phones],
            statements))
        line.update(measure("console_sync", [
            lambda: desk.emit("sync", {"last_seq": 0}, callback=True)] * 20, statements))
        for client in phones + [desk]:
            client.get_received()
    print(json.dumps(line))


if __name__ == "__main__":
    main()
