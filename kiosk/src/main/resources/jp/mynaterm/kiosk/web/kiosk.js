// The kiosk page: renders the session's screen; every text comes from /api/messages (no text here).
// Usable by touch, and by a numeric keypad with speech alone (closed functionality, EN 301 549 §5.1.3):
// digits choose the numbered item (or type the PIN), Enter confirms, + moves to the next item,
// - goes back (or deletes a PIN digit), . reads the screen again with the keys' help.
'use strict';

// The PIN as character codes in a byte array, wiped after sending: never a string the page keeps.
const pin = { digits: new Uint8Array(4), length: 0 };
const state = { screen: null, lang: null, texts: {}, speech: false, lastShown: '', options: {}, copies: 1, keyFocus: false, keepModes: false };
const $ = (id) => document.getElementById(id);

// ICU MessageFormat, the subset the bundles use: {0}, {0, number}, {0, plural, =0 {…} one {…} other {…}}
// with # for the count, and '' for one apostrophe. Plural forms by the language's CLDR rules (Intl).
function format(pattern, args, lang) {
  const rules = new Intl.PluralRules(lang === 'ja-easy' ? 'ja' : lang === 'tl' ? 'fil' : lang);
  let i = 0;
  const skipSpace = () => { while (/\s/.test(pattern[i] || '')) i++; };
  function message(count) {
    let out = '';
    while (i < pattern.length && pattern[i] !== '}') {
      const c = pattern[i];
      if (c === "'" && pattern[i + 1] === "'") { out += "'"; i += 2; } else if (c === '#' && count !== undefined) { out += String(count); i++; } else if (c === '{') { i++; out += argument(); } else { out += c; i++; }
    }
    return out;
  }
  function argument() {
    let name = '';
    while (pattern[i] !== ',' && pattern[i] !== '}') name += pattern[i++];
    const value = args[Number(name.trim())];
    if (pattern[i++] === '}') return String(value ?? '');
    let type = '';
    while (pattern[i] !== ',' && pattern[i] !== '}') type += pattern[i++];
    if (type.trim() !== 'plural') { while (pattern[i] !== '}') i++; i++; return String(value ?? ''); }
    i++;
    const n = Number(value);
    const forms = {};
    for (skipSpace(); pattern[i] !== '}'; skipSpace()) {
      let selector = '';
      while (pattern[i] !== '{' && !/\s/.test(pattern[i])) selector += pattern[i++];
      skipSpace();
      i++;
      forms[selector] = message(n);
      i++;
    }
    i++;
    return forms['=' + n] ?? forms[rules.select(n)] ?? forms.other ?? '';
  }
  return message();
}

function t(key, ...args) {
  const pattern = state.texts[key];
  return pattern === undefined ? key : format(pattern, args, state.lang);
}

// やさしい日本語 carries ruby (<ruby>漢字<rt>かんじ</rt></ruby>), the only markup a text may hold: it is
// built as elements, never parsed as HTML.
const RUBY = /<ruby>([^<]*)<rt>([^<]*)<\/rt><\/ruby>/g;
const plain = (text) => text.replace(RUBY, '$1');
function setText(e, text) {
  e.replaceChildren();
  let last = 0;
  for (const m of text.matchAll(RUBY)) {
    e.append(text.slice(last, m.index));
    const ruby = document.createElement('ruby');
    const rt = document.createElement('rt');
    rt.textContent = m[2];
    ruby.append(m[1], rt);
    e.append(ruby);
    last = m.index + m[0].length;
  }
  e.append(text.slice(last));
  return e;
}

// The API answers only this page: the server's per-boot token is in the page.
const TOKEN = document.querySelector('meta[name="mynaterm-token"]').content;
const api = (path, options) => fetch(path, { ...(options || {}), headers: { ...((options || {}).headers || {}), 'X-Mynaterm-Token': TOKEN } });

async function post(path, body) {
  const res = await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  if (res.ok) show(await res.json());
}

// Every touch and key keeps the session alive, not only the steps that reach the server.
const activity = () => post('/api/activity');

async function loadTexts(lang) {
  if (state.lang === lang) return;
  const res = await api('/api/messages?lang=' + encodeURIComponent(lang));
  state.texts = await res.json();
  state.lang = lang;
  document.documentElement.lang = lang === 'ja-easy' ? 'ja' : lang;
  state.lastShown = '';
}

