import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n } from "../i18n/index.js";
import { DATE_TIME, DAY, MONTH, TIME, type TypedForm, toApi } from "../typedDates.js";

/*
 * Dates and times typed as officials write them (dd/mm/yyyy, 24-hour hh:mm), whatever language the
 * browser runs in: a browser's own date, time and month inputs follow the computer's locale
 * (mm/dd/yyyy and AM/PM in an English Chromium). Each field shows the official form and carries the
 * API's form (yyyy-mm-dd, hh:mm, yyyy-mm-ddThh:mm, yyyy-mm) in a hidden input of the field's name,
 * so forms read them as they read any input. What does not parse is passed on as typed, for the
 * server to refuse naming the field.
 */

interface FieldProps {
	/** The name the API's form is submitted under (a hidden input). */
	name?: string;
	/** Controlled: the API's form; `onChange` is told a new one once a whole value (or nothing) is typed. */
	value?: string;
	onChange?: (api: string) => void;
	/** Uncontrolled: the API's form it starts with. */
	defaultValue?: string;
	required?: boolean;
	disabled?: boolean;
	"aria-label"?: string;
	"data-testid"?: string;
}

function OfficialField({
	form,
	name,
	value,
	onChange,
	defaultValue,
	required,
	...rest
}: FieldProps & { form: TypedForm }) {
	const { t } = useI18n();
	const [typed, setTyped] = useState(() => form.toTyped(value ?? defaultValue ?? ""));
	const touched = useRef(false);
	const input = useRef<HTMLInputElement>(null);
	// A form's reset empties what is shown and what is submitted alike (a hidden input ignores reset).
	useEffect(() => {
		const owner = input.current?.form;
		const reset = () => {
			touched.current = false;
			setTyped(form.toTyped(defaultValue ?? ""));
		};
		owner?.addEventListener("reset", reset);
		return () => owner?.removeEventListener("reset", reset);
	}, [defaultValue]);
	// A value set from outside (a reset, a preset period) replaces what is shown.
	useEffect(() => {
		if (value !== undefined && value !== form.toApi(typed.trim()) && !(value === "" && typed.trim() === ""))
			setTyped(form.toTyped(value));
	}, [value]);
	// As a browser's own input does: a new default shows until someone types.
	useEffect(() => {
		if (defaultValue !== undefined && !touched.current) setTyped(form.toTyped(defaultValue));
	}, [defaultValue]);
	return (
		<>
			<input
				ref={input}
				type="text"
				inputMode="numeric"
				autoComplete="off"
				placeholder={form.placeholder}
				pattern={form.pattern}
				title={t(form.hint)}
				maxLength={form.placeholder.length + 2}
				required={required}
				value={typed}
				onInput={(e) => {
					const next = e.currentTarget.value;
					touched.current = true;
					setTyped(next);
					const parsed = form.toApi(next.trim());
					if (parsed !== null || next.trim() === "") onChange?.(parsed ?? "");
				}}
				{...rest}
			/>
			{name && <input type="hidden" name={name} value={toApi(form, typed)} />}
		</>
	);
}

/** A day, dd/mm/yyyy. */
export const DayField = (props: FieldProps) => <OfficialField form={DAY} {...props} />;
/** A time of day, 24-hour hh:mm. */
export const TimeField = (props: FieldProps) => <OfficialField form={TIME} {...props} />;
/** A day and time, dd/mm/yyyy hh:mm (the API's form is a datetime-local's: yyyy-mm-ddThh:mm). */
export const DateTimeField = (props: FieldProps) => <OfficialField form={DATE_TIME} {...props} />;
/** A month, mm/yyyy (the API's form yyyy-mm). */
export const MonthField = (props: FieldProps) => <OfficialField form={MONTH} {...props} />;
