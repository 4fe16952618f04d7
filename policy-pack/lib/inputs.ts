// Inputs seen by Analyze, kept for the stack checks.
//
// AnalyzeStack receives each resource's outputs, and outputs answer the wrong question for a
// declaration: a deployed bucket's outputs show AWS's default encryption block, a key's outputs
// AWS's default key policy, a role's outputs its attachments. The CLI calls Analyze with every
// resource's inputs before it calls AnalyzeStack (preview, up and policy analyze alike), in the
// same pack process, so the inputs are recorded here by URN. The runner and the offline audit
// record them the same way before a stack check.
//
// The pack records them once per Analyze call (input-recorder.ts) for the resources of the types
// some enabled policy's resource side is called for. Every policy with a stack check has one (a
// stack-only policy's is empty: the server calls nothing for it), so a stack check that runs
// always finds the inputs, whatever else the configuration disables. The exception is a
// stack-only policy made `withoutResourceSide` (policy.ts): it counts for nothing here, and its
// check finds the inputs recorded for the others, or else the outputs (graph.ts), so it reads only
// properties that are the same in both. The runner records the same resources (runner.ts).
const recorded = new Map<string, Record<string, unknown>>();

export function recordInputs(urn: string, inputs: Record<string, unknown>): void {
    recorded.set(urn, inputs);
}

export function recordedInputs(urn: string): Record<string, unknown> | undefined {
    return recorded.get(urn);
}

export function clearRecordedInputs(): void {
    recorded.clear();
}
