// A stand-in for the cloud behind the `aws` (and `tls`) provider plugins, for `npm run test:engine`:
// the real Pulumi engine loads it as `pulumi-resource-aws` (installed with `pulumi plugin install
// --file`) and drives it over the provider protocol. It is a test double of the cloud: it decides
// nothing a policy decides, it only gives resources the identities AWS would give them.
//
// What it models: Check accepts the inputs as they are; Create, Read and Update return the inputs
// as outputs plus the computed fields programs read (id, ARN, physical name, DNS names and zone ids,
// a certificate's validation records), derived from the type and name by the same model the offline
// preview uses for `pulumi up` (cli/program/mocks.ts), so a resource keeps its identity across
// updates; Diff compares the new inputs with the inputs recorded last time; the data sources the
// reference stack and the insecure program call are answered as the offline preview answers them.
//
// What it does not model: the real provider's defaults and normalisation (an unset
// `forceDestroy` is not filled in, JSON documents are not re-serialised, tags_all is absent),
// validation of any input, replacements (every change is an in-place update), regions other than
// the one a resource names (us-east-1 otherwise), and every other computed output.
import * as pulumi from "@pulumi/pulumi";
import { answerInvoke } from "../../cli/program/invokes";
import { computedOutputs } from "../../cli/program/mocks";

const defaultRegion = "us-east-1";

function logicalName(urn: string): string {
    return urn.split("::").pop() ?? urn;
}

function typeOf(urn: string): string {
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.split("$").pop() ?? qualifiedType;
}

/** Drops undefined values, which the protocol's Struct cannot carry (a model field the inputs did not give). */
function defined(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(defined);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, defined(v)]));
    }
    return value;
}

function outputsFor(urn: string, inputs: Record<string, unknown>): { id: string; outs: Record<string, unknown> } {
    const region = typeof inputs.region === "string" ? inputs.region : defaultRegion;
    const { id, outputs } = computedOutputs({ type: typeOf(urn), name: logicalName(urn), inputs }, region);
    return { id, outs: defined({ ...inputs, ...outputs }) as Record<string, unknown> };
}

/** The keys a resource's state holds that its inputs did not: they are the cloud's, never a diff. */
function computedKeys(urn: string, inputs: Record<string, unknown>): Set<string> {
    const { outs } = outputsFor(urn, inputs);
    return new Set(Object.keys(outs).filter((k) => !(k in inputs)));
}

function changedProperties(urn: string, olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
    const computed = computedKeys(urn, news);
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys].filter((k) => !computed.has(k) && JSON.stringify(olds[k]) !== JSON.stringify(news[k])).sort();
}

export const standInProvider: pulumi.provider.Provider = {
    // The version it is installed as (the launcher says which), so the engine finds what the program asked for.
    version: process.env.STAND_IN_PROVIDER_VERSION ?? "0.0.0",
    async check(_urn, _olds, news) {
        return { inputs: news };
    },
    async diff(_id, urn, olds, news) {
        return { changes: changedProperties(urn, olds, news).length > 0 };
    },
    async create(urn, inputs) {
        return outputsFor(urn, inputs);
    },
    async read(id, urn, props) {
        return { id, props };
    },
    async update(_id, urn, _olds, news) {
        return { outs: outputsFor(urn, news).outs };
    },
    async delete() {
        return;
    },
    async invoke(token, inputs) {
        const outputs = answerInvoke({ token, inputs }, typeof inputs?.region === "string" ? inputs.region : defaultRegion);
        if (outputs === undefined) {
            return { failures: [{ property: "", reason: `the stand-in provider does not answer ${token}` }] };
        }
        return { outputs };
    },
};

if (require.main === module) {
    pulumi.provider.main(standInProvider, process.argv.slice(2)).catch((err) => {
        process.stderr.write(`stand-in provider: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    });
}
