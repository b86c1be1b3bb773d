// Accounts from the command line, as the local operator of the store (recorded as "system" in the audit):
//   ronghe users add --username U --password-stdin --role ROLE --region CODE [--json]
//   ronghe users grant --username U --role ROLE --region CODE [--json]
//   ronghe users list [--json]
//   ronghe tokens create --username U [--name N] [--role ROLE] [--region CODE] [--json]   (the token is shown once)
//   ronghe tokens revoke --id ID
import { RongheError } from "@ronghe/core";
import {
  createApiToken,
  createUserAccount,
  grantRole,
  isRole,
  listUserAccounts,
  ROLES,
  type Role,
  revokeApiToken,
  SYSTEM_ACTOR,
} from "@ronghe/services";
import type { Command } from "commander";
import { type DbOptions, withStore } from "../context.ts";
import { type OutputOptions, printTable, runCommand } from "../output.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function role(value: string): Role {
  if (!isRole(value))
    throw new RongheError("invalid_input", `unknown role "${value}"; use one of ${ROLES.join(", ")}`, {
      role: value,
    });
  return value;
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description("用户与授权 accounts and roles on region subtrees");

  users
    .command("add")
    .description("新建用户 create a user with one role on a region subtree")
    .requiredOption("--username <name>", "login name")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .requiredOption("--region <code>", "region code; the role covers its whole subtree")
    .option("--password-stdin", "read the password from standard input")
    .option("--display-name <text>", "display name")
    .option("--db <url>", "store: file path or postgres:// URL (default RONGHE_DB or ./ronghe.db)")
    .option("--json", "JSON output")
    .action(
      async (
        o: DbOptions &
          OutputOptions & {
            username: string;
            role: string;
            region: string;
            passwordStdin?: boolean;
            displayName?: string;
          },
      ) =>
        runCommand(o, async () => {
          if (!o.passwordStdin)
            throw new RongheError(
              "invalid_input",
              "pass the password on standard input with --password-stdin",
              {},
            );
          const password = await readStdin();
          const user = await withStore(o, (store) =>
            createUserAccount(
              { store, actor: SYSTEM_ACTOR },
              {
                username: o.username,
                password,
                displayName: o.displayName ?? null,
                grants: [{ role: role(o.role), regionCode: o.region }],
              },
            ),
          );
          return {
            json: user,
            print: () =>
              process.stdout.write(`created ${user.username} (${o.role} on ${user.grants[0].regionCode})\n`),
          };
        }),
    );

  users
    .command("grant")
    .description("授权 add a role on a region subtree to a user")
    .requiredOption("--username <name>", "login name")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .requiredOption("--region <code>", "region code")
    .option("--db <url>", "store: file path or postgres:// URL")
    .option("--json", "JSON output")
    .action(async (o: DbOptions & OutputOptions & { username: string; role: string; region: string }) =>
      runCommand(o, async () => {
        const user = await withStore(o, (store) =>
          grantRole({ store, actor: SYSTEM_ACTOR }, o.username, { role: role(o.role), regionCode: o.region }),
        );
        return { json: user, print: () => printTable(user.grants.map((g) => ({ ...g }))) };
      }),
    );

  users
    .command("list")
    .description("用户列表 list users and their roles")
    .option("--db <url>", "store: file path or postgres:// URL")
    .option("--json", "JSON output")
    .action(async (o: DbOptions & OutputOptions) =>
      runCommand(o, async () => {
        const list = await withStore(o, (store) => listUserAccounts({ store, actor: SYSTEM_ACTOR }));
        return {
          json: { items: list },
          print: () =>
            printTable(
              list.map((u) => ({
                username: u.username,
                displayName: u.displayName,
                disabled: u.disabled,
                grants: u.grants.map((g) => `${g.role}@${g.regionCode}`).join(" "),
              })),
            ),
        };
      }),
    );

  const tokens = program.command("tokens").description("API 令牌 API tokens (shown once, stored hashed)");
  tokens
    .command("create")
    .description("新建令牌 create an API token for a user (optionally narrower: --role, --region)")
    .requiredOption("--username <name>", "owner")
    .option("--name <text>", "what the token is for", "cli")
    .option("--role <role>", "narrower role")
    .option("--region <code>", "narrower region (inside the owner's)")
    .option("--db <url>", "store: file path or postgres:// URL")
    .option("--json", "JSON output")
    .action(
      async (
        o: DbOptions & OutputOptions & { username: string; name: string; role?: string; region?: string },
      ) =>
        runCommand(o, async () => {
          const { token, record } = await withStore(o, (store) =>
            createApiToken(
              { store, actor: SYSTEM_ACTOR },
              {
                name: o.name,
                username: o.username,
                role: o.role === undefined ? null : role(o.role),
                regionCode: o.region ?? null,
              },
            ),
          );
          const json = {
            id: record.id,
            token,
            name: record.name,
            username: o.username,
            role: record.role,
            regionCode: record.regionCode,
          };
          return {
            json,
            print: () => process.stdout.write(`${token}\n(id ${record.id}; shown once, keep it safe)\n`),
          };
        }),
    );
  tokens
    .command("revoke")
    .description("吊销令牌 revoke a token")
    .requiredOption("--id <id>", "token id")
    .option("--db <url>", "store: file path or postgres:// URL")
    .option("--json", "JSON output")
    .action(async (o: DbOptions & OutputOptions & { id: string }) =>
      runCommand(o, async () => {
        await withStore(o, (store) => revokeApiToken({ store, actor: SYSTEM_ACTOR }, o.id));
        return { json: { revoked: o.id }, print: () => process.stdout.write(`revoked ${o.id}\n`) };
      }),
    );
}
