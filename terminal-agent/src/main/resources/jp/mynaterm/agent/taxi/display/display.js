// The driver's display: asks the agent for the last tap's outcome and the next pick-ups twice a second.
'use strict';
const token = document.querySelector('meta[name="mynaterm-token"]').content;
let seen = -1;
let speak = false;
const spokenAlerts = new Set();

function say(text) {
  if (!speak || !text || !window.speechSynthesis) return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = 'ja-JP';
  window.speechSynthesis.speak(u);
}

// The city's alerts for this vehicle stand above the tap's outcome while active; each is read aloud once.
function showAlerts(alerts) {
  const box = document.getElementById('alerts');
  box.hidden = alerts.length === 0;
  box.replaceChildren(...alerts.map(a => {
    const div = document.createElement('div');
    div.className = 'alert ' + a.severity;
    const ja = document.createElement('p');
    ja.className = 'alert-ja';
    ja.textContent = a.ja;
    const en = document.createElement('p');
    en.lang = 'en';
    en.textContent = a.en;
    div.append(ja, en);
    return div;
  }));
  for (const a of alerts) {
    if (spokenAlerts.has(a.id)) continue;
    spokenAlerts.add(a.id);
    say(a.ja);
  }
}

document.getElementById('sound').addEventListener('click', () => {
  // Browsers speak only after a touch on the page: the driver turns it on once per start.
  speak = !speak;
  document.getElementById('sound').textContent = speak ? '音声オフ / Sound off' : '音声オン / Sound on';
});

function show(state) {
  const outcome = document.getElementById('outcome');
  if (state.seq !== seen) {
    outcome.className = state.kind;
    document.getElementById('big').textContent = state.big;
    document.getElementById('detail').textContent = state.detail;
    if (seen !== -1) say(state.say);
    seen = state.seq;
  }
  showAlerts(state.alerts || []);
  const list = document.getElementById('pickups');
  list.replaceChildren(...state.pickups.map(p => {
    const li = document.createElement('li');
    li.textContent = p.when + ' ' + p.place + ' ' + p.passengers + '名' + (p.wheelchair ? ' ♿' : '');
    return li;
  }));
}

async function poll() {
  try {
    const r = await fetch('/api/display', {headers: {'X-Mynaterm-Token': token}});
    if (r.ok) show(await r.json());
  } catch (e) {
    // the agent restarting: the next poll shows it again
  }
  setTimeout(poll, 500);
}
poll();
