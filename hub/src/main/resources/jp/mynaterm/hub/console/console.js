// The console's one script: passkeys (WebAuthn), only where the browser has them. Everything else in
// the console is plain forms. Posts JSON with the session's CSRF token as the X-CSRF-Token header.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  const enc = buf => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const dec = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
  const csrf = () => document.querySelector('input[name=csrf]').value;
  async function post(url, body) {
    const r = await fetch(url, {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf()}, body: JSON.stringify(body || {})});
    const answer = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(answer.error || String(r.status));
    return answer;
  }
  function wire(id, ceremony) {
    const button = document.getElementById(id);
    if (!button) return;
    button.addEventListener('click', async () => {
      const message = document.getElementById('passkey-message');
      message.textContent = '';
      try {
        location.assign((await ceremony()).next);
      } catch (e) {
        message.textContent = button.dataset.failed;
      }
    });
  }
  document.querySelectorAll('[data-passkey]').forEach(el => { el.hidden = false; });
  wire('passkey-signin', async () => {
    const o = await post('/console/signin/passkey/options');
    const c = await navigator.credentials.get({publicKey: {challenge: dec(o.challenge), rpId: o.rpId, userVerification: o.userVerification, timeout: o.timeout}});
    const r = c.response;
    return post('/console/signin/passkey', {id: c.id, authenticatorData: enc(r.authenticatorData), clientDataJSON: enc(r.clientDataJSON),
      signature: enc(r.signature), userHandle: r.userHandle ? enc(r.userHandle) : null});
  });
  wire('passkey-register', async () => {
    const o = await post('/console/account/passkeys/options');
    const publicKey = Object.assign({}, o, {challenge: dec(o.challenge), user: Object.assign({}, o.user, {id: dec(o.user.id)}),
      excludeCredentials: o.excludeCredentials.map(x => Object.assign({}, x, {id: dec(x.id)}))});
    const c = await navigator.credentials.create({publicKey});
    return post('/console/account/passkeys', {label: document.getElementById('passkey-label').value,
      clientDataJSON: enc(c.response.clientDataJSON), attestationObject: enc(c.response.attestationObject)});
  });
})();
