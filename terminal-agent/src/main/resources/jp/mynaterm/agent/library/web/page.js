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

// One table row of texts, and a "handled" button where staff must act on it.
function row(values, handled) {
  const tr = document.createElement("tr");
  for (const v of values) {
    const td = document.createElement("td");
    td.textContent = v;
    tr.appendChild(td);
  }
  if (handled) {
    const td = document.createElement("td");
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = t("refused.handled");
    b.addEventListener("click", async () => {
      await counter.post("/api/handled", handled);
      await refreshPending();
    });
    td.appendChild(b);
    tr.appendChild(td);
  }
  return tr;
}

async function refreshPending() {
  const all = await (await counter.api("/api/pending")).json();
  const list = all.pending;
  $("pending-empty").hidden = list.length > 0;
  $("pending-table").hidden = list.length === 0;
  $("pending-rows").replaceChildren(...list.map((p) => row([t("pending.kind." + p.kind), p.item, p.patron, p.date, p.attempts])));
  $("refused").hidden = all.refused.length === 0;
  $("refused-rows").replaceChildren(...all.refused.map((p) =>
    row([t("pending.kind." + p.kind), p.item, p.patron, p.date, p.refusal], { what: "transaction", id: String(p.id) })));
  $("registrations").hidden = all.registrations.length === 0;
  $("registration-rows").replaceChildren(...all.registrations.map((r) => r.refusal
    ? row([r.patron, r.refusal], { what: "registration", id: String(r.id) })
    : row([r.patron, t("registrations.waiting")])));
}

function showPatron(answer) {
  current = answer.ok ? { cardId: answer.cardId, patron: answer.patron } : null;
  $("patron-info").hidden = !current;
  $("patron-actions").hidden = !current;
  $("items-list").hidden = true;
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
for (const kind of ["checkout", "renew"]) {
  $(kind).addEventListener("click", async () => {
    await counter.post("/api/" + kind, { ...current, item: $("item").value });
    await refreshPending();
  });
}
$("return-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await counter.post("/api/checkin", { item: $("return-item").value });
  await refreshPending();
});
$("items").addEventListener("click", async () => {
  const a = await counter.post("/api/items", current);
  $("items-list").hidden = !a.ok;
  if (a.ok) {
    $("items-loans").textContent = a.loans.join(", ") || "-";
    $("items-holds").textContent = a.holds.join(", ") || "-";
  }
});
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
