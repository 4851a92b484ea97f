"""The Wi-Fi drop of a whole room, for bench/load.py `--storm`.

Every phone but two per table drops its transport at the same moment (the socket
is shut down under the client, as a dropped Wi-Fi does, with no Socket.IO goodbye)
and comes back within `--storm-window` seconds (each at a random moment), sending
`sync {last_seq}` as the protocol asks; the two phones per table that stay keep
posting notes throughout. Measured: the time from the drop until the last phone has
its `sync` ack; notes lost (an acknowledged note of a phone's table that reached it
neither live nor in its replay or snapshot; a phone that never came back counts too) and
duplicated (one broadcast received twice live). A phone whose connection dies again (a
client that waited too long for the server) reconnects and syncs after the drain, as the
browser would, and is counted in `dropped_again`;
and the delivery latency of the notes at the phones and watchers that stayed.
"""
import asyncio
import random
import socket as socketlib
import time
from collections import Counter, defaultdict

import socketio

STAYERS_PER_TABLE = 2
DRAIN_SECONDS = 10.0
QUIET_SECONDS = 3.0


class Ledger:
    """What each receiver got: live broadcasts (counted), replayed or snapshot notes, latencies."""

    def __init__(self):
        self.live = defaultdict(Counter)
        self.replayed = defaultdict(set)
        self.last_seq = Counter()
        self.sent = {}  # client_id -> (send time, table, sender)
        self.stayer_ms = []
        self.stayers = set()
        self.acked = 0
        self.acked_ids = set()  # only an acknowledged note is owed to everyone
        self.ack_errors = Counter()
        self.sync_errors = Counter()
        self.snapshots = self.replays = 0
        self.last_delivery = time.perf_counter()

    def handler(self, receiver):
        """The `note:added` handler of one receiver (survives its reconnects)."""
        def on_note_added(data):
            now = time.perf_counter()
            note = data.get("note") or {}
            cid = note.get("client_id")
            self.last_seq[receiver] = max(self.last_seq[receiver], data.get("seq", 0))
            if cid not in self.sent:
                return
            self.live[receiver][cid] += 1
            self.last_delivery = now
            if (receiver in self.stayers and receiver != self.sent[cid][2]
                    and self.live[receiver][cid] == 1):
                self.stayer_ms.append((now - self.sent[cid][0]) * 1000)
        return on_note_added

    def synced(self, receiver, reply):
        """Take the notes a `sync` ack brought (a replay or a snapshot)."""
        if not (isinstance(reply, dict) and reply.get("ok")):
            self.sync_errors[str(reply)[:60]] += 1
            return False
        self.last_seq[receiver] = max(self.last_seq[receiver], reply["seq"])
        if "snapshot" in reply:
            self.snapshots += 1
            notes = reply["snapshot"]["notes"]
        else:
            self.replays += 1
            notes = [e["data"]["note"] for e in reply["events"] if e["name"] == "note:added"]
        self.replayed[receiver] |= {n["client_id"] for n in notes}
        return True

    def counts(self, tables_of):
        """(expected, lost, duplicated) over every receiver; tables_of(receiver) -> tables it sees."""
        expected = lost = duplicated = 0
        for receiver, tables in tables_of.items():
            due = {cid for cid, (_, table, _) in self.sent.items()
                   if table in tables and cid in self.acked_ids}
            expected += len(due)
            got = set(self.live[receiver]) | self.replayed[receiver]
            lost += len(due - got)
            duplicated += sum(n - 1 for n in self.live[receiver].values() if n > 1)
        return expected, lost, duplicated


async def connect(url, auth, cookie, ledger, receiver):
    """One websocket client whose notes go to the ledger; None when refused."""
    options = {"websocket_extra_options": {"headers": {"Cookie": cookie}}} if cookie else {}
    client = socketio.AsyncClient(reconnection=False, **options)
    client.on("note:added", ledger.handler(receiver))
    try:
        await client.connect(url, auth=auth, transports=["websocket"], wait_timeout=30)
    except Exception:  # noqa: BLE001  (counted by the caller)
        return None
    return client


