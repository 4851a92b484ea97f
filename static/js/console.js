// The facilitator's console: people and presence, every note live, hide/show.
import { connectLive, showStatus, noteElement, strings } from "./live.js";

const app = document.getElementById("app");
const $ = (id) => document.getElementById(id);
const people = new Map();
let tables = [];
let live = null;

function renderPeople() {
  const list = [...people.values()];
  const online = list.filter((p) => p.online);
  $("people-count").textContent = `(${list.length})`;
  $("presence-summary").textContent = `${strings.online}: ${online.length} · ` +
    `${strings.in_room}: ${online.filter((p) => !p.remote).length} · ` +
    `${strings.remote}: ${online.filter((p) => p.remote).length}`;
  $("participants").replaceChildren(...list.map((p) => {
    const li = document.createElement("li");
    li.dataset.participantId = p.id;
    li.className = p.online ? "online" : "away";
    const table = tables.find((t) => t.id === p.table_id);
    const name = document.createElement("strong");
    name.textContent = p.name;
    const details = document.createElement("span");
    details.className = "quiet";
    details.textContent = [p.organisation, table?.name ?? strings.no_table,
      p.remote ? strings.remote : strings.in_room,
      p.online ? strings.online : strings.offline_person].filter(Boolean).join(" · ");
    li.append(name, " ", details);
    return li;
  }));
}

function renderTables() {
  $("tables").replaceChildren(...tables.map((t) => {
    const section = document.createElement("section");
    section.className = "console-table";
    section.dataset.tableId = t.id;
    const h3 = document.createElement("h3");
    h3.textContent = t.topic ? `${t.name} – ${t.topic.title}` : t.name;
    const list = document.createElement("ul");
    list.className = "notes";
    section.append(h3, list);
    return section;
  }));
}

function hideButton(note) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "small";
  button.textContent = note.hidden ? strings.show : strings.hide;
  button.setAttribute("aria-pressed", String(note.hidden));
  button.addEventListener("click", async () => {
    const ack = await live.request("note:hide", { note_id: note.id, hidden: !note.hidden });
    if (ack.ok) upsertNote(ack.note);
  });
  return button;
}

function upsertNote(note) {
  const list = $("tables").querySelector(`[data-table-id="${note.table_id}"] .notes`);
  if (!list) return;
  const element = noteElement(note);
  element.classList.toggle("is-hidden", note.hidden);
  if (note.hidden) {
    const tag = document.createElement("span");
    tag.className = "note-meta";
    tag.textContent = strings.hidden;
    element.append(tag);
  }
  const author = people.get(note.author_id);
  if (author) {
    const by = document.createElement("span");
    by.className = "note-meta";
    by.textContent = author.name;
    element.append(by);
  }
  element.append(hideButton(note));
  element._note = note;
  const existing = list.querySelector(`[data-id="${note.id}"]`);
  if (existing) existing.replaceWith(element); else list.append(element);
}

function setHidden(noteId, hidden) {
  const element = $("tables").querySelector(`.note[data-id="${noteId}"]`);
  if (element) upsertNote({ ...element._note, hidden });
}

function render(snapshot) {
  tables = snapshot.tables;
  people.clear();
  snapshot.participants.forEach((p) => people.set(p.id, p));
  renderTables();
  renderPeople();
  snapshot.notes.forEach(upsertNote);
}

live = connectLive({
  auth: () => ({ role: "console", workshop_id: Number(app.dataset.workshopId), lang: app.dataset.lang }),
  onStatus: (state) => showStatus($("status"), state),
  onSnapshot: render,
  handlers: {
    "note:added": ({ note }) => upsertNote(note),
    "note:shown": ({ note }) => upsertNote(note),
    "note:hidden": ({ note_id }) => setHidden(note_id, true),
    "participant:joined": ({ participant }) => { people.set(participant.id, participant); renderPeople(); },
    "participant:moved": ({ participant }) => { people.set(participant.id, participant); renderPeople(); },
    "presence:changed": ({ participant_id, online }) => {
      const p = people.get(participant_id);
      if (p) { p.online = online; renderPeople(); }
    },
  },
});
