export async function soak(_o: unknown): Promise<{ figures: import('./stats').Figure[]; detail: unknown }> { return { figures: [], detail: {} }; }
