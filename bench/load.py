"""Load: sticky notes over Socket.IO from many phones, against the app and a bare relay.

Run from the repository root, e.g.

    python bench/load.py --clients 2000 --tables 40 --rate 100 --seconds 30
    python bench/load.py --clients 2000 --tables 40 --burst 1000

For each target (`--mode app`, `bare` or `both`, the default) it starts a server in a
subprocess on a free port of 127.0.0.1, connects N simulated phones spread evenly over T tables
plus a board and a console (python-socketio AsyncClients, websocket only, all in this one
asyncio process), posts R notes a second for S seconds round-robin from the phones, and
measures every delivery of each note to the other phones of its table and to the watchers
(board, console), and each ack at the sender. The app is `python app.py` on a fresh instance
folder, seeded inside its own app context; the bare relay is bench/bare_relay.py, the same
Flask-SocketIO and eventlet server with no database: the floor.

`--burst N` posts N notes evenly over about 2 s instead and tells whether all were acked and
delivered within 5 s of the first send.

`--repeat N` runs app and bare relay N times each, interleaved (app, bare, app, bare …), and
reports the medians and the ratio of the medians, so that a busy minute on a shared machine
hurts both alike. `--storm` drops every phone but two per table at once and brings them back
within `--storm-window` s while notes keep flowing (bench/storm.py). `--processes N` spreads
the phones over N app processes on a fresh PostgreSQL database behind Redis
(`--message-queue`, `--database-url`).

It prints a human summary and, as its last line, one JSON object of the figures.
"""
import argparse
import asyncio
import gc
import json
import math
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests
import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storm import run_storm  # noqa: E402  (bench/storm.py, beside this file)

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
EMAIL, PASSWORD = "kuorma@example.fi", "kahvia-ja-pullaa"
CONNECT_BATCH = 100
ACK_TIMEOUT = 15.0
DRAIN_SECONDS = 10.0
BURST_WINDOW = 2.0
BURST_DEADLINE = 5.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- servers in subprocesses ---------------------------------------------------------------

def busy_cpu_seconds():
    """CPU time the whole machine has been busy (all cores, all processes), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / CLOCK_TICKS


def free_port():
    """A TCP port of 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class ServerProcess:
    """A server started as `python <script>` with its own port, stopped when done."""

    def __init__(self, name, script, env, workdir):
        self.name, self.script, self.workdir = name, script, Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.env = {**os.environ, **env, "HOST": HOST, "PORT": str(self.port)}
        self.process = None
        self.log_path = self.workdir / f"{name}-{self.port}.log"

    @property
    def url(self):
        """The server's base URL."""
        return f"http://{HOST}:{self.port}"

    def start(self, timeout=60):
        """Start the server and wait until it answers an Engine.IO handshake."""
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen([sys.executable, self.script], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.read_log()[-2000:]}")
            try:
                requests.get(self.url + "/socket.io/?EIO=4&transport=polling", timeout=5)
                return self
            except (requests.ConnectionError, requests.Timeout):  # not up yet, or a busy machine
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start: {self.read_log()[-2000:]}")

    def read_log(self):
        """What the server printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def rss_mb(self):
        """Resident memory of the server process, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def cpu_seconds(self):
        """User + system CPU time the server process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stop(self):
        """Terminate the server (kill it if it lingers)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if getattr(self, "log", None):
            self.log.close()


class ServerGroup:
    """Several app processes behind one message queue, measured as one server."""

    def __init__(self, servers):
        self.servers = servers
        self.process = servers[0].process  # the profiler records the first

    @property
    def url(self):
        """The first process's URL (board, console and the HTTP sign-in go there)."""
        return self.servers[0].url

    @property
    def urls(self):
        """Every process's URL: phones are spread over them round-robin."""
        return [s.url for s in self.servers]

    def rss_mb(self):
        """Resident memory of all the processes together."""
        return sum(s.rss_mb() for s in self.servers)

    def cpu_seconds(self):
        """CPU time of all the processes together."""
        return sum(s.cpu_seconds() for s in self.servers)

    def read_log(self):
        """What the processes printed."""
        return "\n".join(s.read_log() for s in self.servers)

    def stop(self):
        """Stop every process."""
        for s in self.servers:
            s.stop()