async def sync(client, ledger, receiver, last_seq=None):
    """Send `sync {last_seq}` and take what the ack brings; True when it came.

    A phone that comes back asks from the last number it saw *before* it reconnected, as the
    browser does: python-socketio may hand on broadcasts that came right after the connect
    before the caller runs again, and asking from those would skip what was missed.
    """
    since = ledger.last_seq[receiver] if last_seq is None else last_seq
    try:
        reply = await client.call("sync", {"last_seq": since}, timeout=60)
    except Exception as error:  # noqa: BLE001
        reply = type(error).__name__
    return ledger.synced(receiver, reply)


def cut(client):
    """Shut the socket down under the client: the server sees the connection die."""
    sock = client.eio.ws.get_extra_info("socket") if client.eio.ws else None
    if sock is not None:
        sock.shutdown(socketlib.SHUT_RDWR)


async def post(client, ledger, cid):
    """Post one note from a phone that stayed; count its ack."""
    try:
        reply = await client.call("note:add", {"client_id": cid, "text": f"myrsky {cid}"},
                                  timeout=15)
    except Exception as error:  # noqa: BLE001
        reply = type(error).__name__
    if isinstance(reply, dict) and reply.get("ok"):
        ledger.acked += 1
        ledger.acked_ids.add(cid)
    else:
        ledger.ack_errors[str(reply.get("error", {}).get("code") if isinstance(reply, dict)
                              else reply)] += 1


async def run_storm(urls, plan, args, server_cpu=lambda: 0.0):
    """Connect, post from the stayers, drop and bring back everyone else; return the figures.

    `server_cpu()` is the server's CPU seconds so far: what the storm cost it is read from
    the drop until the last phone is back.
    """
    ledger, phones, tables = Ledger(), {}, {}
    entries = list(enumerate(plan["phones"]))
    for start in range(0, len(entries), 100):
        batch = entries[start:start + 100]
        made = await asyncio.gather(*(connect(urls[i % len(urls)], auth, None, ledger, i)
                                      for i, (auth, _) in batch))
        for (i, (_, table)), client in zip(batch, made):
            if client is not None:
                phones[i], tables[i] = client, table
    watchers = {}
    for name, auth, cookie in plan["watchers"]:
        client = await connect(urls[0], auth, cookie, ledger, name)
        if client is not None:
            watchers[name] = client
    everyone = {**phones, **watchers}
    if plan["sync"]:
        for start in range(0, len(everyone), 100):
            keys = list(everyone)[start:start + 100]
            await asyncio.gather(*(sync(everyone[k], ledger, k) for k in keys))
    by_table = defaultdict(list)
    for i in sorted(phones):
        by_table[tables[i]].append(i)
    stayers = [i for members in by_table.values() for i in members[:STAYERS_PER_TABLE]]
    ledger.stayers = set(stayers) | set(watchers)
    droppers = [i for i in phones if i not in ledger.stayers]
    await asyncio.sleep(1.0)

    posting = asyncio.create_task(_pace(phones, stayers, tables, ledger, args))
    await asyncio.sleep(args.seconds / 3)
    dropped_at, cpu_at_drop = time.perf_counter(), server_cpu()
    for i in droppers:
        cut(phones[i])
    synced_at = await asyncio.gather(*(
        _come_back(urls[i % len(urls)], plan["phones"][i][0], None, ledger, i, phones,
                   args.storm_window) for i in droppers))
    storm_cpu_s, storm_wall_s = server_cpu() - cpu_at_drop, time.perf_counter() - dropped_at
    tasks = await posting
    deadline = time.perf_counter() + DRAIN_SECONDS
    while time.perf_counter() < deadline and any(not t.done() for t in tasks):
        await asyncio.sleep(0.1)
    # Broadcasts still on their way: a server that fell behind sends the acks it owes and the
    # broadcasts behind them for a while yet; counted once nothing has come for a while.
    await _quiet(ledger)
    # A screen whose connection died in the worst of it (its client waited too long for the
    # server's ping) reconnects and syncs once more, as the browser does; one still
    # connected gets no extra sync: what it got live and from its one sync after coming
    # back must be everything.
    again = [i for i in phones if phones[i] is None or not phones[i].connected]
    await asyncio.gather(*(_come_back(urls[i % len(urls)], plan["phones"][i][0], None, ledger,
                                      i, phones, 0) for i in again))
    logins = {name: (auth, cookie) for name, auth, cookie in plan["watchers"]}
    watchers_again = [name for name, client in watchers.items() if not client.connected]
    await asyncio.gather(*(_come_back(urls[0], *logins[name], ledger, name, watchers, 0)
                           for name in watchers_again))
    last_note = await _quiet(ledger)
    settled_s = round(last_note - dropped_at, 1) if last_note > dropped_at else None
    sees = {i: {tables[i]} for i in phones}
    sees.update({name: set(tables.values()) for name in watchers})
    expected, lost, duplicated = ledger.counts(sees)
    back = [t for t in synced_at if t is not None]
    await asyncio.gather(*(c.disconnect() for c in list(phones.values()) + list(watchers.values())
                           if c is not None), return_exceptions=True)
    return {"phones": len(phones), "droppers": len(droppers), "stayers": len(stayers),
            "came_back": len(back), "dropped_again": len(again),
            "watchers_dropped": watchers_again, "settled_s": settled_s,
            "all_synced_s": round(max(back) - dropped_at, 2) if back else None,
            "storm_server_cpu_s": round(storm_cpu_s, 1),
            "storm_server_cpu_pct": round(100 * storm_cpu_s / storm_wall_s, 1),
            "sent": len(ledger.sent), "acked": ledger.acked, "ack_errors": dict(ledger.ack_errors),
            "sync_errors": dict(ledger.sync_errors), "replays": ledger.replays,
            "snapshots": ledger.snapshots, "expected": expected, "lost": lost,
            "duplicated": duplicated, **_latency(ledger.stayer_ms)}


