// In the feedback phase (and after the end) the table page asks for a rating where the
// person is looking, instead of the composer; the thanks appear in the same place.
import { callAsParticipant } from "./after.js";
import { $ } from "./dom.js";
import { strings } from "./live.js";

/** Show the prompt in the phases that take feedback. */
export function showFeedbackPrompt(state) {
  $("feedback-prompt").hidden = !["feedback", "closed"].includes(state);
}

async function send(code, event) {
  event.preventDefault();
  const form = event.target;
  const rating = new FormData(form).get("rating");
  $("prompt-error").textContent = rating ? "" : strings.choose_rating;
  if (!rating) { form.querySelector("input[name=rating]").focus(); return; }
  try {
    const result = await callAsParticipant(code, "feedback.json", { rating: Number(rating) });
    if (!result.ok) { $("prompt-error").textContent = result.error.message; return; }
    form.hidden = true;
    $("prompt-thanks").hidden = false;
    $("prompt-thanks").focus();
  } catch {
    $("prompt-error").textContent = strings.sending_failed;
  }
}

/** Wire the prompt's form of this workshop. */
export function setupFeedbackPrompt(code) {
  $("prompt-form").addEventListener("submit", (event) => send(code, event));
  $("prompt-form").addEventListener("change", () => { $("prompt-error").textContent = ""; });
}
