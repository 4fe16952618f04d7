// Each resource's own id, for resolving references by id in state whose outputs do not repeat it.
//
// Bridged providers copy the id into the outputs (`outputs.id`), and that is all the analyzer
// protocol carries: under `pulumi preview`/`up` nothing is recorded here. A stack export keeps
// the id beside the outputs (the resource's top-level `id`), and resources of other providers
// (aws-native), older providers and hand-written exports often lack `outputs.id`; the offline
// audit records the top-level ids by URN before it runs the stack checks, as it records creation
// times (see timestamps.ts).
const recorded = new Map<string, string>();

export function recordId(urn: string, id: string): void {
    if (id !== "") {
        recorded.set(urn, id);
    }
}

/** The recorded id of a resource, or undefined. */
export function recordedId(urn: string): string | undefined {
    return recorded.get(urn);
}

export function clearRecordedIds(): void {
    recorded.clear();
}
