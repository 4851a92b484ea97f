// The facilitator's console: run the café (phases, timer, messages), people and
// presence, hosts, every note live with hide/show.
import { $ } from "./dom.js";
import { connectLive, format, noteElement, showStatus, strings } from "./live.js";
import { countdown, showPhase } from "./phase.js";

const app = document.getElementById("app");
const people = new Map();
const timer = countdown($("timer"));
let tables = [];
let phase = null;
let nextSeats = {};
let live = null;
let workshop = null;
let ballot = null;
const dots = new Map();

function renderModeration() {
  $("lock").textContent = workshop.locked ? strings.unlock : strings.lock;
  $("lock").setAttribute("aria-pressed", String(workshop.locked));
  $("conceal").textContent = workshop.notes_hidden ? strings.reveal : strings.conceal;
  $("lock-joining").textContent = workshop.joining_locked ? strings.unlock_joining : strings.lock_joining;
  $("lock-joining").setAttribute("aria-pressed", String(workshop.joining_locked));
  $("conceal").setAttribute("aria-pressed", String(workshop.notes_hidden));
  const scope = $("ballot-scope");
  if (!scope.options.length) {
    // One topic's themes, or all: a topic may be at several tables, or none.
    const topics = new Map(tables.filter((t) => t.topic).map((t) => [t.topic.id, t.topic]));
    scope.append(new Option(strings.all_notes, "notes:"), ...tables.map((t) => new Option(t.name, `table:${t.id}`)),
      new Option(strings.themes, "themes:"),
      ...[...topics.values()].map((topic) => new Option(format(strings.themes_of, topic), `themes:${topic.id}`)));
  }
  $("ballot-open").textContent = strings.open_vote;
  $("ballot-close").textContent = strings.close_vote;
  $("ballot-close").hidden = !ballot?.open;
  $("ballot-status").textContent = ballot?.open ? format(strings.vote_open, { count: ballot.dots }) : "";
}

function dotBadge(noteId) {
  const count = dots.get(`note:${noteId}`) ?? 0;
  const badge = document.createElement("span");
  badge.className = "dots";
  badge.hidden = count === 0;
  badge.textContent = `● ${count}`;
  return badge;
}

function tableName(id) {
  return tables.find((t) => t.id === id)?.name ?? strings.no_table;
}

function renderPhase(next) {
  phase = next;
  showPhase(phase, timer);
  const label = {
    lobby: strings.next_lobby,
    round: phase.round < phase.rounds ? format(strings.next_round, phase) : strings.next_last_round,
    break: format(strings.next_break, { round: phase.round + 1 }),
    harvest: strings.next_harvest,
  }[phase.state];  // in the feedback phase the one "End the workshop" is #close, which asks first
  $("next").hidden = !label;
  $("next").textContent = label ?? "";
  const timed = Boolean(phase.timer);
  $("pause").hidden = !timed || phase.timer.paused;
  $("resume").hidden = !timed || !phase.timer.paused;
  $("plus1").hidden = $("plus5").hidden = !["round", "break"].includes(phase.state);
  $("close").hidden = phase.state === "closed";
  $("close").classList.toggle("primary", phase.state === "feedback");
  $("close").classList.toggle("danger", phase.state !== "feedback");
  $("reopen").hidden = phase.state !== "closed";
  if (document.activeElement !== $("message-text")) $("message-text").value = phase.message ?? "";
}

async function command(event, data = {}) {
  const ack = await live.request(event, data);
  $("control-error").textContent = ack.ok ? "" : ack.error.message;
  if (ack.ok && ack.phase) renderPhase(ack.phase);
  return ack;
}

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
    const name = document.createElement("strong");
    name.textContent = p.name;
    const details = document.createElement("span");
    details.className = "quiet";
    const next = nextSeats[p.id];
    details.textContent = [p.organisation, tableName(p.table_id),
      next && next !== p.table_id ? format(strings.moves_to, { name: tableName(next) }) : "",
      tables.some((t) => t.host_id === p.id) ? strings.host : "",
      p.remote ? strings.remote : strings.in_room,
      p.online ? strings.online : strings.offline_person].filter(Boolean).join(" · ");
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "small link";
    remove.textContent = strings.remove;
    remove.setAttribute("aria-label", `${strings.remove}: ${p.name}`);
    remove.addEventListener("click", () => {
      if (window.confirm(format(strings.confirm_remove, { name: p.name }))) {
        command("participant:remove", { participant_id: p.id });
      }
    });
    li.append(name, " ", details, " ", remove);
    return li;
  }));
  tables.forEach(renderHostChoice);
}

function renderTables() {
  $("tables").replaceChildren(...tables.map((t) => {
    const section = document.createElement("section");
    section.className = "console-table";
    section.dataset.tableId = t.id;
    const h3 = document.createElement("h3");
    h3.textContent = t.topic ? `${t.name} – ${t.topic.title}` : t.name;
    const label = document.createElement("label");
    label.className = "host-choice";
    label.textContent = `${strings.host}: `;
    const select = document.createElement("select");
    select.addEventListener("change", () => command("table:host", {
      table_id: t.id, participant_id: select.value ? Number(select.value) : null }));
    label.append(select);
    const crystal = document.createElement("p");
    crystal.className = "crystal";
    const list = document.createElement("ul");
    list.className = "notes";
    section.append(h3, label, crystal, list);
    return section;
  }));
  tables.forEach(updateTable);
}

