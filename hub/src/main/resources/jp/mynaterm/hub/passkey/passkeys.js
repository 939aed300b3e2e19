// Passkeys (WebAuthn) on the hub's pages, only where the browser has them: the console's sign-in and
// account pages and the resident's taxi page run this one script (hub.passkey.Passkeys is its server
// side). A page marks up what it offers and where the ceremony's two posts go, so the script knows no
// page's paths:
//   [data-passkey]       shown once the browser is known to have passkeys (hidden in the HTML)
//   #passkey-signin      a button: sign in with a discoverable passkey (navigator.credentials.get)
//   #passkey-register    a button: register a passkey on this device (navigator.credentials.create),
//                        named by the text in #passkey-label
//   data-options         on the button: the URL answering with the ceremony's options
//   data-answer          on the button: the URL the authenticator's answer is posted to
//   data-failed          on the button: what #passkey-message says when it does not work
// Posts are JSON with the page's CSRF token (its forms' csrf field, when it has one) as X-CSRF-Token;
// a server's answer {next: URL} is where the browser goes on success.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  const enc = buf => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const dec = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
  const csrf = () => (document.querySelector('input[name=csrf]') || {value: ''}).value;
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
        location.assign((await ceremony(button.dataset.options, button.dataset.answer)).next);
      } catch (e) {
        message.textContent = button.dataset.failed;
      }
    });
  }
  document.querySelectorAll('[data-passkey]').forEach(el => { el.hidden = false; });
  wire('passkey-signin', async (options, answer) => {
    const o = await post(options);
    const c = await navigator.credentials.get({publicKey: {challenge: dec(o.challenge), rpId: o.rpId, userVerification: o.userVerification, timeout: o.timeout}});
    const r = c.response;
    return post(answer, {id: c.id, authenticatorData: enc(r.authenticatorData), clientDataJSON: enc(r.clientDataJSON),
      signature: enc(r.signature), userHandle: r.userHandle ? enc(r.userHandle) : null});
  });
  wire('passkey-register', async (options, answer) => {
    const o = await post(options);
    const publicKey = Object.assign({}, o, {challenge: dec(o.challenge), user: Object.assign({}, o.user, {id: dec(o.user.id)}),
      excludeCredentials: o.excludeCredentials.map(x => Object.assign({}, x, {id: dec(x.id)}))});
    const c = await navigator.credentials.create({publicKey});
    return post(answer, {label: document.getElementById('passkey-label').value,
      clientDataJSON: enc(c.response.clientDataJSON), attestationObject: enc(c.response.attestationObject)});
  });
})();
