"use strict";
// The library staff page (counter.js gives words and answers).
let current = null; // {cardId, patron} after a lookup
const $ = (id) => document.getElementById(id);
const t = (key, args) => counter.format(key, args);

async function showStatus() {
  const status = await (await counter.api("/api/status")).json();
  $("library-status").textContent = t(status.libraryConnected ? "library.connected" : "library.none");
  await refreshPending();
}

async function refreshPending() {
  const list = (await (await counter.api("/api/pending")).json()).pending;
  $("pending-empty").hidden = list.length > 0;
  $("pending-table").hidden = list.length === 0;
  const rows = $("pending-rows");
  rows.replaceChildren();
  for (const p of list) {
    const tr = document.createElement("tr");
    for (const v of [t("pending.kind." + p.kind), p.item, p.patron, p.date, p.attempts]) {
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
    $("found-status").textContent = t("status." + answer.status);
  }
}

$("register-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  // The patron types the PIN on the resident PIN page (or the reader's pad), never here.
  const a = await counter.post("/api/register", { patron: $("patron").value });
  if (a.ok) await counter.followPin($("pin-cancel"));
});
$("lookup").addEventListener("click", async () => showPatron(await counter.post("/api/lookup")));
for (const kind of ["checkout", "checkin"]) {
  $(kind).addEventListener("click", async () => {
    await counter.post("/api/" + kind, { ...current, item: $("item").value });
    await refreshPending();
  });
}
$("unlink").addEventListener("click", async () => {
  const a = await counter.post("/api/unlink", { ...current, reason: $("reason").value });
  if (a.ok) showPatron({ ok: false });
});
$("drain").addEventListener("click", async () => {
  await counter.post("/api/drain");
  await refreshPending();
});
setInterval(refreshPending, 15000);
counter.start(showStatus);
