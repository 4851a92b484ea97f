// The projected board: every table with its topic, its themes and live notes; during a
// vote on themes, the themes with their dots. No controls.
import { connectLive, showStatus, format, mentions, noteElement, strings } from "./live.js";
import { countdown, showPhase } from "./phase.js";

const app = document.getElementById("app");
const container = document.getElementById("tables");
const $ = (id) => document.getElementById(id);
const timer = countdown($("timer"));
let phase = null;
let workshop = null;
let ballot = null;
const dots = new Map(); // "note:5" → count
const themes = new Map(); // id → Theme
const topics = new Map(); // id → Topic, of the tables

function renderNotice() {
  const parts = [];
  if (ballot?.open) parts.push(format(strings.vote_open, { count: ballot.dots }));
  if (workshop?.notes_hidden) parts.push(strings.concealed);
  if (workshop?.locked) parts.push(strings.locked);
  $("board-notice").hidden = parts.length === 0;
  $("board-notice").textContent = parts.join(" · ");
}

function showDots(targetType, targetId) {
  if (targetType === "theme") { renderThemes(); return; }
  if (targetType !== "note") return;
  const element = container.querySelector(`.note[data-id="${targetId}"]`);
  if (!element) return;
  const count = dots.get(`note:${targetId}`) ?? 0;
  let badge = element.querySelector(".dots");
  if (!badge) {
    badge = document.createElement("span");
    badge.className = "dots";
    element.append(badge);
  }
  badge.hidden = count === 0;
  badge.textContent = `● ${count}`;
  badge.setAttribute("aria-label", format(strings.dot_total, { count }));
}

function renderPhase(next) {
  phase = next;
  showPhase(phase, timer);
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
  const themeList = document.createElement("ul");
  themeList.className = "board-themes";
  themeList.setAttribute("aria-label", strings.themes);
  const list = document.createElement("ul");
  list.className = "notes";
  section.append(head, crystal, themeList, list);
  return section;
}

const byWeight = (a, b) => (dots.get(`theme:${b.id}`) ?? 0) - (dots.get(`theme:${a.id}`) ?? 0)
  || b.count - a.count || a.id - b.id;

/** A theme as a line: its label, its mentions and, in a vote, its dots. */
function themeItem(theme) {
  const item = document.createElement("li");
  item.className = "board-theme";
  item.dataset.themeId = theme.id;
  const label = document.createElement("span");
  label.className = "theme-label";
  label.textContent = theme.label;
  const count = document.createElement("span");
  count.className = "theme-count";
  count.textContent = mentions(theme.count);
  item.append(label, " ", count);
  const total = dots.get(`theme:${theme.id}`) ?? 0;
  if (total) {
    const badge = document.createElement("span");
    badge.className = "dots";
    badge.textContent = `● ${total}`;
    badge.setAttribute("aria-label", format(strings.dot_total, { count: total }));
    item.append(" ", badge);
  }
  return item;
}

/** Each table's own themes in its column; the vote on themes over the columns while it runs. */
function renderThemes() {
  for (const section of container.querySelectorAll(".board-table")) {
    const own = [...themes.values()].filter((t) => String(t.table_id) === section.dataset.tableId && t.count);
    section.querySelector(".board-themes").replaceChildren(...own.sort(byWeight).map(themeItem));
  }
  const voting = ballot?.scope === "themes";
  $("theme-vote").hidden = !voting;
  container.hidden = voting;
  if (voting) {
    const topic = topics.get(ballot.scope_id);
    $("theme-vote-title").textContent = topic ? format(strings.themes_of, topic) : strings.vote_on_themes;
    const inScope = [...themes.values()].filter((t) => ballot.scope_id == null || t.topic_id === ballot.scope_id);
    $("theme-vote-list").replaceChildren(...inScope.sort(byWeight).map(themeItem));
  }
  queueFit();
}

function listFor(tableId) {
  return container.querySelector(`[data-table-id="${tableId}"] .notes`);
}

function addNote(note) {
  const list = listFor(note.table_id);
  if (!list || note.hidden || note.concealed) return;
  const existing = list.querySelector(`[data-id="${note.id}"]`);
  if (existing) existing.replaceWith(noteElement(note)); else list.append(noteElement(note));
  showDots("note", note.id);
  updateCount(list);
}

function removeNote(noteId) {
  const element = container.querySelector(`.note[data-id="${noteId}"]`);
  const list = element?.parentElement;
  element?.remove();
  if (list) updateCount(list);
}

