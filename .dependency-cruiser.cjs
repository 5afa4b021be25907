/** The layers (docs/architecture.md): each imports only from those below it; no exceptions are listed. */
const layer = (name, may) => ({
	name: `${name}-imports-down-only`,
	comment: `${name}/ may import only ${may.join(", ") || "nothing else from the repo"}`,
	severity: "error",
	from: { path: `^${name}/` },
	to: {
		path: "^(domain|media|signaling|server|client|test|bench|scripts)/",
		pathNot: `^(${[name, ...may].join("|")})/`,
	},
});

module.exports = {
	forbidden: [
		layer("domain", []),
		layer("media", ["domain"]),
		layer("signaling", ["domain", "media"]),
		layer("server", ["domain", "media", "signaling"]),
		{
			name: "client-uses-contracts-and-protocol-only",
			comment: "client/ may import only domain/ and signalling's protocol files",
			severity: "error",
			from: { path: "^client/" },
			to: {
				path: "^(media|signaling|server|test|bench|scripts)/",
				pathNot: "^signaling/(protocol|presenceProtocol|checkProtocol|hotspotsProtocol|namespaces)\\.ts$",
			},
		},
		{
			name: "protocol-files-import-contracts-only",
			comment: "the protocol files reach the browser bundle: they import only domain/ and each other",
			severity: "error",
			from: { path: "^signaling/(protocol|presenceProtocol|checkProtocol|hotspotsProtocol|namespaces)\\.ts$" },
			to: {
				path: "^(media|server|client)/|^signaling/(?!(protocol|presenceProtocol|checkProtocol|hotspotsProtocol|namespaces)\\.ts$)",
			},
		},
		{
			name: "no-circular",
			severity: "error",
			from: {},
			to: { circular: true },
		},
	],
	options: {
		doNotFollow: { path: "node_modules" },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: "tsconfig.json" },
	},
};
