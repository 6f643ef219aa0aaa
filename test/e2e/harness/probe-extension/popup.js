const api = globalThis.browser ?? globalThis.chrome;
document.getElementById('app').textContent = 'probe popup ' + (new URLSearchParams(location.search).get('tab') ?? '');
document.getElementById('export').addEventListener('click', () => {
  const blob = new Blob([JSON.stringify({ exported: true })], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'probe-export.json';
  document.body.append(a);
  a.click();
  a.remove();
});
