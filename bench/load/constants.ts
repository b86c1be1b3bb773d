// Shared by the load section and its server process (the server script runs on import, so it exports nothing).
export const BENCH_USER = "bench-admin";
export const BENCH_PASSWORD = "bench-load-password-1";
/** 云阳县: the district whose townships the observation query reads */
export const TOWNSHIP_COUNTY = "500235";

export interface ServerInfo {
  url: string;
  runId: string;
  prepareMs: number;
  townships: number;
  townshipValues: number;
}
