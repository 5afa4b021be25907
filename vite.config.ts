import { defineConfig } from "vite";

// The browser app: built into dist/client and served by the platform at `/`; `npm run dev:client`
// serves it with hot reload and forwards the API and signalling to a platform on :8080.
export default defineConfig({
	root: "client",
	esbuild: { jsx: "automatic", jsxImportSource: "preact" },
	build: { outDir: "../dist/client", emptyOutDir: true, target: "es2022", sourcemap: true },
	server: {
		proxy: {
			"/api": "http://127.0.0.1:8080",
			"/socket.io": { target: "ws://127.0.0.1:8080", ws: true },
		},
	},
});