def fresh_postgres(base_url):
    """Create an empty PostgreSQL database for this run; returns (its URL, a function to drop it)."""
    import psycopg2
    name = f"kahvila_load_{os.getpid()}_{int(time.time() * 1000) % 10**9}"
    # The server URL ends in "/" (or names a database to connect to while creating).
    admin_dsn = base_url.replace("postgresql+psycopg2://", "postgresql://").rstrip("/") + \
        ("/postgres" if base_url.endswith("/") else "")

    def run(sql):
        connection = psycopg2.connect(admin_dsn)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(sql)
        connection.close()
    run(f'CREATE DATABASE "{name}"')
    return base_url.rsplit("/", 1)[0] + "/" + name, \
        lambda: run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SEED = """
import json, sys, warnings
warnings.filterwarnings("ignore")
from facilitation import create_app
from facilitation.services import accounts, participants, workshops
clients, tables, email, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
app = create_app()
with app.app_context():
    person = accounts.create_facilitator(email, password)
    workshop = workshops.create_workshop(
        person.id, "Kuormitustesti", [{"name": f"Pöytä {i + 1}"} for i in range(tables)],
        [{"title": f"Aihe {i + 1}", "prompts": ["Mikä toimii?"]} for i in range(tables)])
    table_ids = [t.id for t in workshop.tables]
    phones = []
    for i in range(clients):
        table_id = table_ids[i % tables]
        _, token = participants.join(workshop, f"Osallistuja {i + 1}", table_id=table_id)
        phones.append([token, table_id])
    print(json.dumps({"id": workshop.id, "code": workshop.code, "board_key": workshop.board_key,
                      "tables": table_ids, "phones": phones}))
"""


def app_server(workdir, limits, extra=None):
    """The real app on a fresh instance folder, with the given rate-limit settings."""
    env = {"INSTANCE_PATH": str(Path(workdir) / "instance"), "SECRET_KEY": "bench-load-secret",
           **{key: str(value) for key, value in limits.items()}, **(extra or {})}
    return ServerProcess("app", "app.py", env, workdir)


def start_app(args, workdir, limits):
    """One app process on SQLite, or `--processes N` on PostgreSQL behind Redis.

    Returns (the server or group, a clean-up function). The first process
    migrates the database before the others start.
    """
    if args.processes <= 1 and not args.database_url:
        return app_server(workdir, limits).start(), lambda: None
    extra, drop = {}, lambda: None
    url = args.database_url
    if url is None or url.endswith("/"):
        url, drop = fresh_postgres(url or "postgresql+psycopg2://postgres@127.0.0.1/")
    extra["DATABASE_URL"] = url
    if args.processes > 1:
        extra["MESSAGE_QUEUE"] = args.message_queue
        # Another run (or a test) on the same Redis must not receive these notes.
        extra["MESSAGE_QUEUE_CHANNEL"] = "kahvila-load-" + url.rsplit("/", 1)[1]
    servers = []
    try:
        for _ in range(max(1, args.processes)):
            servers.append(app_server(workdir, limits, extra).start())
    except Exception:
        for server in servers:
            server.stop()
        drop()
        raise
    return ServerGroup(servers), drop


def bare_server(workdir, relay="eventlet"):
    """The bare relay: the same transport with nothing behind it (on eventlet or gevent)."""
    return ServerProcess("bare", str(ROOT / "bench" / "bare_relay.py"), {"RELAY_ASYNC": relay},
                         workdir)


