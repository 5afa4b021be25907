import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "./i18n/index.js";

/**
 * A page loaded only when first shown: the media, check and chart code stays out of the first
 * download, which matters on the weak networks many endpoints have.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
	let loaded: ComponentType<P> | null = null;
	return function LazyPage(props: P) {
		const { t } = useI18n();
		const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
		const [failed, setFailed] = useState(false);
		useEffect(() => {
			if (Page) return;
			load()
				.then((component) => {
					loaded = component;
					setPage(() => component);
				})
				.catch(() => setFailed(true));
		}, []);
		if (failed) {
			return (
				<p role="alert" class="error">
					{t("networkError")}
				</p>
			);
		}
		return Page ? <Page {...props} /> : <p aria-busy="true">{t("loading")}</p>;
	};
}
