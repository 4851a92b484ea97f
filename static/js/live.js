// The live connection shared by phone, board and console: connect with an
// auth payload, ask for a snapshot after every (re)connect, apply broadcasts,
// and show the connection state in words.
import { io } from "../vendor/socket.io.esm.min.js";

export const strings = JSON.parse(document.getElementById("strings").textContent);

/** Fill %(name)s placeholders in a translated string. */
export function format(template, values = {}) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

/** Open the socket; `onSnapshot(snapshot, seq)` runs after every (re)connect. */
export function connectLive({ auth, onSnapshot, handlers = {}, onRefused, statusEl }) {
  let lastSeq = 0;
  const socket = io({ auth: (cb) => cb({ ...auth(), last_seq: lastSeq }) });
  const setStatus = (state) => {
    if (!statusEl) return;
    statusEl.dataset.state = state;
    statusEl.textContent = strings[state] ?? state;
  };
  socket.on("connect", async () => {
    try {
      const ack = await socket.timeout(15000).emitWithAck("sync", { last_seq: lastSeq });
      if (!ack.ok) return onRefused?.(ack.error);
      lastSeq = Math.max(lastSeq, ack.seq);
      setStatus("connected");
      onSnapshot(ack.snapshot, ack.seq);
    } catch {
      socket.disconnect().connect(); // no answer: start over
    }
  });
  socket.on("connect_error", (err) => {
    if (err?.data?.code) {
      setStatus("offline");
      onRefused?.(err.data);
    } else {
      setStatus(navigator.onLine === false ? "offline" : "reconnecting");
    }
  });
  socket.on("disconnect", () => setStatus(navigator.onLine === false ? "offline" : "reconnecting"));
  for (const [name, handler] of Object.entries(handlers)) {
    socket.on(name, (payload) => {
      if (typeof payload?.seq === "number") lastSeq = Math.max(lastSeq, payload.seq);
      handler(payload);
    });
  }
  return { socket, setStatus, request: (event, data, ms = 10000) =>
    socket.timeout(ms).emitWithAck(event, data) };
}

/** A sticky note as a list item; text only via textContent, never as HTML. */
export function noteElement(note, { mine = false } = {}) {
  const li = document.createElement("li");
  li.className = `note kind-${note.kind ?? "note"}`;
  li.dataset.id = note.id ?? "";
  li.dataset.clientId = note.client_id ?? "";
  const p = document.createElement("p");
  p.className = "note-text";
  p.textContent = note.text;
  li.append(p);
  if (mine) {
    const tag = document.createElement("span");
    tag.className = "note-meta";
    tag.textContent = strings.mine;
    li.append(tag);
  }
  return li;
}
