// The projected board: every table with its topic and live notes. No controls.
import { connectLive, showStatus, format, noteElement, strings } from "./live.js";
import { countdown, phaseLabel } from "./phase.js";

const app = document.getElementById("app");
const container = document.getElementById("tables");
const $ = (id) => document.getElementById(id);
const timer = countdown($("timer"));
let phase = null;

function renderPhase(next) {
  phase = next;
  $("phase-label").textContent = phaseLabel(phase);
  timer.set(phase);
  $("message").hidden = !phase.message;
  $("message").textContent = phase.message ?? "";
  $("move-banner").hidden = phase.state !== "break";
}

function tableColumn(table) {
  const section = document.createElement("section");
  section.className = `board-table${table.remote ? " remote" : ""}`;
  section.dataset.tableId = table.id;
  const head = document.createElement("header");
  const name = document.createElement("h2");
  name.textContent = table.name;
  if (table.remote) {
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.textContent = strings.remote;
    name.append(" ", tag);
  }
  const topic = document.createElement("p");
  topic.className = "topic";
  topic.textContent = table.topic?.title ?? "";
  const count = document.createElement("p");
  count.className = "count";
  head.append(name, topic, count);
  const crystal = document.createElement("p");
  crystal.className = "crystal";
  crystal.hidden = !table.crystallisation;
  crystal.textContent = table.crystallisation;
  const list = document.createElement("ul");
  list.className = "notes";
  section.append(head, crystal, list);
  return section;
}

function listFor(tableId) {
  return container.querySelector(`[data-table-id="${tableId}"] .notes`);
}

function addNote(note) {
  const list = listFor(note.table_id);
  if (!list || note.hidden || list.querySelector(`[data-id="${note.id}"]`)) return;
  list.append(noteElement(note));
  updateCount(list);
}

function removeNote(noteId) {
  const element = container.querySelector(`.note[data-id="${noteId}"]`);
  const list = element?.parentElement;
  element?.remove();
  if (list) updateCount(list);
}

function updateCount(list) {
  list.parentElement.querySelector(".count").textContent =
    format(strings.notes_count, { count: list.children.length });
}

function updateTable(table) {
  const section = container.querySelector(`[data-table-id="${table.id}"]`);
  if (!section) return;
  section.querySelector(".topic").textContent = table.topic?.title ?? "";
  const crystal = section.querySelector(".crystal");
  crystal.hidden = !table.crystallisation;
  crystal.textContent = table.crystallisation;
}

function render(snapshot) {
  renderPhase(snapshot.phase);
  container.replaceChildren(...snapshot.tables.map(tableColumn));
  container.style.setProperty("--columns", String(Math.min(snapshot.tables.length, 6)));
  container.querySelectorAll(".notes").forEach(updateCount);
  snapshot.notes.forEach(addNote);
}

connectLive({
  auth: () => ({ role: "board", code: app.dataset.code, key: app.dataset.key, lang: app.dataset.lang }),
  onStatus: (state) => showStatus(document.getElementById("status"), state),
  onSnapshot: render,
  handlers: {
    "note:added": ({ note }) => addNote(note),
    "note:shown": ({ note }) => addNote(note),
    "note:hidden": ({ note_id }) => removeNote(note_id),
    "phase:changed": ({ phase: next, tables }) => { renderPhase(next); tables.forEach(updateTable); },
    "timer:changed": ({ phase: next }) => renderPhase(next),
    "message:sent": ({ text }) => renderPhase({ ...phase, message: text || null }),
    "table:updated": ({ table }) => updateTable(table),
  },
});
