// Probe content script: a closed shadow root holding an extension-origin iframe, a CSS highlight, and a fetch hook.
(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  console.log('probe content', api.runtime.id);
  const host = document.createElement('div');
  host.id = 'probe-host';
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = api.runtime.getURL('frame.html');
  frame.style.cssText = 'width:320px;height:160px;border:1px solid #888';
  const button = document.createElement('button');
  button.className = 'probe-button';
  button.textContent = 'Probe';
  button.style.cssText = 'position:fixed;top:8px;right:8px;padding:6px';
  button.addEventListener('click', (e) => {
    document.documentElement.dataset.probeShadowClick = String(e.isTrusted);
  });
  root.append(frame, button);
  document.body.append(host);
  const p = document.querySelector('p');
  const text = p?.firstChild;
  if (text && text.nodeType === Node.TEXT_NODE && 'highlights' in CSS) {
    const range = new Range();
    range.setStart(text, 0);
    range.setEnd(text, Math.min(5, text.length));
    CSS.highlights.set('probe-mark', new Highlight(range));
  }
  window.addEventListener('message', (e) => {
    if (e.source === window && e.data?.probe === 'content-fetch') fetch(e.data.url).catch(() => {});
    if (e.source === window && e.data?.probe === 'bg-fetch') api.runtime.sendMessage({ type: 'fetch', url: e.data.url });
    if (e.source === window && e.data?.probe === 'whoami') {
      api.runtime.sendMessage({ type: 'whoami' }).then((r) => {
        document.documentElement.dataset.probeTab = String(r.tab);
      });
    }
  });
})();
