// When each resource was created, for the checks that only an audit of existing state can make.
//
// The analyzer protocol carries no timestamps: under `pulumi preview`/`up` nothing is recorded
// here and those checks are not applicable. A stack export does carry them (`created` on each
// resource), so the offline audit records them by URN before it runs the stack checks, the same
// way Analyze records inputs (see inputs.ts).
const recorded = new Map<string, number>();
/** When each resource was last changed (a stack export's `modified`). */
const recordedModified = new Map<string, number>();

/** Records a resource's creation time, an ISO 8601 string as in a stack export; anything unparsable is ignored. */
export function recordCreated(urn: string, iso: string): void {
    const time = Date.parse(iso);
    if (Number.isFinite(time)) {
        recorded.set(urn, time);
    }
}

/** The recorded creation time of a resource, or undefined. */
export function createdAt(urn: string): Date | undefined {
    const time = recorded.get(urn);
    return time === undefined ? undefined : new Date(time);
}

/** Records when a resource was last changed, an ISO 8601 string as in a stack export; anything unparsable is ignored. */
export function recordModified(urn: string, iso: string): void {
    const time = Date.parse(iso);
    if (Number.isFinite(time)) {
        recordedModified.set(urn, time);
    }
}

/** The recorded time a resource was last changed, or undefined. */
export function modifiedAt(urn: string): Date | undefined {
    const time = recordedModified.get(urn);
    return time === undefined ? undefined : new Date(time);
}

/** Forgets the creation and modification times. */
export function clearRecordedCreated(): void {
    recorded.clear();
    recordedModified.clear();
}
