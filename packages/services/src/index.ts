export { ROLES, SYSTEM_ACTOR } from "./context.ts";
export type { Actor, Grant, Role, ServiceContext } from "./context.ts";
export { assertCan, can, readableRoots, roleAllows } from "./access.ts";
export type { Permission } from "./access.ts";
