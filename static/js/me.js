// My details: one form for the email, its consent and the contact-list consent,
// and erasing my data. Nothing is stored without a ticked box, and the page says so.
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

/** What the answer says was kept, in words; an address typed but not kept is said too. */
function savedMessage(typed, me) {
  const kept = [me.email_consent && strings.summary_by_email, me.contact_consent && strings.in_contacts]
    .filter(Boolean);
  const parts = [strings.details_saved.replace("%(what)s", kept.join(", ") || strings.no_consents)];
  if (typed && me.email !== typed && !me.email) {
    parts.push(strings.address_not_stored.replace("%(address)s", typed));
  }
  return parts.join(" ");
}

/** One form, one save: the address and both consents go together. */
async function saveDetails(event) {
  event.preventDefault();
  const typed = $("email").value.trim();
  $("details-saved").textContent = "";
  const result = await change("me/details", {
    email: typed, email_consent: $("email-consent").checked,
    contact_consent: $("contact-consent").checked }, "details-error");
  if (!result) { $("email").setAttribute("aria-invalid", "true"); $("email").focus(); return; }
  $("email").removeAttribute("aria-invalid");
  // The typed address stays in the field when it was not kept, so nothing vanishes unseen.
  if (typed && !result.me.email) $("email").value = typed;
  $("details-saved").textContent = savedMessage(typed, result.me);
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

$("details-form").addEventListener("submit", saveDetails);
$("erase").addEventListener("click", erase);
load();
