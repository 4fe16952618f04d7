// Inputs seen by Analyze, kept for the stack checks.
//
// AnalyzeStack receives each resource's outputs, and outputs answer the wrong question for a
// declaration: a deployed bucket's outputs show AWS's default encryption block, a key's outputs
// AWS's default key policy, a role's outputs its attachments. The CLI calls Analyze with every
// resource's inputs before it calls AnalyzeStack (preview, up and policy analyze alike), in the
// same pack process, so the inputs are recorded here by URN. The runner and the offline audit
// record them the same way before a stack check.
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
