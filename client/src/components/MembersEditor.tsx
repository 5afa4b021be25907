import { useState } from "preact/hooks";
import { useI18n } from "../i18n/index.js";

export interface GroupMember {
	fullName: string;
	position: string;
	authority: string;
}

const FIELDS = [
	["fullName", "hotspotMemberName"],
	["position", "hotspotMemberPosition"],
	["authority", "hotspotMemberAuthority"],
] as const;

const EMPTY: GroupMember = { fullName: "", position: "", authority: "" };

/** A working group's members, one row each (name, position, authority): rows added, edited, removed. */
export function MembersEditor({
	initial,
	onChange,
}: {
	initial: readonly GroupMember[];
	onChange: (members: GroupMember[]) => void;
}) {
	const { t } = useI18n();
	const [rows, setRows] = useState<GroupMember[]>(initial.length > 0 ? [...initial] : [{ ...EMPTY }]);
	const update = (next: GroupMember[]) => {
		setRows(next);
		onChange(next.filter((m) => m.fullName.trim() !== ""));
	};
	const edit = (i: number, field: keyof GroupMember, value: string) =>
		update(rows.map((m, j) => (j === i ? { ...m, [field]: value } : m)));

	return (
		<fieldset class="stack" data-testid="members-editor">
			<legend>{t("hotspotMembersTitle")}</legend>
			<table>
				<thead>
					<tr>
						{FIELDS.map(([field, label]) => (
							<th key={field} scope="col">
								{t(label)}
							</th>
						))}
						<th scope="col">
							<span class="visually-hidden">{t("hotspotMemberRemove")}</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((m, i) => (
						<tr key={i}>
							{FIELDS.map(([field, label]) => (
								<td key={field}>
									<input
										aria-label={`${t(label)} ${i + 1}`}
										value={m[field]}
										onInput={(e) => edit(i, field, (e.currentTarget as HTMLInputElement).value)}
									/>
								</td>
							))}
							<td>
								<button
									type="button"
									class="secondary"
									aria-label={`${t("hotspotMemberRemove")} ${i + 1}`}
									onClick={() => update(rows.filter((_, j) => j !== i))}
								>
									×
								</button>
							</td>
						</tr>
					))}
				</tbody>
			</table>
			<p>
				<button type="button" class="secondary" onClick={() => update([...rows, { ...EMPTY }])}>
					{t("hotspotMemberAdd")}
				</button>
			</p>
		</fieldset>
	);
}
