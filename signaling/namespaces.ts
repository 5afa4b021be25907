/** Socket.IO namespaces besides the session's own (`/`); free of schemas so the app's first load stays small. */
export const PRESENCE_NAMESPACE = "/presence";
export const CHECK_NAMESPACE = "/check";
export const HOTSPOTS_NAMESPACE = "/hotspots";
