// The quiz lives on the tablet (IndexedDB) and must resume after a reload: render in the browser.
export const ssr = false;
