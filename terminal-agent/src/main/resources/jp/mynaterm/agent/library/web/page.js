"use strict";
// The library staff page: every word comes from /api/messages in the chosen language.
let texts = {};
let lang = localStorage.getItem("lang") || "ja";
let current = null; // {cardId, patron} after a lookup

const $ = (id) => document.getElementById(id);

function format(key, args) {
  const pattern = texts[key] || key;
  return pattern.replace(/\{(\d+)\}/g, (_, i) => (args && args[i] !== undefined ? String(args[i]) : ""));
}

async function loadTexts() {
  texts = await (await fetch("/api/messages?lang=" + lang)).json();
  document.documentElement.lang = lang;
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = format(el.dataset.t); });
  document.querySelectorAll("[data-t-label]").forEach((el) => el.setAttribute("aria-label", format(el.dataset.tLabel)));
  document.title = format("title");
  const status = await (await fetch("/api/status")).json();
  $("library-status").textContent = format(status.libraryConnected ? "library.connected" : "library.none");
  await refreshPending();
}

function say(answer) {
  const m = $("message");
  m.className = answer.ok ? "ok" : "no";
  m.textContent = answer.error ? format("input.bad", [answer.error]) : format(answer.key, answer.args);
}

async function post(path, body) {
  const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
  const answer = await r.json();
  say(answer);
  return answer;
}

async function refreshPending() {
  const list = (await (await fetch("/api/pending")).json()).pending;
  $("pending-empty").hidden = list.length > 0;
  $("pending-table").hidden = list.length === 0;
  const rows = $("pending-rows");
  rows.replaceChildren();
  for (const p of list) {
    const tr = document.createElement("tr");
    for (const v of [format("pending.kind." + p.kind), p.item, p.patron, p.date, p.attempts]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.appendChild(td);
    }
    rows.appendChild(tr);
  }
}

function showPatron(answer) {
  current = answer.ok ? { cardId: answer.cardId, patron: answer.patron } : null;
  $("patron-info").hidden = !current;
  $("patron-actions").hidden = !current;
  if (current) {
    $("found-patron").textContent = answer.patron;
    $("found-status").textContent = format("status." + answer.status);
  }
}

$("register-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await post("/api/register", { patron: $("patron").value, pin: $("pin").value });
  $("pin").value = "";
});
$("lookup").addEventListener("click", async () => showPatron(await post("/api/lookup")));
$("checkout").addEventListener("click", async () => {
  await post("/api/checkout", { ...current, item: $("item").value });
  await refreshPending();
});
$("checkin").addEventListener("click", async () => {
  await post("/api/checkin", { ...current, item: $("item").value });
  await refreshPending();
});
$("unlink").addEventListener("click", async () => {
  const a = await post("/api/unlink", { ...current, reason: $("reason").value });
  if (a.ok) showPatron({ ok: false });
});
$("drain").addEventListener("click", async () => {
  await post("/api/drain");
  await refreshPending();
});
for (const l of ["ja", "en"]) {
  $("lang-" + l).addEventListener("click", () => { lang = l; localStorage.setItem("lang", l); loadTexts(); });
}
setInterval(refreshPending, 15000);
loadTexts();
