// When each resource was created, for the checks that only an audit of existing state can make.
//
// The analyzer protocol carries no timestamps: under `pulumi preview`/`up` nothing is recorded
// here and those checks are not applicable. A stack export does carry them (`created` on each
// resource), so the offline audit records them by URN before it runs the stack checks, the same
// way Analyze records inputs (see inputs.ts).
//
// The times are kept as written and read when a check asks for one: a large export has 100k of
// each, and the checks read few.
const recorded = new Map<string, string>();
/** When each resource was last changed (a stack export's `modified`). */
const recordedModified = new Map<string, string>();

/** Records a resource's creation time, an ISO 8601 string as in a stack export; anything unparsable is read as none. */
export function recordCreated(urn: string, iso: string): void {
    recorded.set(urn, iso);
}

/** The recorded creation time of a resource, or undefined. */
export function createdAt(urn: string): Date | undefined {
    return dateOf(recorded.get(urn));
}

/** Records when a resource was last changed, an ISO 8601 string as in a stack export; anything unparsable is read as none. */
export function recordModified(urn: string, iso: string): void {
    recordedModified.set(urn, iso);
}

/** The recorded time a resource was last changed, or undefined. */
export function modifiedAt(urn: string): Date | undefined {
    return dateOf(recordedModified.get(urn));
}

function dateOf(iso: string | undefined): Date | undefined {
    const time = iso === undefined ? NaN : Date.parse(iso);
    return Number.isFinite(time) ? new Date(time) : undefined;
}

/** Forgets the creation and modification times. */
export function clearRecordedCreated(): void {
    recorded.clear();
    recordedModified.clear();
}
