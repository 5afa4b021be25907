import { useState } from "preact/hooks";
import { can } from "../../../domain/permissions.js";
import { useApp, useLoad } from "../AppContext.js";
import type { List, UserView } from "../api/records.js";
import { useI18n } from "../i18n/index.js";

/** A person on duty as a slot names them; `userId` when they have an account on the platform. */
export interface DutyPerson {
	userId?: string;
	name: string;
	phone: string;
	position?: string;
	email?: string;
}

/** The person the fields of a submitted form name (`DutyPersonFields`, read by `formText`), as the slot routes take it. */
export function personOf(text: (name: string) => string): DutyPerson {
	return {
		...(text("userId") ? { userId: text("userId") } : {}),
		name: text("name"),
		phone: text("phone"),
		...(text("position") ? { position: text("position") } : {}),
		...(text("email") ? { email: text("email") } : {}),
	};
}

/**
 * Who goes on a shift: a platform user of the unit (so their iCal feed and in-app alerts name them),
 * picked from the users the caller may read, or a person without an account, typed. Picking a user
 * fills their name and position, and the phone and e-mail the roster already knows for them
 * (`known`: slots naming users); the account holds neither.
 */
export function DutyPersonFields({ unit, known }: { unit: string; known: readonly DutyPerson[] }) {
	const { t } = useI18n();
	const { api, identity } = useApp();
	const readsUsers = can(identity, "read", { type: "users" });
	const users = useLoad(
		() =>
			readsUsers
				? api.get<List<UserView>>(`/api/users?endpoint=${unit}&disabled=false&limit=200`)
				: Promise.resolve(null),
		`duty-users${unit}`,
	);
	// The users of the unit itself, not of the communes under it.
	const ofUnit = (users.data?.items ?? []).filter((u) => u.endpointIds.includes(unit));
	const [person, setPerson] = useState<DutyPerson>({ name: "", phone: "" });
	const pick = (userId: string) => {
		const user = ofUnit.find((u) => u.id === userId);
		if (!user) return setPerson({ ...person, userId: undefined });
		const before = known.find((p) => p.userId === userId);
		setPerson({
			userId,
			name: user.name,
			position: user.positionTitle ?? before?.position ?? "",
			phone: before?.phone ?? "",
			email: before?.email ?? "",
		});
	};
	const field = (key: keyof DutyPerson) => ({
		name: key,
		value: person[key] ?? "",
		onInput: (e: Event) => setPerson({ ...person, [key]: (e.currentTarget as HTMLInputElement).value }),
	});
	return (
		<>
			{readsUsers && (
				<label>
					{t("dutyUser")}
					<select name="userId" value={person.userId ?? ""} onChange={(e) => pick(e.currentTarget.value)}>
						<option value="">{t("dutyUserNone")}</option>
						{ofUnit.map((u) => (
							<option key={u.id} value={u.id}>
								{u.name}
								{u.positionTitle ? ` · ${u.positionTitle}` : ""}
							</option>
						))}
					</select>
				</label>
			)}
			<label>
				{t("dutyPersonName")}
				<input {...field("name")} required minLength={2} maxLength={120} />
			</label>
			<label>
				{t("dutyPosition")}
				<input {...field("position")} maxLength={120} />
			</label>
			<label>
				{t("dutyPhone")}
				<input {...field("phone")} required type="tel" />
			</label>
			<label>
				{t("dutyEmail")}
				<input {...field("email")} type="email" />
			</label>
		</>
	);
}