def seed_workshop(server, clients, tables):
    """Create a facilitator, a workshop of T tables and N seated participants in the app.

    Runs the app's own services in a subprocess against the server's database, as the live
    tests do; returns the workshop's ids and one (token, table id) per participant.
    """
    done = subprocess.run([sys.executable, "-c", SEED, str(clients), str(tables), EMAIL, PASSWORD],
                          cwd=ROOT, env=server.env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError("seeding failed: " + done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def console_cookie(url):
    """Sign in over HTTP with the login form's CSRF token; the session cookie, or None."""
    http = requests.Session()
    page = http.get(url + "/login", timeout=10).text
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    if not match:
        return None
    response = http.post(url + "/login", timeout=10, allow_redirects=False, data={
        "csrf_token": match.group(1), "email": EMAIL, "password": PASSWORD})
    if response.status_code != 302 or "session" not in http.cookies:
        return None
    return "session=" + http.cookies["session"]


# --- what a target looks like to the clients -----------------------------------------------

def app_plan(server, seeded, with_console=True):
    """Auth payloads for the app: phones by token, the board by key, the console by cookie."""
    phones = [({"role": "participant", "token": token, "lang": "en"}, table)
              for token, table in seeded["phones"]]
    watchers = [("board", {"role": "board", "code": seeded["code"], "key": seeded["board_key"],
                           "lang": "en"}, None)]
    cookie = console_cookie(server.url) if with_console else None
    if cookie:
        watchers.append(("console", {"role": "console", "workshop_id": seeded["id"],
                                     "lang": "en"}, cookie))
    return {"phones": phones, "watchers": watchers, "sync": True}


def bare_plan(clients, tables, watcher_names):
    """Auth payloads for the bare relay: the table index, or the watcher's role."""
    phones = [({"table": i % tables}, i % tables) for i in range(clients)]
    watchers = [(name, {"role": name}, None) for name in watcher_names]
    return {"phones": phones, "watchers": watchers, "sync": False}


# --- measuring -----------------------------------------------------------------------------

class Recorder:
    """Counts sends, acks and deliveries, and keeps their latencies in milliseconds."""

    def __init__(self, phone_tables, watcher_names):
        self.phone_tables = phone_tables
        self.watcher_names = watcher_names
        self.table_size = Counter()
        self.departed = set()
        self.sent = {}
        self.expected = self.acked = self.delivered = 0
        self.duplicated = self.misrouted = self.echoes = self.unknown = 0
        self.ack_ms, self.phone_ms, self.watcher_ms = [], [], []
        self.ack_errors = Counter()
        self.ack_of = {}
        self.seen = set()
        self.worst = Counter()
        self.pending = 0
        self.first_send = self.last_ack = self.last_delivery = None
        self.late_sends, self.max_late_ms = 0, 0.0

    def connected(self, receiver, table):
        """A phone at this table is connected and will receive its table's notes."""
        self.phone_tables[receiver] = table
        self.table_size[table] += 1

    def gone(self, receiver):
        """A receiver disconnected: it is no longer expected to receive anything."""
        if receiver in self.phone_tables and receiver not in self.departed:
            self.departed.add(receiver)
            self.table_size[self.phone_tables[receiver]] -= 1
        elif receiver in self.watcher_names:
            self.watcher_names = [name for name in self.watcher_names if name != receiver]

    def note_sent(self, cid, at, sender, table):
        """Register a note just before it leaves, with the deliveries it should cause."""
        self.sent[cid] = (at, sender, table)
        self.expected += self.table_size[table] - 1 + len(self.watcher_names)
        self.pending += 1
        self.first_send = self.first_send or at

    def ack(self, cid, reply):
        """Record the sender's ack (or its failure) for a note."""
        now = time.perf_counter()
        self.pending -= 1
        if isinstance(reply, dict) and reply.get("ok"):
            self.acked += 1
            self.ack_ms.append((now - self.sent[cid][0]) * 1000)
            self.ack_of[cid] = self.ack_ms[-1]
            self.last_ack = now
        elif isinstance(reply, dict):
            self.ack_errors[(reply.get("error") or {}).get("code", "unknown")] += 1
        else:
            self.ack_errors[str(reply)] += 1

    def handler(self, receiver):
        """The `note:added` handler of one receiver (a phone index or a watcher)."""
        def on_note_added(data):
            self.delivery(receiver, data, time.perf_counter())
        return on_note_added

    def delivery(self, receiver, data, now):
        """Count one `note:added` at a receiver; its latency from the time in its text."""
        note = data.get("note") if isinstance(data, dict) else None
        record = self.sent.get(note.get("client_id")) if isinstance(note, dict) else None
        if record is None:
            self.unknown += 1
            return
        key = (receiver, note["client_id"])
        if key in self.seen:
            self.duplicated += 1
            return
        self.seen.add(key)
        _, sender, table = record
        if receiver == sender:
            self.echoes += 1
            return
        if isinstance(receiver, int) and self.phone_tables.get(receiver) != table:
            self.misrouted += 1
            return
        latency = (now - float(note["text"].rsplit(" ", 1)[1])) * 1000
        (self.phone_ms if isinstance(receiver, int) else self.watcher_ms).append(latency)
        self.worst[note["client_id"]] = max(self.worst[note["client_id"]], latency)
        self.delivered += 1
        self.last_delivery = now

    def write_trace(self, path):
        """One CSV line per note: send time (s from the first), ack and slowest delivery (ms)."""
        with open(path, "w") as out:
            out.write("client_id,sent_s,ack_ms,slowest_delivery_ms\n")
            for cid, (at, _, _) in self.sent.items():
                ack, worst = self.ack_of.get(cid), self.worst.get(cid)
                out.write(f"{cid},{at - self.first_send:.3f},"
                          f"{'' if ack is None else f'{ack:.2f}'},"
                          f"{'' if worst is None else f'{worst:.2f}'}\n")

    def settled(self):
        """Every ack is in and every expected delivery arrived."""
        return self.pending == 0 and self.delivered >= self.expected


def percentile(values, share):
    """The nearest-rank percentile of a list (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))], 2)


# --- the simulated clients -----------------------------------------------------------------

async def connect_one(url, auth, cookie, receiver, recorder, stats):
    """Connect one websocket-only client; returns it, or None after counting the failure."""
    options = {"websocket_extra_options": {"headers": {"Cookie": cookie}}} if cookie else {}
    client = socketio.AsyncClient(reconnection=False, **options)
    client.on("note:added", recorder.handler(receiver))

    @client.on("disconnect")
    def on_disconnect(*_reason):
        # A phone that drops is not reconnected: it counts, and expects nothing more.
        if stats["closing"]:
            return
        stats["disconnects" if stats["counting"] else "dropped_before"] += 1
        recorder.gone(receiver)

    try:
        await client.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
    except Exception as error:  # noqa: BLE001  (a refused or timed-out connect is a figure)
        stats["connect_errors"][str(error)[:80]] += 1
        return None
    return client


async def connect_fleet(urls, plan, recorder, stats):
    """Connect the phones in batches (spread over the URLs), then the watchers (to the first)."""
    phones, url = {}, urls[0]
    entries = list(enumerate(plan["phones"]))
    for start in range(0, len(entries), CONNECT_BATCH):
        batch = entries[start:start + CONNECT_BATCH]
        clients = await asyncio.gather(*(
            connect_one(urls[i % len(urls)], auth, None, i, recorder, stats)
            for i, (auth, _) in batch))
        for (i, (_, table)), client in zip(batch, clients):
            if client is not None:
                phones[i] = client
                recorder.connected(i, table)
    watchers = {}
    for name, auth, cookie in plan["watchers"]:
        client = await connect_one(url, auth, cookie, name, recorder, stats)
        if client is not None:
            watchers[name] = client
    return phones, watchers


async def sync_all(clients, stats):
    """Send `sync` from every client as the protocol asks after a connect; time the acks."""
    timings = []

    async def sync(client):
        started = time.perf_counter()
        try:
            reply = await client.call("sync", {"last_seq": 0}, timeout=60)
        except Exception as error:  # noqa: BLE001
            stats["sync_errors"][type(error).__name__] += 1
            return
        if isinstance(reply, dict) and reply.get("ok"):
            timings.append((time.perf_counter() - started) * 1000)
        else:
            stats["sync_errors"][str(reply)[:80]] += 1

    for start in range(0, len(clients), CONNECT_BATCH):
        await asyncio.gather(*(sync(c) for c in clients[start:start + CONNECT_BATCH]))
    return timings


async def send_note(client, recorder, cid, at):
    """Post one note (registered at `at`) with its send time in the text; wait for the ack."""
    try:
        reply = await client.call("note:add", {"client_id": cid, "text": f"bench {cid} {at:.6f}"},
                                  timeout=ACK_TIMEOUT)
    except socketio.exceptions.TimeoutError:
        reply = "timeout"
    except Exception as error:  # noqa: BLE001  (a dropped socket is a figure too)
        reply = type(error).__name__
    recorder.ack(cid, reply)


async def pace(phones, senders, recorder, rate, seconds, tag):
    """Post `rate` notes a second for `seconds`, round-robin over the senders, on schedule."""
    tasks = []
    count = int(round(rate * seconds))
    start = time.perf_counter()
    for i in range(count):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.005:
            recorder.late_sends += 1
            recorder.max_late_ms = max(recorder.max_late_ms, -delay * 1000)
        sender, cid, at = senders[i % len(senders)], f"{tag}-{i}", time.perf_counter()
        # Registered before the task runs, so that draining never misses a note.
        recorder.note_sent(cid, at, sender, recorder.phone_tables[sender])
        tasks.append(asyncio.create_task(send_note(phones[sender], recorder, cid, at)))
    return tasks


async def drain(recorder, tasks, until):
    """Wait for the acks and deliveries still on their way, at most until `until`."""
    while time.perf_counter() < until and not recorder.settled():
        await asyncio.sleep(0.05)
    for task in tasks:
        if not task.done():
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def close_all(clients):
    """Disconnect every client, in batches."""
    clients = list(clients)
    for start in range(0, len(clients), 200):
        await asyncio.gather(*(c.disconnect() for c in clients[start:start + 200]),
                             return_exceptions=True)


async def wait_for_quiet(server, limit, threshold=0.25):
    """Wait (at most `limit` s) until other processes use under a quarter of a core.

    The machine has two cores: one for the server, one for these clients. Anything else
    running (a test suite, a build) shows up as latency, so the window starts when it is
    quiet. Returns the seconds waited.
    """
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        machine, mine, server_cpu = busy_cpu_seconds(), time.process_time(), server.cpu_seconds()
        await asyncio.sleep(2.0)
        others = (busy_cpu_seconds() - machine - (time.process_time() - mine)
                  - (server.cpu_seconds() - server_cpu)) / 2.0
        if others < threshold:
            break
    return round(time.perf_counter() - started, 1)


def start_profiler(pid, path, seconds):
    """py-spy recording the server for `seconds`; raw (collapsed stacks) for .txt paths."""
    if not shutil.which("py-spy"):
        print("py-spy not found: no profile", file=sys.stderr)
        return None
    fmt = ("raw" if path.endswith(".txt") else
           "speedscope" if path.endswith(".json") else "flamegraph")
    return subprocess.Popen(["py-spy", "record", "--pid", str(pid), "-o", path, "--format", fmt,
                             "--duration", str(int(math.ceil(seconds))), "--rate", "100"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def drive(server, plan, args, tag, profile=None):
    """Connect the fleet, post the notes, drain, and return the figures of this target."""
    stats = {"disconnects": 0, "dropped_before": 0, "counting": 0, "closing": False,
             "connect_errors": Counter(), "sync_errors": Counter()}
    recorder = Recorder({}, [])
    started = time.perf_counter()
    phones, watchers = await connect_fleet(getattr(server, "urls", [server.url]), plan,
                                           recorder, stats)
    recorder.watcher_names = list(watchers)
    connect_s = time.perf_counter() - started
    everyone = list(phones.values()) + list(watchers.values())
    sync_ms = await sync_all(everyone, stats) if plan["sync"] else []
    await asyncio.sleep(1.0 + args.settle)
    quiet_wait_s = await wait_for_quiet(server, args.quiet_wait) if args.quiet_wait else 0
    figures = await post_notes(server, phones, recorder, stats, args, tag, profile)
    figures.update(rss_mb=round(server.rss_mb(), 1), connect_s=round(connect_s, 1),
                   quiet_wait_s=quiet_wait_s)
    stats["closing"] = True
    await close_all(everyone)
    if args.trace:
        recorder.write_trace(f"{args.trace}.{tag}.csv")
    return report(recorder, stats, phones, watchers, sync_ms, figures)


async def post_notes(server, phones, recorder, stats, args, tag, profile):
    """The measured window: post on schedule, drain; returns its CPU figures and length."""
    live = [i for i in sorted(phones) if i not in recorder.departed]
    senders = live[:args.senders or len(live)]
    rate, seconds = ((args.burst / BURST_WINDOW, BURST_WINDOW) if args.burst
                     else (args.rate, args.seconds))
    profiler = start_profiler(server.process.pid, profile, seconds + 2) if profile else None
    stats["counting"] = 1
    # A full collection over thousands of clients stalls this loop for tens of ms: that
    # would be the bench's pause, not the server's, so none runs while notes flow.
    gc.collect()
    gc.freeze()
    gc.disable()
    cpu0, server_cpu0, wall0 = time.process_time(), server.cpu_seconds(), time.perf_counter()
    machine0 = busy_cpu_seconds()
    tasks = await pace(phones, senders, recorder, rate, seconds, tag)
    send_s = time.perf_counter() - wall0
    limit = recorder.first_send + (3 * BURST_DEADLINE if args.burst else seconds + DRAIN_SECONDS)
    await drain(recorder, tasks, limit)
    wall = time.perf_counter() - wall0
    client_cpu, server_cpu = time.process_time() - cpu0, server.cpu_seconds() - server_cpu0
    # Whatever else ran on the machine meanwhile competes for the same two cores.
    others_cpu = busy_cpu_seconds() - machine0 - client_cpu - server_cpu
    stats["counting"] = 0
    gc.enable()
    gc.unfreeze()
    if profiler:
        profiler.wait(timeout=seconds + 60)
    return {"client_cpu_pct": round(100 * client_cpu / wall, 1),
            "server_cpu_pct": round(100 * server_cpu / wall, 1),
            "others_cpu_pct": round(max(0.0, 100 * others_cpu / wall), 1),
            "send_s": round(send_s, 2)}


def report(recorder, stats, phones, watchers, sync_ms, figures):
    """The figures of one target as a flat dict."""
    every = recorder.phone_ms + recorder.watcher_ms
    first = recorder.first_send or 0
    return {
        "phones_connected": len(phones), "watchers": sorted(watchers),
        "connect_errors": dict(stats["connect_errors"]), "disconnects": stats["disconnects"],
        "dropped_before": stats["dropped_before"],
        "sync_p95_ms": percentile(sync_ms, 0.95), "sync_errors": dict(stats["sync_errors"]),
        "sent": len(recorder.sent), "acked": recorder.acked,
        "ack_errors": dict(recorder.ack_errors), "expected": recorder.expected,
        "delivered": recorder.delivered, "lost": recorder.expected - recorder.delivered,
        "duplicated": recorder.duplicated, "misrouted": recorder.misrouted,
        "unknown": recorder.unknown,
        "p50_ms": percentile(every, 0.50), "p95_ms": percentile(every, 0.95),
        "p99_ms": percentile(every, 0.99), "max_ms": percentile(every, 1.0),
        "board_p95_ms": percentile(recorder.watcher_ms, 0.95),
        "ack_p50_ms": percentile(recorder.ack_ms, 0.50),
        "ack_p95_ms": percentile(recorder.ack_ms, 0.95),
        "ack_p99_ms": percentile(recorder.ack_ms, 0.99),
        "last_ack_s": round(recorder.last_ack - first, 3) if recorder.last_ack else None,
        "last_delivery_s": (round(recorder.last_delivery - first, 3)
                            if recorder.last_delivery else None),
        "late_sends": recorder.late_sends, "max_late_ms": round(recorder.max_late_ms, 1),
        **figures}


# --- the run -------------------------------------------------------------------------------

def run_app(args, workdir, limits, profile=None):
    """Measure the app; returns (figures, names of the watchers that connected)."""
    server, drop = start_app(args, workdir, limits)
    try:
        started = time.perf_counter()
        seeded = seed_workshop(getattr(server, "servers", [server])[0], args.clients, args.tables)
        seed_s = time.perf_counter() - started
        plan = app_plan(server, seeded, with_console=not args.no_console)
        if args.storm:
            machine0, mine0, server0, wall0 = (busy_cpu_seconds(), time.process_time(),
                                               server.cpu_seconds(), time.perf_counter())
            figures = asyncio.run(run_storm(getattr(server, "urls", [server.url]), plan, args,
                                            server.cpu_seconds))
            wall, mine = time.perf_counter() - wall0, time.process_time() - mine0
            server_cpu = server.cpu_seconds() - server0
            figures.update(
                server_cpu_pct=round(100 * server_cpu / wall, 1),
                client_cpu_pct=round(100 * mine / wall, 1),
                others_cpu_pct=round(max(0.0, 100 * (busy_cpu_seconds() - machine0 - mine
                                                     - server_cpu) / wall), 1))
            figures["watchers"] = [name for name, _, _ in plan["watchers"]]
            figures["rss_mb"] = round(server.rss_mb(), 1)
        else:
            figures = asyncio.run(drive(server, plan, args, "app", profile))
        figures["seed_s"] = round(seed_s, 1)
        figures["processes"] = max(1, args.processes)
        errors = [line for line in server.read_log().splitlines()
                  if "Traceback" in line or "ERROR" in line]
        figures["server_errors"] = len(errors)
        return figures, figures["watchers"]
    finally:
        server.stop()
        drop()


def run_bare(args, workdir, watcher_names):
    """Measure the bare relay with the same phones, tables and watchers."""
    server = bare_server(workdir, args.relay).start()
    try:
        plan = bare_plan(args.clients, args.tables, watcher_names)
        return asyncio.run(drive(server, plan, args, "bare"))
    finally:
        server.stop()


def targets(app, bare, args):
    """Which of the load targets this run meets (None where it was not measured)."""
    if args.burst:
        ok = app["acked"] == app["sent"] and app["lost"] == 0 and app["duplicated"] == 0
        return {"burst_all_within_5s": bool(ok and (app["last_ack_s"] or 99) <= BURST_DEADLINE
                                            and (app["last_delivery_s"] or 99) <= BURST_DEADLINE)}
    met = {"zero_lost": app["lost"] == 0, "zero_duplicated": app["duplicated"] == 0,
           "p99_under_250ms": app["p99_ms"] is not None and app["p99_ms"] < 250}
    if bare and bare.get("p95_ms") and app.get("p95_ms") is not None:
        met["p95_within_1.5x_bare"] = app["p95_ms"] <= 1.5 * bare["p95_ms"]
    return met


def print_target(name, figures):
    """A few human lines for one target."""
    f = figures
    print(f"[{name}] phones {f['phones_connected']} + {', '.join(f['watchers']) or 'no watchers'}"
          f" connected in {f['connect_s']} s; errors {f['connect_errors'] or 0}, "
          f"dropped before the run {f['dropped_before']}, during it {f['disconnects']}")
    print(f"[{name}] sent {f['sent']} in {f['send_s']} s, acked {f['acked']} "
          f"{f['ack_errors'] or ''}; expected {f['expected']}, delivered {f['delivered']}, "
          f"lost {f['lost']}, duplicated {f['duplicated']}, misrouted {f['misrouted']}")
    print(f"[{name}] delivery p50/p95/p99/max {f['p50_ms']}/{f['p95_ms']}/{f['p99_ms']}/"
          f"{f['max_ms']} ms (board+console p95 {f['board_p95_ms']}); ack p50/p95/p99 "
          f"{f['ack_p50_ms']}/{f['ack_p95_ms']}/{f['ack_p99_ms']} ms; last ack "
          f"{f['last_ack_s']} s, last delivery {f['last_delivery_s']} s after the first send")
    print(f"[{name}] CPU: server {f['server_cpu_pct']} %, load client {f['client_cpu_pct']} %; "
          f"other processes {f['others_cpu_pct']} %; server RSS {f['rss_mb']} MB; "
          f"late sends {f['late_sends']} (max {f['max_late_ms']} ms)")


def summary(args, app, bare, limits):
    """The JSON line: the app's figures at the top level, the relay's as bare_*."""
    main_figures = app or bare
    line = {"clients": args.clients, "tables": args.tables, "mode": args.mode,
            "rate": args.burst / BURST_WINDOW if args.burst else args.rate,
            "seconds": BURST_WINDOW if args.burst else args.seconds, "burst": args.burst,
            "senders": args.senders or args.clients, "limits": limits or "app defaults",
            **{k: v for k, v in main_figures.items()}}
    if bare:
        line.update({f"bare_{k}": v for k, v in bare.items()
                     if k in ("p50_ms", "p95_ms", "p99_ms", "max_ms", "ack_p50_ms", "ack_p95_ms",
                              "ack_p99_ms", "lost", "duplicated", "delivered", "expected",
                              "acked", "sent", "last_ack_s", "last_delivery_s", "rss_mb",
                              "server_cpu_pct", "client_cpu_pct", "others_cpu_pct", "disconnects",
                              "dropped_before", "connect_errors")})
    if app:
        line["targets"] = targets(app, bare, args)
    return line


def parse_args(argv=None):
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=500, help="simulated phones")
    parser.add_argument("--tables", type=int, default=10)
    parser.add_argument("--rate", type=float, default=50, help="notes per second")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--mode", choices=("app", "bare", "both"), default="both")
    parser.add_argument("--burst", type=int, default=0,
                        help="post N notes over ~2 s instead of --rate for --seconds")
    parser.add_argument("--senders", type=int, default=0,
                        help="how many phones post, round-robin (default: all)")
    parser.add_argument("--notes-burst", type=int, help="NOTES_BURST for the app server")
    parser.add_argument("--notes-per-minute", type=int, help="NOTES_RATE_PER_MINUTE for the app")
    parser.add_argument("--no-console", action="store_true", help="connect no console")
    parser.add_argument("--profile", help="py-spy output of the app server while notes flow "
                        "(.svg flame graph, .txt collapsed stacks, .json speedscope)")
    parser.add_argument("--quiet-wait", type=float, default=180,
                        help="wait up to this many seconds for other processes to go quiet "
                        "before posting (0: do not wait)")
    parser.add_argument("--trace", help="write one CSV line per note to TRACE.app.csv / "
                        "TRACE.bare.csv (send time, ack, slowest delivery)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run app and bare relay N times each, interleaved (app, bare, app, "
                        "bare …), and report medians and the ratio of the medians")
    parser.add_argument("--storm", action="store_true",
                        help="every phone but two per table drops its transport at once a third "
                        "into the run and reconnects within --storm-window s (app only)")
    parser.add_argument("--storm-window", type=float, default=5.0)
    parser.add_argument("--processes", type=int, default=1,
                        help="spread the phones over N app processes behind --message-queue, "
                        "on a fresh PostgreSQL database (N > 1)")
    parser.add_argument("--message-queue", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--settle", type=float, default=0,
                        help="seconds between the last connect and the first note, as a room "
                             "waits between joining and the first round (0: post at once)")
    parser.add_argument("--relay", choices=("eventlet", "gevent"), default="eventlet",
                        help="the bare relay's server (gevent: to compare the two servers)")
    parser.add_argument("--database-url", help="the app's database for --processes: a URL, or "
                        "a server URL ending in / to create a fresh database there "
                        "(default postgresql+psycopg2://postgres@127.0.0.1/ when N > 1)")
    args = parser.parse_args(argv)
    if args.storm:
        args.mode = "app"
    if args.clients < 2 * args.tables or args.tables < 1:
        parser.error("need at least two phones per table")
    return args


MEDIAN_KEYS = ("p50_ms", "p95_ms", "p99_ms", "max_ms", "ack_p95_ms", "ack_p99_ms", "sync_p95_ms",
               "last_ack_s", "last_delivery_s", "server_cpu_pct", "client_cpu_pct",
               "others_cpu_pct", "rss_mb", "lost", "duplicated")


def median(values):
    """The median of the numbers given (None when there are none)."""
    values = sorted(v for v in values if isinstance(v, (int, float)))
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else round((values[middle - 1] + values[middle]) / 2, 2)


def medians(runs, bare_runs):
    """Medians of each figure over the repeated runs, and app/bare ratios of the medians."""
    line = {"repeat": len(runs) or len(bare_runs)}
    for key in MEDIAN_KEYS:
        line[f"median_{key}"] = median(r.get(key) for r in runs)
        line[f"bare_median_{key}"] = median(r.get(key) for r in bare_runs)
        app_m, bare_m = line[f"median_{key}"], line[f"bare_median_{key}"]
        if key.endswith("_ms") and app_m is not None and bare_m:
            line[f"ratio_{key}"] = round(app_m / bare_m, 2)
    line["runs"] = [{k: r.get(k) for k in MEDIAN_KEYS} for r in runs]
    line["bare_runs"] = [{k: r.get(k) for k in MEDIAN_KEYS} for r in bare_runs]
    return line


def print_storm(figures):
    """A few human lines for a storm run."""
    f = figures
    print(f"[storm] {f['droppers']} of {f['phones']} phones dropped at once, {f['came_back']} "
          f"back ({f['dropped_again']} phones and the watchers {f['watchers_dropped'] or 'none'} "
          f"dropped again and came back after the drain; the last "
          f"note arrived {f['settled_s']} s after the drop); "
          f"every phone synced {f['all_synced_s']} s after the drop "
          f"({f['replays']} replays, {f['snapshots']} snapshots, sync errors {f['sync_errors'] or 0})")
    print(f"[storm] sent {f['sent']} from the {f['stayers']} phones that stayed, acked "
          f"{f['acked']} {f['ack_errors'] or ''}; expected {f['expected']}, lost {f['lost']}, "
          f"duplicated {f['duplicated']}; stayers' delivery p50/p95/p99/max "
          f"{f['stayer_p50_ms']}/{f['stayer_p95_ms']}/{f['stayer_p99_ms']}/{f['stayer_max_ms']} ms")
    print(f"[storm] the server's CPU from the drop until every phone was back: "
          f"{f['storm_server_cpu_s']} s ({f['storm_server_cpu_pct']} % of a core)")
    print(f"[storm] CPU: server {f['server_cpu_pct']} %, load client {f['client_cpu_pct']} %; "
          f"other processes {f['others_cpu_pct']} %; server RSS {f['rss_mb']} MB")


def main(argv=None):
    """Measure the chosen targets and print the summary, the JSON line last."""
    args = parse_args(argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    limits = {k: v for k, v in (("NOTES_BURST", args.notes_burst),
                                ("NOTES_RATE_PER_MINUTE", args.notes_per_minute)) if v}
    if args.storm:
        # Every stayer posts many notes: lift the per-person limits out of the way.
        limits = {"NOTES_BURST": 100000, "NOTES_RATE_PER_MINUTE": 100000,
                  "EVENTS_BURST": 100000, "EVENTS_RATE_PER_MINUTE": 100000, **limits}
    apps, bares = [], []
    watcher_names = ["board"] if args.no_console else ["board", "console"]
    with tempfile.TemporaryDirectory(prefix="kahvila-load-") as workdir:
        for round_no in range(max(1, args.repeat)):
            # Interleaved, so that a noisy minute on the machine hurts both alike.
            if args.mode in ("app", "both"):
                app, watcher_names = run_app(args, Path(workdir) / f"app-{round_no}", limits,
                                             args.profile if round_no == 0 else None)
                apps.append(app)
                print_storm(app) if args.storm else print_target("app", app)
            if args.mode in ("bare", "both"):
                bare = run_bare(args, Path(workdir) / f"bare-{round_no}", watcher_names)
                bares.append(bare)
                print_target("bare", bare)
    if args.storm:
        line = {"clients": args.clients, "tables": args.tables, "rate": args.rate,
                "seconds": args.seconds, "storm_window": args.storm_window, **apps[-1]}
        line["targets"] = {"storm_all_synced_within_10s": (apps[-1]["all_synced_s"] or 99) <= 10
                           and apps[-1]["came_back"] == apps[-1]["droppers"],
                           "zero_lost": apps[-1]["lost"] == 0,
                           "zero_duplicated": apps[-1]["duplicated"] == 0}
    else:
        line = summary(args, apps[-1] if apps else None, bares[-1] if bares else None, limits)
        if args.repeat > 1:
            line.update(medians(apps, bares))
            print("medians over {} runs: app p95/p99 {}/{} ms, bare {}/{} ms, ratio {}/{}; "
                  "others_cpu_pct app {} bare {}".format(
                      args.repeat, line["median_p95_ms"], line["median_p99_ms"],
                      line["bare_median_p95_ms"], line["bare_median_p99_ms"],
                      line.get("ratio_p95_ms"), line.get("ratio_p99_ms"),
                      line["median_others_cpu_pct"], line["bare_median_others_cpu_pct"]))
    if "targets" in line:
        print("targets: " + ", ".join(f"{k} {'met' if v else 'MISSED'}"
                                      for k, v in line["targets"].items()))
    print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
