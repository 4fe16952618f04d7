// Building blocks for test resources: URNs, unknown sentinels and secret envelopes as the engine
// sends them.
import { ResourceState } from "../../policy-pack/lib/runner";

export const stack = "test";
export const project = "fixture";

export function urn(type: string, name: string): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** A resource as the engine would send it; inputs are also the outputs unless given. */
export function resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<ResourceState> = {}): ResourceState {
    return { urn: urn(type, name), type, name, inputs, ...extra };
}

/** The engine's sentinels for values unknown at preview. */
export const unknown = {
    string: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    bool: "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    number: "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    array: "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    object: "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
};

/** A value wrapped as a secret, as the engine sends it. */
export function secret(value: unknown): Record<string, unknown> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

/** Property dependencies naming in-stack resources by their state. */
export function dependsOn(deps: Record<string, ResourceState[]>): Record<string, string[]> {
    return Object.fromEntries(Object.entries(deps).map(([k, rs]) => [k, rs.map((r) => r.urn)]));
}
