"use strict";
// What the counter pages share: their words come from /api/messages in the chosen language.
const counter = {
  texts: {},
  lang: localStorage.getItem("lang") || "ja",
  format(key, args) {
    return (this.texts[key] || key).replace(/\{(\d+)\}/g, (_, i) => (args && args[i] !== undefined ? String(args[i]) : ""));
  },
  async loadTexts() {
    this.texts = await (await fetch("/api/messages?lang=" + this.lang)).json();
    document.documentElement.lang = this.lang;
    document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = this.format(el.dataset.t); });
    document.querySelectorAll("[data-t-label]").forEach((el) => el.setAttribute("aria-label", this.format(el.dataset.tLabel)));
    document.title = this.format("title");
  },
  /** Shows an answer of the page's API: {ok, key, args} or {error}. */
  say(answer) {
    const m = document.getElementById("message");
    m.className = answer.ok ? "ok" : "no";
    m.textContent = answer.error ? this.format("input.bad", [answer.error]) : this.format(answer.key, answer.args);
  },
  async post(path, body) {
    const r = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
    const answer = await r.json();
    this.say(answer);
    return answer;
  },
  /** Language buttons lang-ja, lang-en; {@code then} runs after the texts are loaded. */
  start(then) {
    for (const l of ["ja", "en"]) {
      document.getElementById("lang-" + l).addEventListener("click", async () => {
        this.lang = l;
        localStorage.setItem("lang", l);
        await this.loadTexts();
        if (then) await then();
      });
    }
    this.loadTexts().then(then);
  },
};
