// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/nhsuk/nhsuk-frontend.min.js';

initAll();

/**
 * Rota forms: show the safe capacity the rota would give as the manager types, by the same rule the
 * server uses (domain `safeCapacity`): total = sum of each clinician's contacts, or the role's figure;
 * urgent = round(total x urgent share / 100); routine = the rest. The server still checks on save.
 */
function liveCapacity(form) {
  const out = form.querySelector('[data-live-capacity]');
  if (!out) return;
  const roleContacts = JSON.parse(form.dataset.roleContacts || '{}');
  const urgentPct = Number(form.dataset.urgentShare || 0);
  const admin = Number(form.dataset.adminAllowance || 0);
  const rows = Number(form.querySelector('input[name="rows"]').value);
  const update = () => {
    const closed = form.querySelector('input[name="closed"]')?.checked;
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const id = form.querySelector(`[name="id-${i}"]`)?.value.trim();
      const raw = form.querySelector(`[name="contacts-${i}"]`)?.value.trim();
      const role = form.querySelector(`[name="role-${i}"]`)?.value;
      if (!id) continue;
      const n = raw === '' ? roleContacts[role] ?? 0 : Number(raw);
      // The same bounds the server checks (0 to 200 whole contacts): a value it would refuse adds nothing.
      if (Number.isInteger(n) && n >= 0 && n <= 200 && (raw === '' || /^\d+$/.test(raw))) total += n;
    }
    if (closed) total = 0;
    const urgent = Math.min(total, Math.round((total * urgentPct) / 100));
    const text = `This rota gives ${total} safe ${total === 1 ? 'contact' : 'contacts'}: ${total - urgent} routine and ${urgent} held back for urgent same-day need. Admin allowance: ${admin}.`;
    out.innerHTML = '';
    const inset = document.createElement('div');
    inset.className = 'nhsuk-inset-text';
    const p = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = text;
    p.append(strong);
    inset.append(p);
    out.append(inset);
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}

document.querySelectorAll('form.app-rota-form').forEach(liveCapacity);

/**
 * Today at a glance stays current: every 30 seconds (while the tab is visible) it fetches its own page
 * and swaps in the part that changes, without a reload, and says a level change in a polite live
 * region. Staff can stop it (WCAG 2.2.2). Without this script the page has a Refresh link.
 */
function liveToday(region) {
  const toggle = document.querySelector('[data-live-toggle]');
  const button = document.getElementById('live-toggle');
  const status = document.getElementById('live-status');
  let timer = null;
  const refresh = async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(region.dataset.liveUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      // A redirect means the session ended: leave the page as it is rather than show a sign-in form in it.
      if (!res.ok || res.redirected) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const next = doc.getElementById('today-live');
      const updated = doc.getElementById('updated');
      if (!next || !updated) return;
      const before = document.getElementById('level')?.dataset.level;
      region.replaceChildren(...next.childNodes);
      const mine = document.getElementById('updated');
      mine.textContent = updated.textContent;
      mine.setAttribute('datetime', updated.getAttribute('datetime') || '');
      const after = document.getElementById('level');
      if (after && before !== after.dataset.level) status.textContent = `Safeguard level is now ${after.textContent.trim()}.`;
    } catch {
      // Offline for a moment: try again next time.
    }
  };
  const start = () => {
    timer = setInterval(refresh, Number(region.dataset.liveEvery || 30000));
    button.textContent = 'Stop updating';
  };
  const stop = () => {
    clearInterval(timer);
    timer = null;
    button.textContent = 'Start updating';
  };
  button.addEventListener('click', () => (timer ? stop() : start()));
  toggle.hidden = false;
  start();
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && timer) refresh();
  });
}

const today = document.getElementById('today-live');
if (today) liveToday(today);
