/** `<option>`s for records that have an id and a name (endpoints, users). */
export function NamedOptions({ items }: { items: readonly { id: string; name: string }[] }) {
	return (
		<>
			{items.map((item) => (
				<option key={item.id} value={item.id}>
					{item.name}
				</option>
			))}
		</>
	);
}
