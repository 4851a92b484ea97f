// The outbox: what keeps notes from being lost. A note typed on this phone waits in
// localStorage until the server acknowledges it; it is sent again after every connect,
// and the server stores a repeat of the same client id once.
import { storageKeys } from "./dom.js";

/** A random client id for a note (getRandomValues also works on a venue's plain http). */
export function newClientId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The outbox of one workshop on this device. `onChange` runs after every change (the
 * status line counts what waits); `onStored(note, item)` after the server stored a note;
 * `onRefused(error, item)` when it refused one (the note leaves the outbox either way).
 */
export function createOutbox(code, { onChange, onStored, onRefused }) {
  const key = storageKeys(code).outbox;
  const all = () => JSON.parse(localStorage.getItem(key) || "[]");
  const save = (items) => { localStorage.setItem(key, JSON.stringify(items)); onChange(); };
  let live = null;

  /** Send one waiting note; without a connection it waits for the next connect. */
  async function send(item) {
    if (!live?.socket.connected) return;
    try {
      const ack = await live.request("note:add", item);
      save(all().filter((n) => n.client_id !== item.client_id));
      if (ack.ok) onStored(ack.note, item); else onRefused(ack.error, item);
    } catch {
      // No ack in time: the note stays in the outbox and is sent again on reconnect.
    }
  }

  return {
    all,
    /** The connection to send over (set once it exists). */
    connect(connection) { live = connection; },
    /** Keep a new note and send it. */
    post(item) { save([...all(), item]); send(item); },
    /** Send every note still waiting (after each connect: replay or snapshot). */
    resend() { all().forEach(send); },
  };
}
