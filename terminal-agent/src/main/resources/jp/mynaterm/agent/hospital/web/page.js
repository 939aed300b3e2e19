"use strict";
// The hospital reception page (counter.js gives words and answers). The patient types the PIN on the
// resident PIN page (or the reader's pad), never here.
document.getElementById("checkin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  document.getElementById("number").textContent = "";
  const a = await counter.post("/api/checkin", {});
  if (!a.ok) return;
  const done = await counter.followPin(document.getElementById("pin-cancel"));
  document.getElementById("number").textContent = done.number ? String(done.number).padStart(3, "0") : "";
});
counter.start();