function renderHostChoice(table) {
  const select = $("tables").querySelector(`[data-table-id="${table.id}"] select`);
  if (!select) return;
  const options = [new Option(strings.no_host, "")];
  for (const p of people.values()) {
    if (p.table_id === table.id || p.id === table.host_id) options.push(new Option(p.name, p.id));
  }
  select.replaceChildren(...options);
  select.value = table.host_id ?? "";
}

function updateTable(table) {
  tables = tables.map((t) => (t.id === table.id ? table : t));
  const section = $("tables").querySelector(`[data-table-id="${table.id}"]`);
  if (!section) return;
  section.querySelector("h3").textContent = table.topic ? `${table.name} – ${table.topic.title}` : table.name;
  section.querySelector(".crystal").textContent = table.crystallisation;
  renderPeople();  // the host's "host" mark, and every table's host choice
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

function deleteButton(note) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "small";
  button.textContent = strings.delete;
  button.addEventListener("click", () => command("note:delete", { note_id: note.id }));
  return button;
}

function removeNote(noteId) {
  $("tables").querySelector(`.note[data-id="${noteId}"]`)?.remove();
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
  element.append(dotBadge(note.id), hideButton(note), " ", deleteButton(note));
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
  workshop = snapshot.workshop;
  ballot = snapshot.ballot;
  dots.clear();
  for (const t of snapshot.totals ?? []) dots.set(`${t.target_type}:${t.target_id}`, t.count);
  nextSeats = snapshot.next_seats ?? {};
  people.clear();
  snapshot.participants.forEach((p) => people.set(p.id, p));
  renderPhase(snapshot.phase);
  renderTables();
  renderPeople();
  renderModeration();
  snapshot.notes.forEach(upsertNote);
}

$("next").addEventListener("click", () => command("phase:next"));
$("pause").addEventListener("click", () => command("timer:pause"));
$("resume").addEventListener("click", () => command("timer:resume"));
$("plus1").addEventListener("click", () => command("timer:extend", { minutes: 1 }));
$("plus5").addEventListener("click", () => command("timer:extend", { minutes: 5 }));
$("close").addEventListener("click", () => {
  if (window.confirm(strings.confirm_close)) command("workshop:close");
});
$("reopen").addEventListener("click", () => {
  if (window.confirm(strings.confirm_reopen)) command("workshop:reopen");
});
$("lock").addEventListener("click", () => command("board:lock", { locked: !workshop.locked }));
$("lock-joining").addEventListener("click", () => command("joining:lock", { locked: !workshop.joining_locked }));
$("conceal").addEventListener("click", () => command("notes:conceal", { concealed: !workshop.notes_hidden }));
$("ballot-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const [scope, id] = $("ballot-scope").value.split(":");
  command("ballot:open", { scope, scope_id: id ? Number(id) : null, dots: Number($("ballot-dots").value) });
});
$("ballot-close").addEventListener("click", () => command("ballot:close"));
$("message-form").addEventListener("submit", (event) => {
  event.preventDefault();
  command("message:send", { text: $("message-text").value });
});
$("message-clear").addEventListener("click", () => {
  $("message-text").value = "";
  command("message:send", { text: "" });
});

/** A participant as an event describes them, with the presence this console already knows. */
function keepPerson(participant) {
  people.set(participant.id, { ...participant, online: people.get(participant.id)?.online ?? false });
  renderPeople();
}

live = connectLive({
  auth: () => ({ role: "console", workshop_id: Number(app.dataset.workshopId), lang: app.dataset.lang }),
  onStatus: (state) => showStatus($("status"), state),
  onSnapshot: render,
  handlers: {
    "note:added": ({ note }) => upsertNote(note),
    "note:shown": ({ note }) => upsertNote(note),
    "note:hidden": ({ note_id }) => setHidden(note_id, true),
    "note:edited": ({ note }) => upsertNote(note),
    "note:deleted": ({ note_id }) => removeNote(note_id),
    "notes:concealed": () => live.resync(),
    "board:locked": ({ locked }) => { workshop = { ...workshop, locked }; renderModeration(); },
    "joining:locked": ({ locked }) => { workshop = { ...workshop, joining_locked: locked }; renderModeration(); },
    "ballot:opened": () => live.resync(),
    "ballot:closed": ({ ballot: closed }) => { ballot = closed; renderModeration(); },
    "votes:changed": ({ target_type, target_id, count }) => {
      dots.set(`${target_type}:${target_id}`, count);
      const element = $("tables").querySelector(`.note[data-id="${target_id}"]`);
      if (target_type === "note" && element) element.querySelector(".dots").replaceWith(dotBadge(target_id));
    },
    "participant:removed": ({ participant_id }) => { people.delete(participant_id); renderPeople(); },
    // Presence comes from the snapshot and presence:changed only; a recorded event keeps it.
    "participant:joined": ({ participant }) => keepPerson(participant),
    "participant:moved": ({ participant }) => keepPerson(participant),
    "presence:changed": ({ online }) => {
      const ids = new Set(online);
      for (const p of people.values()) p.online = ids.has(p.id);
      renderPeople();
    },
    // Seats change with the phase: a fresh snapshot has them, and where people sit now.
    "phase:changed": ({ phase: next }) => { renderPhase(next); live.resync(); },
    "timer:changed": ({ phase: next }) => renderPhase(next),
    "message:sent": ({ text }) => renderPhase({ ...phase, message: text || null }),
    "table:updated": ({ table }) => updateTable(table),
  },
});
