export type { AuditEvent } from "./record-audit.ts";
export { anonymousActor, recordAudit } from "./record-audit.ts";
export type { AuditSearch } from "./search-audit.ts";
export { searchAudit } from "./search-audit.ts";