// A control says what it is: its message key (with arguments), in the page's language unless given.
function button(label, onClick, cls, say) {
  const b = document.createElement('button');
  b.type = 'button';
  setText(b, label);
  if (cls) b.className = cls;
  b.say = say || [];
  b.addEventListener('click', onClick);
  return b;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) setText(e, text);
  if (cls) e.className = cls;
  return e;
}

// --- speech: parts are [key, ...args]; the server speaks each utterance as one WAV. The requests go
// out at once (in order) and play one after another; a new screen interrupts what is still playing.
let epoch = 0;
let playing = Promise.resolve();
let audio = null;

function speakParts(segments, interrupt) {
  if (interrupt !== false) {
    epoch++;
    if (audio) audio.pause();
    playing = Promise.resolve();
  }
  const mine = epoch;
  const groups = [];
  segments.forEach((s) => {
    const lang = s.lang || state.lang;
    if (!groups.length || groups[groups.length - 1].lang !== lang) groups.push({ lang, parts: [] });
    groups[groups.length - 1].parts.push(s.part);
  });
  groups.forEach((g) => {
    const q = new URLSearchParams({ lang: g.lang });
    g.parts.forEach((p) => q.append('say', p.join('|')));
    const wav = api('/api/speech?' + q.toString()).then((r) => (r.ok ? r.blob() : null)).catch(() => null);
    playing = playing.then(() => wav).then((blob) => (blob && mine === epoch ? play(blob) : null));
  });
}

function play(blob) {
  return new Promise((done) => {
    audio = new Audio(URL.createObjectURL(blob));
    audio.onended = done;
    audio.onerror = done;
    audio.onpause = done;
    audio.play().catch(done); // no sound device or no autoplay: go on
  });
}

const seg = (part, lang) => ({ part, lang });

// Moments when the kiosk speaks even if speech is off: the card and the certificate must not be forgotten.
const KEY_MOMENTS = new Set(['PrintingTakeCard', 'TakeCertificate', 'TimeoutWarning', 'PinBlocked', 'PartlyPrinted', 'RefundFailed']);

function speechArgs(s) {
  if (s.screen === 'Fee') return [s.feeYen, s.copies];
  if (s.screen === 'TimeoutWarning') return [s.secondsLeft];
  if (s.screen === 'Queued') return [s.requestId];
  if (s.screen === 'PrintFailed') return [s.refundedYen];
  if (s.screen === 'PartlyPrinted') return [s.printed, s.copies, s.refundedYen];
  if (s.screen === 'RefundFailed') return [s.owedYen, s.reference];
  return [];
}

// What the screen says: its instruction, what it shows beside it, then each numbered item with its state.
function screenSpeech(s, withHelp) {
  const parts = [seg([s.instruction, ...speechArgs(s)])];
  (SAY[s.screen] ? SAY[s.screen](s) : []).forEach((p) => parts.push(seg(p)));
  numbered().forEach((b, n) => parts.push(...controlSpeech(b, n + 1)));
  if (withHelp) parts.push(seg(['keys.help']));
  return parts;
}

function controlSpeech(b, n) {
  const parts = [seg(['speech.number', n], b.sayLang)];
  b.say.forEach((p) => parts.push(seg(p, b.sayLang)));
  if (b.getAttribute('aria-pressed') === 'true') parts.push(seg(['speech.selected']));
  return parts;
}

const SAY = {
  ChooseOptions: () => [['options.copies'], ['options.copiesNow', state.copies]],
  InsertCard: (s) => (s.feeYen != null ? [['fee.show', s.feeYen, s.copies]] : []),
  EnterPin: (s) => [...(s.wasWrong ? [['pin.wrong']] : []), ['pin.triesLeft', s.triesLeft], ...(s.onPad ? [['pin.onPadHow']] : [])],
  HubDown: () => [['hub.down']],
};

// The items a digit chooses: the screen's buttons in order (the PIN keypad's digits are the PIN).
function numbered() {
  return [...$('screen').querySelectorAll('button')].filter((b) => !b.closest('.keypad') && !b.disabled);
}

// --- screens

const STEPS = { ChooseType: 1, ChooseOptions: 2, InsertCard: 3, EnterPin: 4, Fee: 5, Paying: 5, PaymentFailed: 5, PrintingTakeCard: 6, TakeCertificate: 6 };
const STEP_COUNT = 6;
const BACK = new Set(['ChooseType', 'ChooseOptions', 'InsertCard']);

