// Dashboard build. `npx vite build --config apps/web/vite.config.ts` (from the repo root) writes apps/web/dist,
// which the server serves at `/`. In dev, /api and /healthz are proxied to RONGHE_API (default :8080).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      "/api": process.env.RONGHE_API ?? "http://127.0.0.1:8080",
      "/healthz": process.env.RONGHE_API ?? "http://127.0.0.1:8080",
    },
  },
});
