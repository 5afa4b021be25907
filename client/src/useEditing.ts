import { useState } from "preact/hooks";

/** How an edit form ends: saved (the list reloads and says so) or cancelled. */
export interface FormEnds {
	onSaved(): void;
	onCancel(): void;
}

/** Which record a screen's form edits (`T`, or null for none), whether the last save went through, and the form's ends. */
export function useEditing<T>(reload: () => void): {
	editing: T | null;
	setEditing(record: T | null): void;
	saved: boolean;
	ends: FormEnds;
} {
	const [editing, setEditing] = useState<T | null>(null);
	const [saved, setSaved] = useState(false);
	const ends: FormEnds = {
		onSaved: () => {
			setEditing(null);
			setSaved(true);
			reload();
		},
		onCancel: () => setEditing(null),
	};
	return { editing, setEditing, saved, ends };
}
