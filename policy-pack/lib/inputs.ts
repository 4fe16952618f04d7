// Inputs seen by Analyze, kept for the stack checks.
//
// AnalyzeStack receives each resource's outputs, and outputs answer the wrong question for a
// declaration: a deployed bucket's outputs show AWS's default encryption block, a key's outputs
// AWS's default key policy, a role's outputs its attachments. The CLI calls Analyze with every
// resource's inputs before it calls AnalyzeStack (preview, up and policy analyze alike), in the
// same pack process, so the inputs are recorded here by URN. The runner and the offline audit
// record them the same way before a stack check.
//
// Every policy with a stack check records every resource: the server calls its resource side for
// each resource whenever the policy is enabled, so a stack check that runs always finds the
// inputs, whatever else the configuration disables. Only resource checks of a single type with
// no stack check are marked for the server to skip other types; they record their own type
// only, and need nothing else. The exception is a stack-only policy made `withoutResourceSide`
// (policy.ts): the server never calls it at Analyze, which saves deserializing every resource
// once more, and its check finds the inputs other policies recorded, or else the outputs
// (graph.ts), so it reads only properties that are the same in both.
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
