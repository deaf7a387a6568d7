// The tablet's live view runs in the browser only: it holds a tablet id and an event stream.
export const ssr = false;
