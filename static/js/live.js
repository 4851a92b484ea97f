// The live connection shared by phone, board and console: connect with an
// auth payload, ask for a snapshot after every (re)connect, apply broadcasts,
// and show the connection state in words.
import { io } from "../vendor/socket.io.esm.min.js";

export const strings = JSON.parse(document.getElementById("strings").textContent);

/** Fill %(name)s placeholders in a translated string. */
export function format(template, values = {}) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));
}

/**
 * Open the socket. After every (re)connect the server answers `sync` with
 * either the events missed since the last sequence number (applied in order
 * through `handlers`) or a full snapshot (`onSnapshot`).
 */
/** "1 mention" or "N mentions", in the page's language. */
export function mentions(count) {
  return count === 1 ? strings.mention_one : format(strings.mention_many, { count });
}

export function connectLive({ auth, onSnapshot, handlers = {}, onRefused, onStatus }) {
  let lastSeq = 0;
  let state = "connecting";
  // Websocket first: a websocket stays on the process it reached, so several processes
  // need no sticky sessions. Long-polling is tried only when the websocket fails (a proxy
  // that blocks it), on each attempt anew.
  const socket = io({
    auth: (cb) => cb(auth()), transports: ["websocket", "polling"], tryAllTransports: true,
  });
  const setStatus = (next) => { state = next; onStatus?.(next); };
  const apply = (name, payload) => {
    if (typeof payload?.seq === "number") lastSeq = Math.max(lastSeq, payload.seq);
    handlers[name]?.(payload);
  };
  socket.on("connect", async () => {
    try {
      const ack = await socket.timeout(15000).emitWithAck("sync", { last_seq: lastSeq });
      if (!ack.ok) return onRefused?.(ack.error);
      if (ack.snapshot) onSnapshot(ack.snapshot, ack.seq);
      else ack.events.forEach(({ name, data }) => apply(name, data));
      lastSeq = Math.max(lastSeq, ack.seq);
      setStatus("connected");
    } catch {
      socket.disconnect().connect(); // no answer: start over
    }
  });
  socket.on("connect_error", (err) => {
    if (err?.data?.code) onRefused?.(err.data);
    setStatus(navigator.onLine === false ? "offline" : "reconnecting");
  });
  socket.on("disconnect", () => setStatus(navigator.onLine === false ? "offline" : "reconnecting"));
  for (const name of Object.keys(handlers)) socket.on(name, (payload) => apply(name, payload));
  // The browser knows first when the network comes back: reconnect at once.
  window.addEventListener("online", () => { if (!socket.connected) socket.connect(); });
  window.addEventListener("offline", () => setStatus("offline"));
  /** Ask for a full snapshot now (after a phase change moved seats and rooms). */
  const resync = async () => {
    const ack = await socket.timeout(15000).emitWithAck("sync", { last_seq: 0 });
    if (ack.ok) { lastSeq = Math.max(lastSeq, ack.seq); onSnapshot(ack.snapshot, ack.seq); }
  };
  return {
    socket,
    resync,
    get state() { return state; },
    request: (event, data, ms = 10000) => socket.timeout(ms).emitWithAck(event, data),
  };
}

/** Show a connection state in words on a status element. */
export function showStatus(element, state, extra = "") {
  element.dataset.state = state;
  element.textContent = (strings[state] ?? state) + (extra ? ` · ${extra}` : "");
}

/** A date (YYYY-MM-DD) as the server writes it (facilitation/dates.py): 31.12.2026 in
 * Finnish and Swedish, 31 December 2026 in English. */
export function shortDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  if (document.documentElement.lang !== "en") return `${d}.${m}.${y}`;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric",
    timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

/** A small labelled tag; the kind is said in words, never by colour alone. */
export function tag(text, className = "note-meta") {
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  return span;
}

const VOWELS = "aeiouyåäöAEIOUYÅÄÖ";
const LETTERS = /^[a-zA-ZåäöÅÄÖéü]+$/;

/**
 * Soft hyphens in long words, where Finnish (and, near enough, Swedish) splits syllables:
 * before a consonant that a vowel follows ("Työl-li-syys-pal-ve-lui-den"). `hyphens: auto`
 * does this where the browser has a dictionary; many phones' browsers have none and
 * would break "Työllisyyspalveluide/n" anywhere, without a hyphen.
 */
export function hyphenate(text, lang = document.documentElement.lang) {
  if (lang !== "fi" && lang !== "sv") return text;
  return text.replace(/\S{10,}/g, (word) => {
    if (!LETTERS.test(word)) return word;
    let out = word[0];
    for (let i = 1; i < word.length; i++) {
      const split = i >= 2 && i <= word.length - 2 && !VOWELS.includes(word[i]) && VOWELS.includes(word[i + 1]);
      out += (split ? "\u00ad" : "") + word[i];
    }
    return out;
  });
}

/**
 * Where a long word would break inside (or run out of) its line, give the text soft hyphens,
 * so that it breaks at a syllable and shows a hyphen; text that fits is left as it is.
 */
export function softenLongWords(element) {
  const node = element.firstChild;
  if (node?.nodeType !== Node.TEXT_NODE || node.textContent.includes("\u00ad")) return;
  const width = element.clientWidth;
  for (const match of node.textContent.matchAll(/\S{10,}/g)) {
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    if (range.getClientRects().length > 1 || range.getBoundingClientRect().width > width) {
      element.textContent = hyphenate(node.textContent);
      return;
    }
  }
}

/** A sticky note as a list item; text only via textContent, never as HTML. */
export function noteElement(note, { mine = false } = {}) {
  const li = document.createElement("li");
  li.className = `note kind-${note.kind ?? "note"}`;
  li.dataset.id = note.id ?? "";
  li.dataset.clientId = note.client_id ?? "";
  if (note.kind && note.kind !== "note") {
    const kind = tag(strings[`kind_${note.kind}`], "note-kind");
    if (note.owner) kind.append(` · ${note.owner}`);
    if (note.due) kind.append(` · ${shortDate(note.due)}`);
    li.append(kind);
  }
  const p = document.createElement("p");
  p.className = "note-text";
  p.textContent = note.text;
  li.append(p);
  if (mine) li.append(tag(strings.mine));
  return li;
}
