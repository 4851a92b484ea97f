// The phase and the shared timer, as every screen shows them. The server sends
// when the phase ends and its own clock; we count down from those, corrected
// for the difference between the server's clock and this device's.
import { format, strings } from "./live.js";

/** "Kierros 2/3", "Siirtymä", … for a phase. */
export function phaseLabel(phase) {
  if (!phase) return "";
  if (phase.state === "round") return format(strings.phase_round, phase);
  return strings[`phase_${phase.state}`] ?? phase.state;
}

/** Show the phase's name, its timer and the facilitator's message (when the page has one). */
export function showPhase(phase, timer) {
  document.getElementById("phase-label").textContent = phaseLabel(phase);
  timer.set(phase);
  const message = document.getElementById("message");
  if (!message) return;
  message.hidden = !phase.message;
  message.textContent = phase.message ?? "";
}

/** Seconds as m:ss. */
export function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * Keep `element` showing the time left. `onTick(secondsLeft)` runs each
 * update; `onZero()` once when a running phase reaches zero.
 */
export function countdown(element, { onTick, onZero } = {}) {
  let phase = null;
  let offsetMs = 0;
  let firedFor = null;
  const left = () => {
    const t = phase?.timer;
    if (!t) return null;
    if (t.paused || !t.ends_at) return t.remaining;
    return (Date.parse(t.ends_at) - (Date.now() + offsetMs)) / 1000;
  };
  const render = () => {
    const seconds = left();
    element.hidden = seconds === null;
    if (seconds === null) return;
    // The word "paused" in its own span: the board puts it on a line of its own.
    if (phase.timer.paused) {
      const word = document.createElement("span");
      word.className = "paused-word";
      word.textContent = strings.paused;
      const dot = document.createElement("span");
      dot.className = "paused-dot";
      dot.textContent = " · ";
      element.replaceChildren(clock(seconds), dot, word);
    } else {
      element.textContent = clock(seconds);
    }
    element.dataset.state = phase.timer.paused ? "paused" : seconds <= 0 ? "over" : "running";
    onTick?.(seconds);
    const key = `${phase.state}:${phase.round}:${phase.timer.ends_at}`;
    if (seconds <= 0 && !phase.timer.paused && firedFor !== key) {
      firedFor = key;
      onZero?.(phase);
    }
  };
  setInterval(render, 250);
  return {
    set(next) {
      phase = next;
      if (next?.timer?.server_now) offsetMs = Date.parse(next.timer.server_now) - Date.now();
      // A phase that was already over when we learnt of it does not chime.
      if (next?.timer && left() <= 0) firedFor = `${next.state}:${next.round}:${next.timer.ends_at}`;
      render();
    },
  };
}

let audio = null;

/** A soft two-tone chime and a short vibration, where the device allows. */
export function chime() {
  navigator.vibrate?.([200, 100, 200]);
  try {
    audio ??= new AudioContext();
    [660, 880].forEach((hz, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      const start = audio.currentTime + i * 0.35;
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.2, start + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      osc.connect(gain).connect(audio.destination);
      osc.start(start);
      osc.stop(start + 0.65);
    });
  } catch {
    // No sound here: the vibration and the screen say it.
  }
}

/** Let a first tap unlock sound (browsers allow audio only after a gesture). */
export function unlockSound() {
  window.addEventListener("pointerdown", () => { audio ??= new AudioContext(); }, { once: true });
}
