// "<", ">" and "&" as \u escapes in serialized JSON: the same JSON value, but never markup if a client
// mishandles the content type. Applied to every JSON answer (app.ts onSend) and to cached bodies before storing.
export function escapeJsonMarkup(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
