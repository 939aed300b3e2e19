"use strict";
// The hospital reception page (counter.js gives words and answers).
document.getElementById("checkin-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const pin = document.getElementById("pin");
  const a = await counter.post("/api/checkin", { pin: pin.value });
  pin.value = "";
  document.getElementById("number").textContent = a.number ? String(a.number).padStart(3, "0") : "";
});
counter.start();