async def _pace(phones, stayers, tables, ledger, args):
    """Post `rate` notes a second for `seconds` round-robin from the stayers; returns the tasks."""
    tasks, start = [], time.perf_counter()
    for n in range(int(args.rate * args.seconds)):
        delay = start + n / args.rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        sender = stayers[n % len(stayers)]
        cid = f"storm-{n}"
        ledger.sent[cid] = (time.perf_counter(), tables[sender], sender)
        tasks.append(asyncio.create_task(post(phones[sender], ledger, cid)))
    return tasks


async def _come_back(url, auth, cookie, ledger, receiver, clients, window):
    """After a random moment within the window, reconnect and sync; the time of the ack."""
    old = clients[receiver]
    await asyncio.sleep(random.uniform(0, window))
    try:
        await old.disconnect()
    except Exception:  # noqa: BLE001  (the transport is dead already)
        pass
    for _attempt in range(5):
        since = ledger.last_seq[receiver]
        client = await connect(url, auth, cookie, ledger, receiver)
        if client is not None and await sync(client, ledger, receiver, since):
            clients[receiver] = client
            return time.perf_counter()
        await asyncio.sleep(1.0)
    clients[receiver] = None
    return None


async def _quiet(ledger, quiet_s=QUIET_SECONDS, limit_s=60.0):
    """Wait until no note has arrived anywhere for `quiet_s` (at most `limit_s`); the time."""
    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline and time.perf_counter() - ledger.last_delivery < quiet_s:
        await asyncio.sleep(0.2)
    return ledger.last_delivery


def _latency(values):
    """p50/p95/p99/max of the stayers' deliveries in ms."""
    if not values:
        return {"stayer_p50_ms": None, "stayer_p95_ms": None, "stayer_p99_ms": None,
                "stayer_max_ms": None}
    ordered = sorted(values)
    pick = lambda share: round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)  # noqa: E731
    return {"stayer_p50_ms": pick(0.5), "stayer_p95_ms": pick(0.95), "stayer_p99_ms": pick(0.99),
            "stayer_max_ms": round(ordered[-1], 1)}
