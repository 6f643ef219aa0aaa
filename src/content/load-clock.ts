// Imported first by the content script's entry, so that this runs before any other module of the bundle is evaluated:
// the start-up time it anchors then includes the initialisation of our dependencies (the polyfill, the schemas).
export const loadStarted = performance.now();
