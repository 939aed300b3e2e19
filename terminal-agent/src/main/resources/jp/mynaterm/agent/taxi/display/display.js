// The driver's display: asks the agent for the last tap's outcome and the next pick-ups twice a second.
'use strict';
const token = document.querySelector('meta[name="mynaterm-token"]').content;
let seen = -1;
let speak = false;

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
    if (seen !== -1 && speak && state.say && window.speechSynthesis) {
      const u = new SpeechSynthesisUtterance(state.say);
      u.lang = 'ja-JP';
      window.speechSynthesis.speak(u);
    }
    seen = state.seq;
  }
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
