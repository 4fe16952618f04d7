// Each resource's own id, for resolving references by id in state whose outputs do not repeat it.
//
// Bridged providers copy the id into the outputs (`outputs.id`), and that is all the analyzer
// protocol carries: under `pulumi preview`/`up` nothing is recorded here. A stack export keeps
// the id beside the outputs (the resource's top-level `id`), and resources of other providers
// (aws-native), older providers and hand-written exports often lack `outputs.id`; the offline
// audit records the top-level ids by URN before it runs the stack checks, as it records creation
// times (see timestamps.ts).
//
// An audit hands over the export's ids whole (taken as they are, not copied: a large export has
// 100k of them).
let recorded: Readonly<Record<string, string>> = {};

/** Records the id of every resource of an export, by URN; they must not change until cleared. */
export function recordIds(ids: Readonly<Record<string, string>>): void {
    recorded = ids;
}

/** The recorded id of a resource, or undefined. */
export function recordedId(urn: string): string | undefined {
    const id = Object.hasOwn(recorded, urn) ? recorded[urn] : undefined;
    return id === "" ? undefined : id;
}

export function clearRecordedIds(): void {
    recorded = {};
}
