"use strict";
// The city's alerts at the top of every counter page while they are active (CityAlerts), in the page's
// language, asked every five seconds; each is reported shown once, so the hub knows it reached the counter.
(() => {
  const token = document.querySelector('meta[name="mynaterm-token"]').content;
  const reported = new Set();
  let last = "";
  const call = (path, options) => fetch(path, { ...(options || {}), headers: { ...((options || {}).headers || {}), "X-Mynaterm-Token": token } });
  async function check() {
    try {
      const lang = document.documentElement.lang === "en" ? "en" : "ja";
      const r = await call("/api/alerts?lang=" + lang);
      if (!r.ok) return;
      const list = await r.json();
      const signature = lang + JSON.stringify(list);
      if (signature !== last) {
        last = signature;
        let box = document.getElementById("city-alerts");
        if (!box) {
          box = document.createElement("aside");
          box.id = "city-alerts";
          box.className = "city-alerts";
          box.setAttribute("role", "alert");
          document.body.prepend(box);
        }
        box.replaceChildren(...list.map((a) => {
          const p = document.createElement("p");
          p.className = "city-alert " + a.severity;
          p.dataset.alert = a.id;
          const title = document.createElement("strong");
          title.textContent = a.title + ": ";
          p.append(title, a.text);
          return p;
        }));
        box.hidden = list.length === 0;
      }
      for (const a of list) {
        if (reported.has(a.id)) continue;
        reported.add(a.id);
        call("/api/alert-shown", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: a.id }) });
      }
    } catch (e) {
      // the page's own server is away: the banner stays as it was
    }
  }
  check();
  setInterval(check, 5000);
})();
