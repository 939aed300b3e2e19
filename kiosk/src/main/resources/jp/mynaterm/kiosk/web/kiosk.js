// The kiosk page: renders the session's screen; every text comes from /api/messages (no text here).
'use strict';

const state = { screen: null, lang: null, texts: {}, pin: '', speech: false, lastShown: '', options: {}, copies: 1 };
const $ = (id) => document.getElementById(id);

// MessageFormat subset: {0}, {1}; '' is one apostrophe.
function t(key, ...args) {
  const pattern = state.texts[key];
  if (pattern === undefined) return key;
  return pattern.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? '')).replace(/''/g, "'");
}

// The API answers only this page: the server's per-boot token is in the page.
const TOKEN = document.querySelector('meta[name="mynaterm-token"]').content;
const api = (path, options) => fetch(path, { ...(options || {}), headers: { ...((options || {}).headers || {}), 'X-Mynaterm-Token': TOKEN } });

async function post(path, body) {
  const res = await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  if (res.ok) show(await res.json());
}

async function loadTexts(lang) {
  if (state.lang === lang) return;
  const res = await api('/api/messages?lang=' + encodeURIComponent(lang));
  state.texts = await res.json();
  state.lang = lang;
  document.documentElement.lang = lang === 'ja-easy' ? 'ja' : lang;
  state.lastShown = '';
}

function button(label, onClick, cls) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (cls) b.className = cls;
  b.addEventListener('click', onClick);
  return b;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function speak(key, args) {
  const q = new URLSearchParams({ key, lang: state.lang, token: TOKEN });
  (args || []).forEach((a) => q.append('arg', a));
  const audio = new Audio('/api/speech?' + q.toString());
  audio.play().catch(() => {});
}

// Moments when the kiosk speaks even if speech is off: the card and the certificate must not be forgotten.
const KEY_MOMENTS = new Set(['PrintingTakeCard', 'TakeCertificate', 'TimeoutWarning', 'PinBlocked', 'PartlyPrinted', 'RefundFailed']);

async function show(s) {
  await loadTexts(s.lang || 'ja');
  const signature = JSON.stringify(s);
  if (signature === state.lastShown) return;
  const changedScreen = !state.screen || state.screen.screen !== s.screen;
  state.lastShown = signature;
  state.screen = s;
  render(s);
  if (changedScreen && (state.speech || KEY_MOMENTS.has(s.screen))) speak(s.instruction, speechArgs(s));
}

function speechArgs(s) {
  if (s.screen === 'Fee') return [s.feeYen, s.copies];
  if (s.screen === 'TimeoutWarning') return [s.secondsLeft];
  if (s.screen === 'Queued') return [s.requestId];
  if (s.screen === 'PrintFailed') return [s.refundedYen];
  if (s.screen === 'PartlyPrinted') return [s.printed, s.copies, s.refundedYen];
  if (s.screen === 'RefundFailed') return [s.owedYen, s.reference];
  return [];
}

function render(s) {
  $('title').textContent = t('app.title');
  $('large-text').textContent = t('common.largeText');
  $('high-contrast').textContent = t('common.highContrast');
  $('speak').textContent = t('common.speak');
  $('tools').setAttribute('aria-label', t('common.settings'));
  $('cancel').textContent = t('common.cancel');
  $('call-staff').textContent = t('common.callStaff');
  $('cancel').classList.toggle('hidden', !s.waits || s.screen === 'ChooseLanguage');
  const main = $('screen');
  main.replaceChildren();
  main.dataset.screen = s.screen;
  const h = el('h2', t(s.instruction, ...speechArgs(s)));
  h.id = 'instruction';
  main.append(h);
  const draw = SCREENS[s.screen];
  if (draw) draw(main, s);
  const first = main.querySelector('button');
  if (first) first.focus();
}

const restartButton = () => button(t('common.startOver'), () => post('/api/restart'));

