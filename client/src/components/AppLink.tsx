import type { ComponentChildren } from "preact";
import { navigate } from "../router.js";

/** A link inside the app: a real `href` (new tab, copy) that navigates without a reload. */
export function AppLink({ href, children }: { href: string; children: ComponentChildren }) {
	return (
		<a
			href={href}
			onClick={(e) => {
				e.preventDefault();
				navigate(href);
			}}
		>
			{children}
		</a>
	);
}
