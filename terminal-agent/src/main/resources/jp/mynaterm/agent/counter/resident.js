"use strict";
// The resident-facing PIN page: a touch keypad, or a USB numeric keypad typing into it. The digits are
// kept as character codes in a byte array and sent as bytes, never put in an input field or a string;
// the array is zeroed after sending.
const token = document.querySelector('meta[name="mynaterm-token"]').content;
const $ = (id) => document.getElementById(id);
let texts = {};
let lang = localStorage.getItem("lang") || "ja";
const digits = new Uint8Array(4);
let count = 0;
// Where the library gives patrons their own password, it is typed first, into its own byte array.
const password = new Uint8Array(32);
let passwordCount = 0;
let mode = "enter";
let shownRequest = -1;
let page = { languages: ["ja", "en"], start: "", speech: false };
let speechOn = true;
let audio = null;
// Each language's button says its own name, in its own language.
const NAMES = { ja: "日本語", "ja-easy": "やさしい にほんご", en: "English", "zh-CN": "中文", ko: "한국어", "pt-BR": "Português", vi: "Tiếng Việt", tl: "Tagalog" };

const t = (key, args) => (texts[key] || key).replace(/\{(\d+)\}/g, (_, i) => (args && args[i] !== undefined ? String(args[i]) : ""));
const api = (path, options) => fetch(path, { ...(options || {}), headers: { ...((options || {}).headers || {}), "X-Mynaterm-Token": token } });

async function loadTexts() {
  texts = await (await api("/api/messages?lang=" + lang)).json();
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  document.querySelectorAll("[data-t-label]").forEach((el) => el.setAttribute("aria-label", t(el.dataset.tLabel)));
  document.title = t("resident.title");
  if (page.start) $("start").textContent = t(page.start);
}

function clearDigits() {
  digits.fill(0);
  count = 0;
  password.fill(0);
  passwordCount = 0;
  $("dots").textContent = t(mode === "password" ? "resident.passwordEntered" : "resident.entered", [0]);
}

function say(answer) {
  const m = $("message");
  m.className = answer.ok ? "ok" : "no";
  // A patient page speaks fewer languages' worth of technical words: the rest is "ask the staff".
  const key = texts[answer.key] || !texts["patient.askStaff"] ? answer.key : "patient.askStaff";
  const args = key === answer.key ? answer.args || [] : [];
  m.textContent = answer.error ? t("input.bad", [answer.error]) : t(key, args);
  $("number").textContent = answer.number ? String(answer.number).padStart(3, "0") : "";
  if (!answer.error) speak([[key, ...args]]);
}

/** Says the page's own sentences ([key, ...args]) aloud where the page has speech and it is on; a new one interrupts. */
async function speak(parts) {
  if (!page.speech || !speechOn) return;
  const q = new URLSearchParams({ lang });
  parts.forEach((p) => q.append("say", p.join("|")));
  if (audio) audio.pause();
  const r = await api("/api/speech?" + q.toString()).catch(() => null);
  if (!r || !r.ok) return;
  audio = new Audio(URL.createObjectURL(await r.blob()));
  audio.play().catch(() => {}); // no sound device, or no autoplay: the words are on the screen
}

function press(d) {
  pressCode(48 + d);
}

/** One character's code: a digit of the PIN, or (in password mode) a printable ASCII character of the library password. */
function pressCode(code) {
  if (mode === "password") {
    if (passwordCount >= password.length) return;
    password[passwordCount++] = code;
    $("dots").textContent = "●".repeat(passwordCount) + " " + t("resident.passwordEntered", [passwordCount]);
    return;
  }
  if (count >= 4 || code < 48 || code > 57) return;
  digits[count++] = code;
  $("dots").textContent = "●".repeat(count) + " " + t("resident.entered", [count]);
}

async function sendPassword() {
  if (passwordCount === 0) return;
  const body = new Uint8Array(15 + passwordCount);
  body.set([123, 34, 112, 97, 115, 115, 119, 111, 114, 100, 34, 58, 34], 0); // {"password":"
  body.set(password.subarray(0, passwordCount), 13);
  body.set([34, 125], 13 + passwordCount); // "}
  clearDigits();
  $("prompt").textContent = t("resident.working");
  const r = await api("/api/password", { method: "POST", headers: { "Content-Type": "application/json" }, body });
  body.fill(0);
  say(await r.json());
  await refresh();
}