const SCREENS = {
  ChooseLanguage(main) {
    const box = el('div', undefined, 'choices');
    api('/api/languages').then((r) => r.json()).then((langs) => {
      langs.forEach((l) => {
        const b = button(l.name, () => post('/api/language', { tag: l.tag }));
        b.lang = l.tag === 'ja-easy' ? 'ja' : l.tag;
        b.dataset.tag = l.tag;
        box.append(b);
      });
    });
    main.append(box);
  },
  ChooseType(main) {
    const box = el('div', undefined, 'choices wide');
    ['juminhyo', 'inkan', 'shotoku', 'fuhyo'].forEach((type) => {
      const b = button(t('type.' + type), () => post('/api/type', { type }));
      b.dataset.type = type;
      box.append(b);
    });
    main.append(box);
  },
  ChooseOptions(main, s) {
    if (!state.optionsFor || state.optionsFor !== s.certificateType) {
      state.optionsFor = s.certificateType;
      state.options = s.certificateType === 'juminhyo' ? { scope: 'self', honseki: 'no', zokugara: 'no' } : {};
      if (s.certificateType === 'shotoku') state.options.fiscalYear = String(currentFiscalYear());
      state.copies = 1;
    }
    const choice = (label, name, values) => {
      const row = el('div', undefined, 'row');
      row.setAttribute('role', 'group');
      row.append(el('span', label));
      values.forEach(([value, text]) => {
        const b = button(text, () => { state.options[name] = value; render(s); }, state.options[name] === value ? '' : 'secondary');
        b.setAttribute('aria-pressed', String(state.options[name] === value));
        b.dataset.option = name + '=' + value;
        row.append(b);
      });
      main.append(row);
    };
    if (s.certificateType === 'juminhyo') {
      choice('', 'scope', [['self', t('options.scope.self')], ['household', t('options.scope.household')]]);
      choice(t('options.honseki'), 'honseki', [['yes', t('common.yes')], ['no', t('common.no')]]);
      choice(t('options.zokugara'), 'zokugara', [['yes', t('common.yes')], ['no', t('common.no')]]);
    }
    if (s.certificateType === 'shotoku') {
      const fy = currentFiscalYear();
      choice(t('options.fiscalYear'), 'fiscalYear', [fy, fy - 1, fy - 2].map((y) => [String(y), t('options.fiscalYearLabel', y)]));
    }
    const copies = el('div', undefined, 'row');
    copies.append(el('span', t('options.copies')));
    const less = button('−', () => { state.copies = Math.max(1, state.copies - 1); render(s); }, 'secondary');
    less.setAttribute('aria-label', t('options.copiesLess'));
    const count = el('output', String(state.copies), 'big');
    count.id = 'copies';
    const more = button('+', () => { state.copies = Math.min(10, state.copies + 1); render(s); }, 'secondary');
    more.setAttribute('aria-label', t('options.copiesMore'));
    copies.append(less, count, more);
    main.append(copies);
    const next = button(t('common.next'), () => post('/api/options', { options: state.options, copies: state.copies }));
    next.id = 'next';
    main.append(next);
    // Options screens open with the choices; focus the first one, not "next".
  },
  InsertCard(main) {
    main.append(el('p', '▭', 'big'));
  },
  EnterPin(main, s) {
    // Messages on the left, the keypad on the right: everything on one screen, no scrolling.
    // The heading keeps asking for the PIN; the last-try warning is the alert beside it (and is spoken).
    main.firstChild.textContent = t('pin.prompt');
    const layout = el('div', undefined, 'pin-layout');
    const side = el('div');
    if (s.wasWrong) side.append(el('p', t('pin.wrong'), 'alert'));
    side.append(el('p', t('pin.triesLeft', s.triesLeft)));
    if (s.triesLeft === 1) {
      const warn = el('p', t('pin.lastTry'), 'alert');
      warn.setAttribute('role', 'alert');
      side.append(warn);
    }
    const dots = el('p', '●'.repeat(state.pin.length) + '○'.repeat(4 - state.pin.length), 'dots');
    dots.setAttribute('aria-label', t('pin.entered', state.pin.length));
    dots.id = 'pin-dots';
    side.append(dots);
    const pad = el('div', undefined, 'keypad');
    const press = (d) => { if (state.pin.length < 4) { state.pin += d; render(s); } };
    ['1', '2', '3', '4', '5', '6', '7', '8', '9'].forEach((d) => pad.append(button(d, () => press(d))));
    const del = button('⌫', () => { state.pin = state.pin.slice(0, -1); render(s); }, 'secondary');
    del.setAttribute('aria-label', t('pin.delete'));
    pad.append(del, button('0', () => press('0')));
    const ok = button(t('pin.ok'), () => { const pin = state.pin; state.pin = ''; post('/api/pin', { pin }); });
    ok.id = 'pin-ok';
    ok.disabled = state.pin.length !== 4;
    pad.append(ok);
    layout.append(side, pad);
    main.append(layout);
  },
  Working() {},
  Fee(main, s) {
    main.firstChild.textContent = t('fee.show', s.feeYen, s.copies);
    const pay = button(t('fee.payButton'), () => post('/api/pay'));
    pay.id = 'pay';
    main.append(pay);
  },
  Paying() {},
  PrintingTakeCard(main) {
    main.prepend(el('p', t('print.printing')));
    main.querySelector('#instruction').classList.add('big');
  },
  TakeCertificate(main) {
    main.querySelector('#instruction').classList.add('big');
    main.append(button(t('done.received'), () => post('/api/finish')));
  },
  Done(main) {
    main.append(restartButton());
    setTimeout(() => { if (state.screen && state.screen.screen === 'Done') post('/api/restart'); }, 8000);
  },
  Refused(main) { main.append(restartButton()); },
  PinBlocked(main) { main.append(restartButton()); },
  CardUnusable(main) { main.append(restartButton()); },
  CardRemoved(main) { main.append(restartButton()); },
  HubDown(main) {
    main.prepend(el('p', t('hub.down'), 'alert'));
    const leave = button(t('hub.down.leaveRequest'), () => post('/api/offline'));
    leave.id = 'leave-request';
    main.append(leave);
  },
  RequestChoice(main, s) {
    // An optional phone number for questions, on a digit pad (a kiosk has no keyboard), then the choice.
    state.contact = state.contact || '';
    main.append(el('p', t('request.contact')));
    const shown = el('output', state.contact || '—', 'big');
    shown.id = 'contact';
    main.append(shown);
    const pad = el('div', undefined, 'keypad');
    const press = (d) => { if (state.contact.length < 15) { state.contact += d; render(s); } };
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].forEach((d) => pad.append(button(d, () => press(d), 'secondary')));
    const del = button('⌫', () => { state.contact = state.contact.slice(0, -1); render(s); }, 'secondary');
    del.setAttribute('aria-label', t('pin.delete'));
    pad.append(del);
    main.append(pad);
    const choose = (delivery, text) => {
      const b = button(text, () => { const contact = state.contact; state.contact = ''; post('/api/request', { delivery, contact }); });
      b.id = 'request-' + delivery;
      main.append(b);
    };
    choose('counter', t('request.counter', s.counterFeeYen));
    choose('post', t('request.post', s.postFeeYen));
  },
  Queued(main, s) {
    main.firstChild.textContent = t('hub.down.queued', s.requestId);
    main.append(el('p', t(s.delivery === 'post' ? 'request.post' : 'request.counter', s.feeYen)));
    main.append(restartButton());
  },
  PaymentFailed(main) {
    const retry = button(t('pay.retry'), () => post('/api/pay'));
    retry.id = 'pay-retry';
    main.append(retry);
  },
  PrintFailed(main, s) {
    main.firstChild.textContent = t('print.failedRefunded', s.refundedYen);
    main.append(restartButton());
  },
  PartlyPrinted(main) {
    main.append(restartButton());
  },
  RefundFailed() {},
  TimeoutWarning(main, s) {
    main.firstChild.textContent = t('timeout.warning', s.secondsLeft);
    const go = button(t('timeout.continue'), () => post('/api/continue'));
    go.id = 'continue';
    main.append(go);
  },
  Fault() {},
};

function currentFiscalYear() {
  const now = new Date();
  return now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
}

function toggle(id, cls) {
  const b = $(id);
  const on = b.getAttribute('aria-pressed') !== 'true';
  b.setAttribute('aria-pressed', String(on));
  if (cls) document.body.classList.toggle(cls, on);
  return on;
}

$('large-text').addEventListener('click', () => toggle('large-text', 'large-text'));
$('high-contrast').addEventListener('click', () => toggle('high-contrast', 'high-contrast'));
$('speak').addEventListener('click', () => {
  state.speech = toggle('speak');
  if (state.speech && state.screen) speak(state.screen.instruction, speechArgs(state.screen));
});
$('cancel').addEventListener('click', () => { state.pin = ''; post('/api/cancel'); });
$('call-staff').addEventListener('click', () => api('/api/staff', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));

async function poll() {
  try {
    const res = await api('/api/state');
    if (res.ok) await show(await res.json());
  } catch (e) {
    // the kiosk service restarts: keep polling
  }
  setTimeout(poll, 400);
}
poll();