async function show(s) {
  await loadTexts(s.lang || 'ja');
  if (s.alerts) {
    alerts.active = s.alerts;
    delete s.alerts;
  }
  const signature = JSON.stringify(s);
  if (signature === state.lastShown) return;
  const before = state.screen;
  const changedScreen = !before || before.screen !== s.screen;
  // The next resident finds the kiosk as the first one did: standard display, speech off.
  if (changedScreen && before && s.screen === 'ChooseLanguage' && !state.keepModes) resetModes();
  state.keepModes = false;
  state.lastShown = signature;
  state.screen = s;
  render(s);
  if (changedScreen) {
    state.keyFocus = false;
    if (s.screen === 'ChooseLanguage') alerts.dismissed.clear(); // the next resident sees the alerts again
    if (!alertShowing() && (state.speech || KEY_MOMENTS.has(s.screen))) speakParts(screenSpeech(s));
  }
}

// --- emergency alerts from the city: full screen over the page and spoken, whether or not speech is
// on. High priority interrupts a resident's session; normal waits for the start screen. The resident
// may close one to go on; it comes back at the start screen while it is active (after a minute there).
const alerts = { active: [], dismissed: new Map(), shown: null };
const ALERT_RETURNS_MS = 60000;
const ALERT_LANGS = ['ja', 'ja-easy', 'en'];
const alertShowing = () => alerts.shown !== null;

function alertToShow() {
  const s = state.screen;
  if (!s) return null;
  const now = Date.now();
  return alerts.active.find((a) => {
    const at = alerts.dismissed.get(a.id);
    if (at !== undefined && !(s.screen === 'ChooseLanguage' && now - at > ALERT_RETURNS_MS)) return false;
    return a.priority === 'high' || s.screen === 'ChooseLanguage';
  }) || null;
}

function updateAlert() {
  const a = alertToShow();
  const id = a ? a.id + '|' + state.lang : null;
  if (id === alerts.shown) return;
  alerts.shown = id;
  const box = $('alert');
  box.classList.toggle('hidden', !a);
  for (const part of ['header', 'steps', 'screen', 'footer']) {
    const e = part === 'header' || part === 'footer' ? document.querySelector(part) : $(part);
    e.inert = !!a;
  }
  if (!a) return;
  box.dataset.severity = a.severity;
  box.dataset.alert = a.id;
  const lang = a.text[state.lang] ? state.lang : 'ja';
  setText($('alert-title'), t('alert.title.' + a.severity));
  setText($('alert-text'), a.text[lang]).lang = htmlLang(lang);
  const others = $('alert-others');
  others.replaceChildren();
  ALERT_LANGS.filter((l) => l !== lang && a.text[l]).forEach((l) => { others.append(el('p', a.text[l])); others.lastChild.lang = htmlLang(l); });
  setText($('alert-dismiss'), t('alert.dismiss'));
  $('alert-dismiss').focus();
  api('/api/alert-shown', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: a.id }) });
  speakAlert(a);
}

const htmlLang = (l) => (l === 'ja-easy' ? 'ja' : l);

// The alert in the page's language; at the start screen (no language chosen yet) in Japanese and English.
function speakAlert(a) {
  epoch++;
  if (audio) audio.pause();
  playing = Promise.resolve();
  const mine = epoch;
  const langs = state.screen && state.screen.screen === 'ChooseLanguage' ? ['ja', 'en'] : [state.lang];
  langs.forEach((lang) => {
    const wav = api('/api/alert-speech?' + new URLSearchParams({ id: a.id, lang }).toString()).then((r) => (r.ok ? r.blob() : null)).catch(() => null);
    playing = playing.then(() => wav).then((blob) => (blob && mine === epoch ? play(blob) : null));
  });
}

function dismissAlert() {
  const id = $('alert').dataset.alert;
  if (!id) return;
  alerts.dismissed.set(id, Date.now());
  epoch++;
  if (audio) audio.pause();
  updateAlert();
  if (!alertShowing() && state.screen) {
    render(state.screen);
    if (state.speech) speakParts(screenSpeech(state.screen));
  }
}

