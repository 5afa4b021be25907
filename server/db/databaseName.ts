/** The database a connection string names, if any (`mongodb://host/NAME?…`). */
export function databaseNameIn(uri: string): string | undefined {
	return /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
}
