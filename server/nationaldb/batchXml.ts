import escapeXml from "escape-html";
import type { ExchangeBatch } from "./NationalDbAdapter.js";

const NAMESPACE = "urn:reception-bridge:nationaldb";

/** Field names are the JSON keys; anything that is not a plain XML name becomes `<field name="…">`. */
function element(name: string, inner: string, attrs = ""): string {
	return /^[A-Za-z_][\w.-]*$/.test(name) && !/^xml/i.test(name)
		? `<${name}${attrs}>${inner}</${name}>`
		: `<field name="${escapeXml(name)}"${attrs}>${inner}</field>`;
}

/** JSON value → XML, as docs/nationaldb.md describes: arrays as repeated `<item>`, null as `nil="true"`. */
function value(name: string, v: unknown): string {
	if (v === null || v === undefined) return element(name, "", ' nil="true"');
	if (Array.isArray(v)) return element(name, v.map((x) => value("item", x)).join(""));
	if (typeof v === "object")
		return element(
			name,
			Object.entries(v as Record<string, unknown>)
				.map(([k, x]) => value(k, x))
				.join(""),
		);
	return element(name, escapeXml(String(v)));
}

function unit(name: string, u: { code: string; name: string } | null): string {
	return u ? `<${name} code="${escapeXml(u.code)}" name="${escapeXml(u.name)}"/>` : `<${name} nil="true"/>`;
}

/** The XML form of a batch (schema: docs/nationaldb/batch.xsd); the same content as the JSON form. */
export function batchXml(batch: ExchangeBatch): string {
	const records = batch.records.map(
		(r) =>
			`<record key="${escapeXml(r.key)}" kind="${r.kind}" entityId="${escapeXml(r.entityId)}" rev="${r.rev}"` +
			`${r.supersedesKey ? ` supersedesKey="${escapeXml(r.supersedesKey)}"` : ""} recordedAt="${escapeXml(r.recordedAt)}">` +
			`${unit("province", r.province)}${unit("commune", r.commune)}${value("data", r.data)}</record>`,
	);
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n` +
		`<batch xmlns="${NAMESPACE}" schemaVersion="${escapeXml(batch.schemaVersion)}" batchId="${escapeXml(batch.batchId)}" createdAt="${escapeXml(batch.createdAt)}">` +
		`<sender system="${escapeXml(batch.sender.system)}" instance="${escapeXml(batch.sender.instance)}"/>` +
		`${records.join("\n")}</batch>\n`
	);
}