async function send() {
  if (mode === "password") return sendPassword();
  if (count !== 4) return;
  const body = new Uint8Array(14);
  body.set([123, 34, 112, 105, 110, 34, 58, 34], 0); // {"pin":"
  body.set(digits, 8);
  body.set([34, 125], 12); // "}
  clearDigits();
  $("prompt").textContent = t("resident.working");
  const r = await api("/api/pin", { method: "POST", headers: { "Content-Type": "application/json" }, body });
  body.fill(0);
  say(await r.json());
  await refresh();
}

/** Shows what the counter asks for: nothing, the keypad with the tries left, or the reader's own pad. */
async function refresh() {
  const v = await (await api("/api/pin")).json();
  const asking = v.state === "password" || v.state === "enter" || v.state === "pad" || v.state === "working";
  if (v.state !== mode && (v.state === "password" || v.state === "enter")) {
    mode = v.state;
    clearDigits();
  }
  $("idle").hidden = asking || page.start !== "";
  $("start-area").hidden = asking || page.start === "";
  $("asking").hidden = !asking;
  if (v.state === "done" && v.request !== shownRequest) {
    shownRequest = v.request;
    say(v);
  }
  if (!asking) return;
  if (v.request !== shownRequest) {
    shownRequest = v.request;
    $("message").textContent = "";
    $("number").textContent = "";
    clearDigits();
    const parts = v.state === "pad" ? [["resident.pad"]] : v.state === "password" ? [["resident.password"]] : [["resident.prompt"], ["resident.tries", v.triesLeft]];
    if (v.lastTry) parts.push(["resident.lastTry"]);
    speak(parts);
  }
  $("purpose").textContent = t("resident.purpose", [t(v.purpose)]);
  $("prompt").textContent = t(v.state === "pad" ? "resident.pad" : v.state === "working" ? "resident.working" : v.state === "password" ? "resident.password" : "resident.prompt");
  $("tries").textContent = v.triesLeft > 0 ? t("resident.tries", [v.triesLeft]) : "";
  $("last-try").hidden = !v.lastTry;
  $("keypad").hidden = v.state !== "enter" && v.state !== "password";
}

document.querySelectorAll("[data-digit]").forEach((b) => b.addEventListener("click", () => press(Number(b.dataset.digit))));
$("clear").addEventListener("click", clearDigits);
$("ok").addEventListener("click", send);
$("cancel").addEventListener("click", async () => {
  clearDigits();
  const r = await api("/api/pin/cancel", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  say(await r.json());
  await refresh();
});
// A USB numeric keypad (or, for a library password, a keyboard): digits (any printable ASCII but \ and |
// for a password), Backspace/Delete to clear, Enter to send, Escape to cancel.
document.addEventListener("keydown", (e) => {
  const code = e.key.length === 1 ? e.key.charCodeAt(0) : 0;
  if (e.key >= "0" && e.key <= "9" && e.key.length === 1) press(code - 48);
  else if (mode === "password" && code > 32 && code < 127 && code !== 34 && code !== 92 && code !== 124) pressCode(code);
  else if (e.key === "Backspace" || e.key === "Delete") clearDigits();
  else if (e.key === "Enter" && !$("start-area").hidden) $("start").click();
  else if (e.key === "Enter") send();
  else if (e.key === "Escape") $("cancel").click();
  else return;
  e.preventDefault();
});
$("start").addEventListener("click", async () => {
  $("number").textContent = "";
  const r = await api("/api/start", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
  const a = await r.json();
  if (!a.ok) say(a);
  await refresh();
});
$("speech").addEventListener("click", () => {
  speechOn = !speechOn;
  $("speech").setAttribute("aria-pressed", String(speechOn));
  if (!speechOn && audio) audio.pause();
});

/** The page's languages, speech and start button, as the terminal offers them. */
async function setUp() {
  page = await (await api("/api/page")).json();
  if (!page.languages.includes(lang)) lang = "ja";
  $("langs").replaceChildren(...page.languages.map((l) => {
    const b = document.createElement("button");
    b.type = "button";
    b.id = "lang-" + l;
    b.lang = l;
    b.textContent = NAMES[l] || l;
    b.addEventListener("click", async () => {
      lang = l;
      localStorage.setItem("lang", l);
      await loadTexts();
      await refresh();
      if (page.start) speak([["patient.help"]]);
    });
    return b;
  }));
  $("speech").hidden = !page.speech;
  await loadTexts();
  if (page.start) $("start").textContent = t(page.start);
}
setUp().then(refresh);
setInterval(refresh, 1000);
