// "Onko tämä sama ajatus?" While a person types (debounced) and once their note is posted,
// the phone shows up to three notes of the topic most like it; one tap links the new note
// to one of them as another mention of the same idea, with undo. It never blocks posting
// and shows nothing offline or when nothing is alike (the server decides what is alike).
import { el } from "./dom.js";
import { format, strings } from "./live.js";

const DEBOUNCE_MS = 700;
const MIN_DRAFT = 6;
let getLive = () => null;
let panel = null;
let timer = null;
let asked = 0; // only the latest question's answer is shown
let chosen = null; // a note picked while typing: linked as soon as the new note is stored

const online = () => Boolean(getLive()?.socket.connected);

/** Wire the panel (templates/participant.html #same-idea) to the phone's connection. */
export function setupSameIdea(liveOf) {
  getLive = liveOf;
  panel = document.getElementById("same-idea");
}

/** The draft changed: ask again after a pause in typing. */
export function draftChanged(text) {
  clearTimeout(timer);
  chosen = null;
  if (text.trim().length < MIN_DRAFT) { hide(); return; }
  timer = setTimeout(() => ask({ text }, null), DEBOUNCE_MS);
}

/** A note of this phone was stored: link it to what was picked, or offer what is alike. */
export function noteStored(note) {
  clearTimeout(timer);
  if (chosen) { const target = chosen; chosen = null; link(note, target); return; }
  ask({ note_id: note.id }, note);
}

async function ask(data, note) {
  if (!panel || !online()) { hide(); return; }
  const mine = ++asked;
  const ack = await getLive().request("note:similar", data).catch(() => null);
  if (mine !== asked) return;
  const found = ack?.ok ? ack.notes.filter((other) => other.id !== note?.id) : [];
  if (!found.length) { hide(); return; }
  show(strings.same_idea_question, found.map((other) => choice(other, note)));
}

function choice(other, note) {
  const pick = () => {
    if (note) { link(note, other); return; }
    chosen = other; // the note is not stored yet: link it once it is
    show(format(strings.same_idea_chosen, { text: other.text }), []);
  };
  return el("li", {}, [
    el("span", { className: "same-idea-text", textContent: other.text }), " ",
    el("button", { type: "button", className: "small", textContent: strings.same_idea_link,
      attrs: { "aria-label": format(strings.same_idea_link_to, { text: other.text }) },
      on: { click: pick } }),
  ]);
}

async function link(note, target) {
  if (!online()) { hide(); return; }
  const ack = await getLive().request("note:link", { note_id: note.id, target_id: target.id })
    .catch(() => null);
  if (!ack?.ok) { show(ack?.error?.message ?? strings.reconnecting, []); return; }
  const undo = el("button", { type: "button", className: "small", textContent: strings.same_idea_undo,
    on: { click: async () => {
      const back = await getLive()?.request("note:unlink", { note_id: note.id }).catch(() => null);
      if (back?.ok) show(strings.same_idea_unlinked, []); else hide();
    } } });
  show(format(strings.same_idea_linked, { text: target.text }), [], undo);
}

function show(question, items, extra = null) {
  const heading = document.createElement("p");
  heading.className = "same-idea-question";
  heading.textContent = question;
  const list = document.createElement("ul");
  list.className = "same-idea-list";
  list.append(...items);
  const close = document.createElement("button");
  close.type = "button";
  close.className = "small link-like";
  close.textContent = strings.same_idea_close;
  close.addEventListener("click", () => { chosen = null; hide(); });
  panel.replaceChildren(heading, ...(items.length ? [list] : []), ...(extra ? [extra] : []), close);
  panel.hidden = false;
}

function hide() {
  if (!panel) return;
  panel.hidden = true;
  panel.replaceChildren();
}
