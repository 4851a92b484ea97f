// The console's mail page follows the sending live: `mail:changed` on the console
// socket updates the counts and the mail's row; every (re)connect reads it all again.
import { connectLive, format, showStatus } from "./live.js";

const section = document.getElementById("mail-progress");
const rows = document.getElementById("mail-rows");
const words = JSON.parse(document.getElementById("mail-strings").textContent);
const workshopId = Number(section.dataset.workshopId);

function cell(text, className = "") {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (className) td.className = className;
  return td;
}

/** The Send again form of a sent or failed mail, as the server renders it. */
function resendForm(mail) {
  const form = document.createElement("form");
  form.method = "post";
  form.action = `/console/${workshopId}/mail/${mail.id}/resend`;
  const token = document.createElement("input");
  token.type = "hidden";
  token.name = "csrf_token";
  token.value = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const button = document.createElement("button");
  button.type = "submit";
  button.className = "small";
  button.textContent = words.send_again;
  button.setAttribute("aria-label", format(words.send_again_to, { address: mail.recipient }));
  form.append(token, button);
  return form;
}

function row(mail) {
  const tr = document.createElement("tr");
  tr.dataset.mailId = mail.id;
  const action = cell("");
  if (mail.recipient && ["sent", "failed"].includes(mail.status)) action.append(resendForm(mail));
  tr.append(cell(mail.recipient ?? words.deleted), cell(words[mail.status], `mail-status-${mail.status}`),
    cell(String(mail.attempts), "number"), cell(mail.last_error), action);
  return tr;
}

function showCounts(counts) {
  for (const [status, count] of Object.entries(counts)) {
    const element = section.querySelector(`#mail-counts [data-status="${status}"]`);
    if (element) element.textContent = String(count);
  }
  section.hidden = Object.values(counts).every((count) => count === 0);
}

function showMail(mail) {
  const old = rows.querySelector(`tr[data-mail-id="${mail.id}"]`);
  if (old) old.replaceWith(row(mail));
  else rows.append(row(mail));
}

async function readAll() {
  const response = await fetch(section.dataset.progressUrl, { headers: { Accept: "application/json" } });
  if (!response.ok) return;
  const progress = await response.json();
  showCounts(progress.counts);
  rows.replaceChildren(...progress.mails.map(row));
}

connectLive({
  auth: () => ({ role: "console", workshop_id: workshopId, lang: section.dataset.lang }),
  onStatus: (state) => {
    showStatus(document.getElementById("mail-status"), state);
    if (state === "connected") readAll();  // whatever changed while away
  },
  onSnapshot: () => {},
  handlers: { "mail:changed": ({ mail, counts }) => { showCounts(counts); showMail(mail); } },
});