function render(s) {
  setText($('title'), t('app.title'));
  setText($('large-text'), t('common.largeText'));
  setText($('high-contrast'), t('common.highContrast'));
  setText($('speak'), t('common.speak'));
  $('tools').setAttribute('aria-label', plain(t('common.settings')));
  setText($('cancel'), t('common.cancel'));
  setText($('back'), t('common.back'));
  setText($('call-staff'), t('common.callStaff'));
  setText($('keys-help'), t('keys.help'));
  $('cancel').classList.toggle('hidden', !s.waits || s.screen === 'ChooseLanguage');
  $('back').classList.toggle('hidden', !canGoBack(s));
  const step = STEPS[s.screen] || (s.screen === 'Working' && s.messageKey === 'card.reading' ? 3 : 0);
  const steps = $('steps');
  steps.replaceChildren();
  steps.classList.toggle('hidden', !step);
  if (step) {
    steps.setAttribute('aria-label', plain(t('step.of', step, STEP_COUNT)));
    for (let n = 1; n <= STEP_COUNT; n++) steps.append(el('li', String(n), n < step ? 'done' : n === step ? 'current' : ''));
    steps.children[step - 1].setAttribute('aria-current', 'step');
  }
  const main = $('screen');
  main.replaceChildren();
  main.dataset.screen = s.screen;
  const h = el('h2', t(s.instruction, ...speechArgs(s)));
  h.id = 'instruction';
  main.append(h);
  const draw = SCREENS[s.screen];
  if (draw) draw(main, s);
  numbered().forEach((b, n) => { if (n < 9) b.dataset.n = String(n + 1); });
  const first = main.querySelector('button');
  if (first && !state.keyFocus) first.focus();
}

// On a reader with a PIN pad the pad's own Cancel key ends the PIN entry (the card is busy until it answers).
const canGoBack = (s) => BACK.has(s.screen) || (s.screen === 'EnterPin' && !s.offline && !s.onPad);

const restartButton = () => button(t('common.startOver'), () => post('/api/restart'), 'primary', [['common.startOver']]);

function primary(b) {
  b.classList.add('primary');
  b.dataset.primary = '';
  return b;
}

// Where the card goes: the reader below the screen, the card laid on it face up.
const CARD_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="480" height="360" focusable="false">
  <rect x="60" y="10" width="280" height="150" rx="12" fill="none" style="stroke: currentColor" stroke-width="8"/>
  <rect x="90" y="200" width="220" height="70" rx="10" style="fill: var(--accent); stroke: currentColor" opacity="0.25"  stroke-width="6"/>
  <g class="card-move"><rect x="130" y="120" width="140" height="88" rx="10" style="fill: var(--bg); stroke: var(--accent)"  stroke-width="8"/>
  <circle cx="160" cy="160" r="14" style="fill: var(--accent)"/><rect x="185" y="145" width="60" height="10" style="fill: currentColor"/><rect x="185" y="165" width="45" height="10" style="fill: currentColor"/></g>
  <path d="M200 212 v30 m-16 -16 l16 16 l16 -16" style="stroke: var(--warn)" stroke-width="8" fill="none" stroke-linecap="round"/>
