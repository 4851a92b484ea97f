// My details: the email for the summary and its consent, the contact-list
// consent, and erasing my data. Nothing is stored without a ticked box.
import { $, callAsParticipant, pageStrings, storedToken } from "./after.js";
import { forgetWorkshop } from "./dom.js";

const app = $("me-app");
const code = app.dataset.code;
const strings = pageStrings("me-strings");

/** Show the stored details; the boxes show the consents as they are now. */
function render(me) {
  $("me-name").textContent = me.name;
  $("me-organisation").textContent = me.organisation || "–";
  $("email").value = me.email ?? "";
  $("email-consent").checked = me.email_consent;
  $("contact-consent").checked = me.contact_consent;
  $("me-details").hidden = false;
}

function notJoined(message = "") {
  $("me-details").hidden = true;
  $("not-joined").hidden = false;
  $("me-status").textContent = message;
}

/** Send a change; on success render the answer and return it, else show why. */
async function change(path, body, errorId) {
  $(errorId).textContent = "";
  try {
    const result = await callAsParticipant(code, path, body);
    if (result.ok) { if (result.me) render(result.me); return result; }
    if (result.error.code === "unauthorised") notJoined(result.error.message);
    else $(errorId).textContent = result.error.message;
  } catch {
    $(errorId).textContent = strings.failed;
  }
  return null;
}

async function saveEmail(event) {
  event.preventDefault();
  const typed = $("email").value.trim();
  const consent = $("email-consent").checked;
  $("email-saved").textContent = "";
  const result = await change("me/email", { email: typed, email_consent: consent }, "email-error");
  if (!result) { $("email").setAttribute("aria-invalid", "true"); $("email").focus(); return; }
  $("email").removeAttribute("aria-invalid");
  if (consent) $("email-saved").textContent = strings.email_saved;
  else if (typed && result.me.email !== typed) $("email-saved").textContent = strings.email_not_stored;
  else $("email-saved").textContent = strings.email_withdrawn;
}

async function saveContact(event) {
  event.preventDefault();
  $("contact-saved").textContent = "";
  const result = await change("me/contact", { contact_consent: $("contact-consent").checked }, "contact-error");
  if (result) $("contact-saved").textContent = strings.saved;
}

async function erase() {
  if (!window.confirm(strings.confirm_erase)) return;
  const result = await change("me/erase", {}, "erase-error");
  if (!result) return;
  forgetWorkshop(code);
  $("me-details").hidden = true;
  $("erased").hidden = false;
  $("erased").focus?.();
}

async function load() {
  if (!storedToken(code)) return notJoined();
  try {
    const result = await callAsParticipant(code, "me.json");
    if (result.ok) render(result.me);
    else notJoined(result.error.message);
  } catch {
    $("me-status").textContent = strings.failed;
  }
}

$("email-form").addEventListener("submit", saveEmail);
$("contact-form").addEventListener("submit", saveContact);
$("erase").addEventListener("click", erase);
load();
