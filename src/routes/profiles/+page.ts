// Profiles are stored on the tablet only (IndexedDB): there is nothing to render on the server.
export const ssr = false;