</svg>`;

const SCREENS = {
  ChooseLanguage(main) {
    const box = el('div', undefined, 'choices');
    main.append(box);
    api('/api/languages').then((r) => r.json()).then((langs) => {
      langs.forEach((l) => {
        const b = button(l.name, () => post('/api/language', { tag: l.tag }), undefined, [['lang.name']]);
        b.lang = l.tag === 'ja-easy' ? 'ja' : l.tag;
        b.sayLang = l.tag;
        b.dataset.tag = l.tag;
        box.append(b);
      });
      numbered().forEach((b, n) => { b.dataset.n = String(n + 1); });
      if (!state.keyFocus && box.firstChild) box.firstChild.focus();
    });
  },
  ChooseType(main) {
    const box = el('div', undefined, 'choices wide');
    ['juminhyo', 'inkan', 'shotoku', 'fuhyo'].forEach((type) => {
      const b = button(t('type.' + type), () => post('/api/type', { type }), undefined, [['type.' + type]]);
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
    const choice = (labelKey, name, values) => {
      const row = el('div', undefined, 'row');
      row.setAttribute('role', 'group');
      if (labelKey) {
        const label = el('span', t(labelKey));
        label.id = 'label-' + name;
        row.setAttribute('aria-labelledby', label.id);
        row.append(label);
      }
      values.forEach(([value, textKey, ...args]) => {
        const say = labelKey ? [[labelKey], [textKey, ...args]] : [[textKey, ...args]];
        const b = button(t(textKey, ...args), () => { state.options[name] = value; changed(s, b); }, state.options[name] === value ? '' : 'secondary', say);
        b.setAttribute('aria-pressed', String(state.options[name] === value));
        b.dataset.option = name + '=' + value;
        row.append(b);
      });
      main.append(row);
    };
    if (s.certificateType === 'juminhyo') {
      choice('', 'scope', [['self', 'options.scope.self'], ['household', 'options.scope.household']]);
      choice('options.honseki', 'honseki', [['yes', 'common.yes'], ['no', 'common.no']]);
      choice('options.zokugara', 'zokugara', [['yes', 'common.yes'], ['no', 'common.no']]);
    }
    if (s.certificateType === 'shotoku') {
      const fy = currentFiscalYear();
      choice('options.fiscalYear', 'fiscalYear', [fy, fy - 1, fy - 2].map((y) => [String(y), 'options.fiscalYearLabel', y]));
    }
    const copies = el('div', undefined, 'row');
    copies.setAttribute('role', 'group');
    const label = el('span', t('options.copies'));
    label.id = 'label-copies';
    copies.setAttribute('aria-labelledby', label.id);
    copies.append(label);
    const less = button('−', () => { state.copies = Math.max(1, state.copies - 1); changed(s, less); }, 'secondary', [['options.copiesLess']]);
    less.setAttribute('aria-label', plain(t('options.copiesLess')));
    less.id = 'copies-less';
    const count = el('output', String(state.copies), 'big');
    count.id = 'copies';
    count.setAttribute('aria-live', 'polite');
    const more = button('+', () => { state.copies = Math.min(10, state.copies + 1); changed(s, more); }, 'secondary', [['options.copiesMore']]);
    more.setAttribute('aria-label', plain(t('options.copiesMore')));
    more.id = 'copies-more';
    copies.append(less, count, more);
    main.append(copies);
    const next = primary(button(t('common.next'), () => post('/api/options', { options: state.options, copies: state.copies }), undefined, [['common.next']]));
    next.id = 'next';
    main.append(next);
    // Options screens open with the choices; focus the first one, not "next".
  },
  InsertCard(main, s) {
    if (s.feeYen != null) main.append(el('p', t('fee.show', s.feeYen, s.copies), 'fee'));
    const figure = el('div', undefined, 'illustration');
    figure.setAttribute('role', 'img');
    figure.setAttribute('aria-label', plain(t('card.illustration')));
    figure.innerHTML = CARD_SVG; // a constant of this script, no text from outside
    main.append(figure, el('p', t('card.illustration')));
  },
  EnterPin(main, s) {
    // Messages on the left, the keypad on the right: everything on one screen, no scrolling.
    // The heading keeps asking for the PIN; the last-try warning is the alert beside it (and is spoken).
    setText(main.firstChild, t(s.onPad ? 'pin.onPad' : 'pin.prompt'));
    const layout = el('div', undefined, 'pin-layout');
    const side = el('div');
    if (s.wasWrong) side.append(el('p', t('pin.wrong'), 'alert'));
    side.append(el('p', t('pin.triesLeft', s.triesLeft)));
    if (s.triesLeft === 1) {
      const warn = el('p', t('pin.lastTry'), 'alert');
      warn.setAttribute('role', 'alert');
      side.append(warn);
    }
    if (s.onPad) {
      // The reader's own PIN pad: the PIN goes from its keys to the card, never through this page.
      side.append(el('p', t('pin.onPadHow')));
      main.append(side);
      return;
    }
    const dots = el('p', '●'.repeat(pin.length) + '○'.repeat(4 - pin.length), 'dots');
    dots.setAttribute('aria-label', plain(t('pin.entered', pin.length)));
    dots.id = 'pin-dots';
    side.append(dots);
    const pad = el('div', undefined, 'keypad');
    const press = (d) => pinDigit(d);
    ['1', '2', '3', '4', '5', '6', '7', '8', '9'].forEach((d) => pad.append(button(d, () => press(d))));
    const del = button('⌫', () => pinDelete(), 'secondary');
    del.setAttribute('aria-label', plain(t('pin.delete')));
    pad.append(del, button('0', () => press('0')));
    const ok = button(t('pin.ok'), () => pinOk());
    ok.id = 'pin-ok';
    ok.disabled = pin.length !== 4;
    pad.append(ok);
    layout.append(side, pad);
    main.append(layout);
  },
  Working(main) {
    main.append(el('div', undefined, 'spinner'));
  },
  Fee(main, s) {
    setText(main.firstChild, t('fee.show', s.feeYen, s.copies));
    const pay = primary(button(t('fee.payButton'), () => post('/api/pay'), undefined, [['fee.payButton']]));
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
    main.append(primary(button(t('done.received'), () => post('/api/finish'), undefined, [['done.received']])));
  },
  Done(main) {
    main.append(primary(restartButton()));
    setTimeout(() => { if (state.screen && state.screen.screen === 'Done') post('/api/restart'); }, 8000);
  },
  Refused(main) { main.append(primary(restartButton())); },
  PinBlocked(main) { main.append(primary(restartButton())); },
  CardUnusable(main) { main.append(primary(restartButton())); },
  CardRemoved(main) { main.append(primary(restartButton())); },
  HubDown(main) {
    main.prepend(el('p', t('hub.down'), 'alert'));
    const leave = primary(button(t('hub.down.leaveRequest'), () => post('/api/offline'), undefined, [['hub.down.leaveRequest']]));
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
    setText(main.firstChild, t('hub.down.queued', s.requestId));
    main.append(el('p', t(s.delivery === 'post' ? 'request.post' : 'request.counter', s.feeYen)));
    main.append(primary(restartButton()));
  },
  PaymentFailed(main) {
    const retry = primary(button(t('pay.retry'), () => post('/api/pay'), undefined, [['pay.retry']]));
    retry.id = 'pay-retry';
    main.append(retry);
  },
  PrintFailed(main, s) {
    setText(main.firstChild, t('print.failedRefunded', s.refundedYen));
    main.append(primary(restartButton()));
  },
  PartlyPrinted(main) {
    main.append(restartButton());
  },
  RefundFailed() {},
  TimeoutWarning(main, s) {
    setText(main.firstChild, t('timeout.warning', s.secondsLeft));
    const go = primary(button(t('timeout.continue'), () => post('/api/continue'), undefined, [['timeout.continue']]));
    go.id = 'continue';
    main.append(go);
  },
  Fault() {},
};

// An option changed on the screen: redraw, keep the focus on it, say its new state, keep the session alive.
function changed(s, b) {
  const id = b.id || b.dataset.option;
  render(s);
  const again = [...$('screen').querySelectorAll('button')].find((x) => (x.id || x.dataset.option) === id);
  if (again) {
    again.focus();
    state.keyFocus = true;
    if (state.speech) speakParts(again.id && again.id.startsWith('copies') ? [seg(['options.copiesNow', state.copies])] : controlSpeech(again, numbered().indexOf(again) + 1));
  }
  activity();
}

// The PIN: digits are only counted aloud, never said.
function pinDigit(d) {
  if (pin.length >= 4) return;
  pin.digits[pin.length++] = d.charCodeAt(0);
  pinChanged();
}

function pinDelete() {
  if (pin.length > 0) pin.digits[--pin.length] = 0;
  pinChanged();
}

function pinClear() {
  pin.digits.fill(0);
  pin.length = 0;
}

function pinChanged() {
  render(state.screen);
  if (state.speech) speakParts([seg(['pin.entered', pin.length])]);
  activity();
}

function pinOk() {
  if (pin.length !== 4) return;
  // {"pin":"dddd"} built from the digits' bytes, as the server reads it (PinBody), then wiped.
  const body = new Uint8Array(14);
  body.set([123, 34, 112, 105, 110, 34, 58, 34], 0);
  body.set(pin.digits, 8);
  body.set([34, 125], 12);
  pinClear();
  api('/api/pin', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    .then(async (res) => {
      body.fill(0);
      if (res.ok) show(await res.json());
    });
}

function currentFiscalYear() {
  const now = new Date();
  return now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
}

function setMode(id, cls, on) {
  $(id).setAttribute('aria-pressed', String(on));
  if (cls) document.body.classList.toggle(cls, on);
}

function toggle(id, cls) {
  const on = $(id).getAttribute('aria-pressed') !== 'true';
  setMode(id, cls, on);
  if (state.screen && state.screen.screen !== 'ChooseLanguage') activity();
  return on;
}

function resetModes() {
  setMode('large-text', 'large-text', false);
  setMode('high-contrast', 'high-contrast', false);
  setMode('speak', null, false);
  state.speech = false;
  pinClear();
  state.optionsFor = null;
}

function back() {
  if (!state.screen || !canGoBack(state.screen)) return;
  pinClear();
  state.keepModes = true; // the same resident, going back to change the language
  post('/api/back');
}

$('large-text').addEventListener('click', () => toggle('large-text', 'large-text'));
$('high-contrast').addEventListener('click', () => toggle('high-contrast', 'high-contrast'));
$('speak').addEventListener('click', () => {
  state.speech = toggle('speak');
  if (state.speech && state.screen) speakParts(screenSpeech(state.screen));
});
$('back').addEventListener('click', back);
$('alert-dismiss').addEventListener('click', dismissAlert);
$('cancel').addEventListener('click', () => { pinClear(); post('/api/cancel'); });
$('call-staff').addEventListener('click', () => api('/api/staff', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));

// --- the numeric keypad. By code, so it works with NumLock on or off; the main keyboard's keys too.
function keyOf(e) {
  const m = /^(?:Numpad|Digit)(\d)$/.exec(e.code) || /^(\d)$/.exec(e.key);
  if (m) return m[1];
  if (e.code === 'NumpadEnter' || e.key === 'Enter') return 'enter';
  if (e.code === 'NumpadAdd' || e.key === '+') return 'next';
  if (e.code === 'NumpadSubtract' || e.key === '-' || e.key === 'Backspace') return 'back';
  if (e.code === 'NumpadDecimal' || e.key === '.' || e.key === 'Delete' || e.key === ',') return 'help';
  return null;
}

document.addEventListener('keydown', (e) => {
  const key = keyOf(e);
  const s = state.screen;
  if (!key || !s) return;
  e.preventDefault();
  if (alertShowing()) { // Enter closes the alert, . says it again; nothing else reaches the screen beneath
    const a = alerts.active.find((x) => x.id === $('alert').dataset.alert);
    if (key === 'enter') dismissAlert();
    else if (key === 'help' && a) speakAlert(a);
    return;
  }
  // Someone using the keypad may not see the screen: the first key turns speech on and reads the
  // screen, and does nothing else, so nothing is chosen unheard.
  if (!state.speech) {
    setMode('speak', null, true);
    state.speech = true;
    speakParts(screenSpeech(s, true));
    if (s.screen !== 'ChooseLanguage') activity();
    return;
  }
  if (s.screen !== 'ChooseLanguage') activity();
  if (key === 'help') return speakParts(screenSpeech(s, true));
  if (s.screen === 'EnterPin' && !s.onPad) {
    if (/\d/.test(key)) return pinDigit(key);
    if (key === 'enter') return pin.length === 4 ? pinOk() : speakParts([seg(['pin.entered', pin.length]), seg(['pin.prompt'])]);
    if (key === 'back' && pin.length > 0) return pinDelete();
  }
  const items = numbered();
  if (/\d/.test(key)) {
    const b = items[Number(key) - 1];
    if (b) {
      state.keyFocus = false;
      b.click();
    }
    return;
  }
  if (key === 'next') {
    if (!items.length) return;
    const at = items.indexOf(document.activeElement);
    const b = items[state.keyFocus ? (at + 1) % items.length : Math.max(at, 0)];
    b.focus();
    state.keyFocus = true;
    return speakParts(controlSpeech(b, items.indexOf(b) + 1));
  }
  if (key === 'enter') {
    const focused = state.keyFocus && items.includes(document.activeElement) ? document.activeElement : $('screen').querySelector('[data-primary]');
    if (focused) focused.click();
    else speakParts(screenSpeech(s, true));
    return;
  }
  if (key === 'back') {
    if (canGoBack(s)) back();
    else speakParts(screenSpeech(s, true));
  }
});

async function poll() {
  try {
    const res = await api('/api/state');
    if (res.ok) await show(await res.json());
    updateAlert();
  } catch (e) {
    // the kiosk service restarts: keep polling
  }
  setTimeout(poll, 400);
}
poll();
