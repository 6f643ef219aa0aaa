// Probe background: answers the harness self-test's messages.
const api = globalThis.browser ?? globalThis.chrome;
console.log('probe bg ready');
api.runtime.onMessage.addListener((msg, sender) => {
  if (msg?.type === 'fetch') {
    return fetch(msg.url).then((r) => ({ ok: true, status: r.status }), (e) => ({ ok: false, error: String(e) }));
  }
  if (msg?.type === 'save') {
    return api.storage.local.set({ note: msg.text }).then(() => ({ ok: true, tab: sender.tab?.id ?? null }));
  }
  if (msg?.type === 'error') { console.error('probe bg error', msg.text); return Promise.resolve(true); }
  if (msg?.type === 'whoami') return Promise.resolve({ tab: sender.tab?.id ?? null, url: sender.url });
  return undefined;
});
