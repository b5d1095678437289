import { defineConfig } from "vite";

// Preact's JSX through esbuild (no Babel preset needed). `npm run dev` proxies the API to `outreach serve`.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: { proxy: { "/api": "http://127.0.0.1:7071" } },
});
