// The projected board: every table with its topic, its themes and live notes; during a
// vote on themes, the themes with their dots. No controls.
import { $ } from "./dom.js";
import { connectLive, showStatus, format, noteElement, strings } from "./live.js";
import { countdown, showPhase } from "./phase.js";
import { watchFit } from "./board_fit.js";
import { dotBadge, renderNoteResults, renderThemeVote, themeItem } from "./board_results.js";

const app = document.getElementById("app");
const container = document.getElementById("tables");
const timer = countdown($("timer"));
let phase = null;
let workshop = null;
let ballot = null;
let totals = []; // of the closed vote whose results are up
let feedbackCount = 0;
const dots = new Map(); // "note:5" → count
const themes = new Map(); // id → Theme
const topics = new Map(); // id → Topic, of the tables
const notes = new Map(); // id → Note, for the results of a vote on notes
const tableById = new Map(); // id → Table
const queueFit = watchFit(container);

function renderNotice() {
  const parts = [];
  if (ballot?.open) parts.push(format(strings.vote_open, { count: ballot.dots }));
  if (workshop?.notes_hidden) parts.push(strings.concealed);
  if (workshop?.locked) parts.push(strings.locked);
  if (workshop?.joining_locked && !["feedback", "closed"].includes(phase?.state)) parts.push(strings.joining_locked);
  $("board-notice").hidden = parts.length === 0;
  $("board-notice").textContent = parts.join(" · ");
}

function showDots(targetType, targetId) {
  if (targetType === "theme") { renderThemes(); return; }
  if (targetType !== "note") return;
  const element = container.querySelector(`.note[data-id="${targetId}"]`);
  if (!element) return;
  const count = dots.get(`note:${targetId}`) ?? 0;
  element.querySelector(".dots")?.remove();
  if (count) element.append(dotBadge(count));
  queueFit();
}

function renderPhase(next) {
  const before = phase?.state;
  phase = next;
  showPhase(phase, timer);
  $("move-banner").hidden = phase.state !== "break";
  renderJoinBox();
  renderNotice();
  $("feedback-box").hidden = phase.state !== "feedback";
  $("closed-box").hidden = phase.state !== "closed";
  renderFeedbackCount();
  queueFit();
  return before !== undefined && before !== phase.state;
}

function renderJoinBox() {
  // Joining is over once the workshop ends or the facilitator locks it: no code on the
  // wall then. In the feedback phase the room is asked for feedback instead.
  $("join-box").hidden = ["feedback", "closed"].includes(phase?.state) || Boolean(workshop?.joining_locked);
}

function renderFeedbackCount() {
  $("feedback-count").textContent = format(strings.feedback_count, { count: feedbackCount });
}

function renderNextMeeting(text) {
  $("next-meeting").hidden = !text;
  $("next-meeting").textContent = text ? format(strings.next_meeting, { text }) : "";
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

/** Each table's own themes in its column; the vote on themes over the columns while it runs. */
function renderThemes() {
  for (const section of container.querySelectorAll(".board-table")) {
    const own = [...themes.values()].filter((t) => String(t.table_id) === section.dataset.tableId && t.count);
    section.querySelector(".board-themes").replaceChildren(...own.sort(byWeight).map((t) => themeItem(t, dots)));
  }
  const voting = renderThemeVote(ballot, themes, topics, dots, byWeight);
  const results = renderNoteResults(ballot, totals, notes, tableById);
  container.hidden = voting || results;
  queueFit();
}

function listFor(tableId) {
  return container.querySelector(`[data-table-id="${tableId}"] .notes`);
}

function addNote(note) {
  const list = listFor(note.table_id);
  if (!list || note.hidden || note.concealed) return;
  notes.set(note.id, note);
  const existing = list.querySelector(`[data-id="${note.id}"]`);
  if (existing) existing.replaceWith(noteElement(note)); else list.append(noteElement(note));
  showDots("note", note.id);
  updateCount(list);
}

function removeNote(noteId) {
  notes.delete(noteId);
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
  tableById.set(table.id, table);
  const section = container.querySelector(`[data-table-id="${table.id}"]`);
  if (!section) return;
  section.querySelector(".topic").textContent = table.topic?.title ?? "";
  const crystal = section.querySelector(".crystal");
  crystal.hidden = !table.crystallisation;
  crystal.textContent = table.crystallisation;
  queueFit();
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
  totals = [];
  feedbackCount = snapshot.feedback_count ?? 0;
  renderNextMeeting(snapshot.next_meeting);
  notes.clear();
  tableById.clear();
  snapshot.tables.forEach((table) => tableById.set(table.id, table));
  themes.clear();
  (snapshot.themes ?? []).forEach((theme) => themes.set(theme.id, theme));
  snapshot.tables.forEach((table) => { if (table.topic) topics.set(table.topic.id, table.topic); });
  dots.clear();
  for (const t of snapshot.totals ?? []) dots.set(`${t.target_type}:${t.target_id}`, t.count);
  renderNotice();
  renderPhase(snapshot.phase);
  container.replaceChildren(...snapshot.tables.map(tableColumn));
  // Up to four tables side by side; more in rows of wide tables, whose topic, crystallisation
  // and themes take fewer lines, so that their notes keep their size and long words keep whole.
  const count = snapshot.tables.length;
  container.style.setProperty("--columns", String(count <= 4 ? count : Math.ceil(count / 3)));
  container.querySelectorAll(".notes").forEach(updateCount);
  snapshot.notes.forEach(addNote);
  renderThemes();
  focusTable(new URLSearchParams(location.search).get("table"));
}

window.addEventListener("keydown", (event) => {
  const sections = [...container.querySelectorAll(".board-table")];
  if (event.key === "0" || event.key === "Escape") {
    // A closed vote's results stay up until the room has seen them; then back to the tables.
    if (ballot && !ballot.open) { ballot = null; totals = []; dots.clear();
      container.querySelectorAll(".note .dots").forEach((badge) => badge.remove());
      renderNotice(); renderThemes(); }
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
    "joining:locked": ({ locked }) => {
      workshop = { ...workshop, joining_locked: locked };
      renderJoinBox();
      renderNotice();
      queueFit();
    },
    "ballot:opened": ({ ballot: next }) => { ballot = next; dots.clear(); live.resync(); },
    "theme:changed": ({ theme }) => { themes.set(theme.id, theme); renderThemes(); },
    "theme:deleted": ({ theme_id }) => { themes.delete(theme_id); renderThemes(); },
    "ballot:closed": ({ ballot: closed, totals: final }) => {
      ballot = closed;
      totals = final;
      final.forEach((t) => { dots.set(`${t.target_type}:${t.target_id}`, t.count); showDots(t.target_type, t.target_id); });
      renderNotice();
      renderThemes();
    },
    "votes:changed": ({ target_type, target_id, count }) => {
      dots.set(`${target_type}:${target_id}`, count);
      showDots(target_type, target_id);
    },
    "phase:changed": ({ phase: next, tables }) => {
      tables.forEach(updateTable);
      // The feedback count and the next meeting come with a snapshot.
      if (renderPhase(next) && ["feedback", "closed"].includes(next.state)) live.resync();
    },
    "feedback:counted": ({ count }) => { feedbackCount = count; renderFeedbackCount(); },
    "timer:changed": ({ phase: next }) => renderPhase(next),
    "message:sent": ({ text }) => renderPhase({ ...phase, message: text || null }),
    "table:updated": ({ table }) => updateTable(table),
  },
});
