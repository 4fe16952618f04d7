// The reference stack as the engine receives it after `pulumi up`: the program runs once per test
// process under Pulumi's mocks in update mode (every output known), and the stack tests read the
// registrations' inputs (and the mocked outputs: ARNs, IDs) from that one capture.
import { expect } from "chai";
import { ResourceState } from "../../policy-pack/lib/runner";
import { toResourceStates } from "../../cli/program/capture";
import { capture, programs } from "../../scripts/stack-check";

let cached: Promise<ResourceState[]> | undefined;

export function referenceStack(): Promise<ResourceState[]> {
    cached ??= capture(programs.reference.dir, false).then((c) => toResourceStates(c.resources));
    return cached;
}

export const account = "123456789012";
export const region = "us-east-1";
/** The name prefix the stack derives from project and stack. */
export const prefix = "aws-secure-baseline-reference-dev";

export function ofType(resources: ResourceState[], type: string): ResourceState[] {
    return resources.filter((r) => r.type === type);
}

/** The one resource of a type and logical name. */
export function one(resources: ResourceState[], type: string, name: string): ResourceState {
    const found = resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0];
}

/** A string output (ARN, ID, name) the mocks computed for a resource. */
export function output(r: ResourceState, key: string): string {
    const value = (r.outputs ?? {})[key];
    expect(value, `${r.name}.${key}`).to.be.a("string");
    return value as string;
}
