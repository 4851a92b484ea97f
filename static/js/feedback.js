// Feedback from a phone: a rating 1–4, the main takeaway, wishes for next
// time; anonymous unless signed. A second answer replaces the first.
import { $, callAsParticipant, pageStrings, storedToken } from "./after.js";

const app = $("feedback-app");
const code = app.dataset.code;
const strings = pageStrings("feedback-strings");
const form = $("feedback-form");
let answered = false;

function notJoined(message) {
  form.hidden = true;
  $("not-joined").hidden = false;
  if (message) $("not-joined-text").textContent = message;
}

function say(message) {
  $("thanks").textContent = message;
  $("thanks").hidden = false;
}

async function submit(event) {
  event.preventDefault();
  $("feedback-error").textContent = "";
  $("rating-error").textContent = "";
  const data = new FormData(form);
  if (!data.get("rating")) {
    $("rating-error").textContent = strings.choose_rating;
    form.querySelector("input[name=rating]").focus();
    return;
  }
  const body = { rating: Number(data.get("rating")), takeaway: data.get("takeaway"),
    wishes: data.get("wishes"), signed: $("signed").checked };
  try {
    const result = await callAsParticipant(code, "feedback.json", body);
    if (result.ok) {
      say(answered ? strings.replaced : strings.thanks);
      answered = true;
      $("thanks").focus();
    } else if (result.error.code === "unauthorised") {
      notJoined(result.error.message);
    } else {
      $("feedback-error").textContent = result.error.message;
    }
  } catch {
    $("feedback-error").textContent = strings.failed;
  }
}

async function load() {
  if (!storedToken(code)) return notJoined();
  try {
    const result = await callAsParticipant(code, "me.json");
    if (!result.ok) return notJoined(result.error.message);
    answered = result.feedback_given;
    if (answered) say(strings.answered);
  } catch {
    // Offline now: the form still works once the network is back.
  }
}

if (form) {
  form.addEventListener("submit", submit);
  form.addEventListener("change", (event) => {
    if (event.target.name === "rating") $("rating-error").textContent = "";
  });
  load();
}
