// The resource type of the Analyze call in progress, for the type markers of the pack's resource
// checks (policy.ts). The analyzer server's calls do not overlap while every check is synchronous,
// as the pack's are: a call runs from its request to its answer without yielding to the event loop.
// Should two ever overlap, no type is given, and the markers fall back to none.
const inProgress = new Set<{ type: string }>();
/** The one call's type, read by every marked check of every call: kept rather than looked up. */
let onlyType: string | undefined;

/** Marks the start of an Analyze call of a resource of `type`; the returned function, its end. */
export function analyzing(type: string): () => void {
    const call = { type };
    inProgress.add(call);
    onlyType = inProgress.size === 1 ? type : undefined;
    return () => {
        inProgress.delete(call);
        onlyType = inProgress.size === 1 ? [...inProgress][0].type : undefined;
    };
}

/** The type of the resource under Analyze, while exactly one call is in progress. */
export function typeUnderAnalysis(): string | undefined {
    return onlyType;
}
