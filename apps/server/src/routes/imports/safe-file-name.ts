// Upload file names are only ever shown back to the user: never joined to a path, never used to open a file.
// This keeps the last path segment, drops control characters and leading dots, and caps the length, so
// "../../etc/passwd" is reported as "passwd" and "..\\x.csv" as "x.csv".
export function safeFileName(name: string | undefined | null): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  let clean = "";
  for (const ch of base) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code !== 0x7f) clean += ch;
  }
  clean = clean.replace(/^\.+/, "").trim().slice(0, 200);
  return clean.length > 0 ? clean : "upload";
}