function updateCount(list) {
  queueFit();
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

/**
 * Fit every table's notes in its column: start from a size that shrinks with
 * the number of notes, then step down until nothing overflows. The board never
 * scrolls; if even the smallest size does not fit, the newest notes stay in view.
 */
function fitNotes() {
  for (const section of container.querySelectorAll(".board-table")) {
    const list = section.querySelector(".notes");
    const count = list.children.length;
    let size = Math.max(0.95, Math.min(1.6, 3.2 / Math.sqrt(Math.max(count, 1))));
    list.style.fontSize = `${size}rem`;
    list.classList.remove("clipped");
    while (list.scrollHeight > list.clientHeight + 1 && size > 0.95) {
      size = Math.max(0.95, size - 0.05);
      list.style.fontSize = `${size}rem`;
    }
    if (list.scrollHeight > list.clientHeight + 1) {
      list.classList.add("clipped");
      list.scrollTop = list.scrollHeight;
    }
  }
}

let fitQueued = false;
function queueFit() {
  if (fitQueued) return;
  fitQueued = true;
  requestAnimationFrame(() => { fitQueued = false; fitNotes(); });
}

/** Focus one table (keys 1–9, or ?table=<id>); 0 or Escape shows them all again. */
function focusTable(tableId) {
  container.classList.toggle("focused", Boolean(tableId));
  for (const section of container.querySelectorAll(".board-table")) {
    section.hidden = Boolean(tableId) && section.dataset.tableId !== String(tableId);
  }
  queueFit();
}

function render(snapshot) {
  workshop = snapshot.workshop;
  ballot = snapshot.ballot;
  themes.clear();
  (snapshot.themes ?? []).forEach((theme) => themes.set(theme.id, theme));
  snapshot.tables.forEach((table) => { if (table.topic) topics.set(table.topic.id, table.topic); });
  dots.clear();
  for (const t of snapshot.totals ?? []) dots.set(`${t.target_type}:${t.target_id}`, t.count);
  renderNotice();
  renderPhase(snapshot.phase);
  container.replaceChildren(...snapshot.tables.map(tableColumn));
  container.style.setProperty("--columns", String(Math.min(snapshot.tables.length, 6)));
  container.querySelectorAll(".notes").forEach(updateCount);
  snapshot.notes.forEach(addNote);
  renderThemes();
  focusTable(new URLSearchParams(location.search).get("table"));
}

window.addEventListener("resize", queueFit);
window.addEventListener("keydown", (event) => {
  const sections = [...container.querySelectorAll(".board-table")];
  if (event.key === "0" || event.key === "Escape") {
    // A closed vote's results stay up until the room has seen them; then back to the tables.
    if (ballot && !ballot.open) { ballot = null; renderNotice(); renderThemes(); }
    focusTable(null);
  }
  else if (/^[1-9]$/.test(event.key) && sections[Number(event.key) - 1]) {
    focusTable(sections[Number(event.key) - 1].dataset.tableId);
  }
});

const live = connectLive({
  auth: () => ({ role: "board", code: app.dataset.code, key: app.dataset.key, lang: app.dataset.lang }),
  onStatus: (state) => showStatus(document.getElementById("status"), state),
  onSnapshot: render,
  handlers: {
    "note:added": ({ note }) => addNote(note),
    "note:shown": ({ note }) => addNote(note),
    "note:hidden": ({ note_id }) => removeNote(note_id),
    "note:deleted": ({ note_id }) => removeNote(note_id),
    "note:edited": ({ note }) => { if (container.querySelector(`.note[data-id="${note.id}"]`)) addNote(note); },
    "notes:concealed": () => live.resync(),
    "board:locked": ({ locked }) => { workshop = { ...workshop, locked }; renderNotice(); },
    "ballot:opened": ({ ballot: next }) => { ballot = next; dots.clear(); live.resync(); },
    "theme:changed": ({ theme }) => { themes.set(theme.id, theme); renderThemes(); },
    "theme:deleted": ({ theme_id }) => { themes.delete(theme_id); renderThemes(); },
    "ballot:closed": ({ ballot: closed, totals }) => {
      ballot = closed;
      totals.forEach((t) => { dots.set(`${t.target_type}:${t.target_id}`, t.count); showDots(t.target_type, t.target_id); });
      renderNotice();
      renderThemes();
    },
    "votes:changed": ({ target_type, target_id, count }) => {
      dots.set(`${target_type}:${target_id}`, count);
      showDots(target_type, target_id);
    },
    "phase:changed": ({ phase: next, tables }) => { renderPhase(next); tables.forEach(updateTable); },
    "timer:changed": ({ phase: next }) => renderPhase(next),
    "message:sent": ({ text }) => renderPhase({ ...phase, message: text || null }),
    "table:updated": ({ table }) => updateTable(table),
  },
});
