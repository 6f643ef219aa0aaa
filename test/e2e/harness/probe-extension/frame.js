const api = globalThis.browser ?? globalThis.chrome;
document.getElementById('save').addEventListener('click', async () => {
  const text = document.getElementById('note').value;
  const res = await api.runtime.sendMessage({ type: 'save', text });
  document.getElementById('saved').textContent = `saved:${text}:${res?.ok}`;
});
