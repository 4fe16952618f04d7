// When each resource was created, for the checks that only an audit of existing state can make.
//
// The analyzer protocol carries no timestamps: under `pulumi preview`/`up` nothing is recorded
// here and those checks are not applicable. A stack export does carry them (`created` on each
// resource), so the offline audit records them by URN before it runs the stack checks, the same
// way Analyze records inputs (see inputs.ts).
//
// The times are taken as the export writes them, whole (not copied: a large export has 100k of
// each), and read when a check asks for one, as the checks read few.
let times: { created: Readonly<Record<string, string>>; modified: Readonly<Record<string, string>> } = { created: {}, modified: {} };

/**
 * Records the creation times (`created`, a stack export's) and the times of the last change
 * (`modified`) of every resource, by URN, ISO 8601 strings; anything unparsable is read as none.
 * They must not change until cleared.
 */
export function recordTimes(created: Readonly<Record<string, string>>, modified: Readonly<Record<string, string>>): void {
    times = { created, modified };
}

/** The recorded creation time of a resource, or undefined. */
export function createdAt(urn: string): Date | undefined {
    return dateOf(times.created, urn);
}

/** The recorded time a resource was last changed, or undefined. */
export function modifiedAt(urn: string): Date | undefined {
    return dateOf(times.modified, urn);
}

function dateOf(record: Readonly<Record<string, string>>, urn: string): Date | undefined {
    const time = Object.hasOwn(record, urn) ? Date.parse(record[urn]) : NaN;
    return Number.isFinite(time) ? new Date(time) : undefined;
}

/** Forgets the creation and modification times. */
export function clearRecordedCreated(): void {
    times = { created: {}, modified: {} };
}
