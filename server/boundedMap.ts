/** Sets `key` as the newest entry of `map`, forgetting the oldest past `max` entries (bounded memory). */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
	map.delete(key);
	map.set(key, value);
	if (map.size > max) {
		const oldest = map.keys().next();
		if (!oldest.done) map.delete(oldest.value);
	}
	return value;
}
