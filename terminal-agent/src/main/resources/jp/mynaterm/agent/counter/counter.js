"use strict";
// What the counter pages share: their words come from /api/messages in the chosen language.
const counter = {
  texts: {},
  // The API answers only this page: the server's per-boot token is in the page.
  token: document.querySelector('meta[name="mynaterm-token"]').content,
  lang: localStorage.getItem("lang") || "ja",
  format(key, args) {
    return (this.texts[key] || key).replace(/\{(\d+)\}/g, (_, i) => (args && args[i] !== undefined ? String(args[i]) : ""));
  },
  async loadTexts() {
    this.texts = await (await this.api("/api/messages?lang=" + this.lang)).json();
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
  api(path, options) {
    const o = options || {};
    return fetch(path, { ...o, headers: { ...(o.headers || {}), "X-Mynaterm-Token": this.token } });
  },
  async post(path, body) {
    const r = await this.api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body || {}) });
    const answer = await r.json();
    if (r.status === 401 && answer.error) {
      // The sign-in ended (expired, or the account was disabled): back to the sign-in form.
      document.body.classList.add("signed-out");
      this.say({ ok: false, key: "signin.required", args: [] });
      return answer;
    }
    this.say(answer);
    return answer;
  },
  /**
   * Follows a PIN request on the resident's side (GET /api/pin every second) until it ends, then shows
   * its outcome; {@code cancel} (a button) ends it early. Resolves with the final state.
   */
  async followPin(cancel) {
    cancel.hidden = false;
    cancel.onclick = () => this.post("/api/pin/cancel");
    try {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const v = await (await this.api("/api/pin")).json();
        if (v.state === "done" || v.state === "idle") {
          if (v.key) this.say(v);
          return v;
        }
      }
    } finally {
      cancel.hidden = true;
    }
  },
  /** Whether staff are signed in; the page shows the sign-in form otherwise. */
  async signedIn() {
    const s = await (await this.api("/api/session")).json();
    document.body.classList.toggle("signed-out", !s.signedIn);
    return s.signedIn;
  },
  /** Language buttons lang-ja, lang-en; {@code then} runs after the texts are loaded. */
  start(then) {
    for (const l of ["ja", "en"]) {
      document.getElementById("lang-" + l).addEventListener("click", async () => {
        this.lang = l;
        localStorage.setItem("lang", l);
        await this.loadTexts();
        if (then && !document.body.classList.contains("signed-out")) await then();
      });
    }
    const user = document.getElementById("signin-user");
    const password = document.getElementById("signin-password");
    document.getElementById("signin-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const a = await this.post("/api/signin", { user: user.value, password: password.value });
      password.value = "";
      if (a.ok) {
        document.body.classList.remove("signed-out");
        this.checkLists();
        if (then) await then();
      }
    });
    document.getElementById("signout").addEventListener("click", async () => {
      await this.post("/api/signout");
      document.body.classList.add("signed-out");
    });
    this.loadTexts().then(async () => {
      if (!(await this.signedIn())) return;
      this.checkLists();
      if (then) await then();
    });
    setInterval(() => this.checkLists(), 60000);
  },
  /** Warns staff at the top of the page while the terminal's lists are too old or unreadable (asked every minute). */
  async checkLists() {
    // The lists' state is for signed-in staff, like the rest of the page's API.
    if (document.body.classList.contains("signed-out")) return;
    let banner = document.getElementById("lists-warning");
    if (!banner) {
      banner = document.createElement("aside");
      banner.id = "lists-warning";
      banner.className = "lists-warning";
      banner.setAttribute("role", "alert");
      banner.hidden = true;
      document.body.prepend(banner);
    }
    try {
      const r = await this.api("/api/lists");
      if (r.ok) {
        const lists = await r.json();
        banner.hidden = !lists.warn;
        banner.textContent = lists.warn ? this.format("lists.old", [lists.state]) : "";
      }
    } catch (e) {
      // the page's own server is away: nothing to say about the lists
    }
  },
};
