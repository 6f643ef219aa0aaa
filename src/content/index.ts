import browser from 'webextension-polyfill';
console.log('content', browser.runtime.id);
