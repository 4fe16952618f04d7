// The SDK internals the engine restates so that commands load without @pulumi/pulumi: the
// protocol's constants, the tests of a policy's kind and the deserializer must be the installed
// SDK's, value for value and answer for answer.
import { expect } from "chai";
import * as fc from "fast-check";
import { assetSigs, deserializeProperties, sdkPolicy, wire } from "../../policy-pack/lib/sdk";

/* eslint-disable @typescript-eslint/no-var-requires */
const rpc = require("@pulumi/pulumi/runtime/rpc");
const sdkPolicyModule = require("@pulumi/policy/policy");
const sdkDeserialize = require("@pulumi/policy/deserialize");
const pulumi = require("@pulumi/pulumi");

describe("lib/sdk: restated SDK internals", () => {
    it("uses the protocol's constants of the installed SDK", () => {
        expect(wire).to.deep.equal({ specialSigKey: rpc.specialSigKey, specialSecretSig: rpc.specialSecretSig, specialResourceSig: rpc.specialResourceSig, unknownValue: rpc.unknownValue });
        expect(assetSigs).to.deep.equal({ asset: rpc.specialAssetSig, archive: rpc.specialArchiveSig });
    });

    it("tells a policy's kind and single type as the SDK does", () => {
        const fn = () => undefined;
        const typed = Object.assign(() => undefined, { __pulumiType: "aws:sqs/queue:Queue" });
        const probes: unknown[] = [
            {},
            { validateResource: fn },
            { validateResource: [fn, fn] },
            { validateResource: [fn, "x"] },
            { validateResource: [] },
            { validateResource: "x", remediateResource: fn },
            { remediateResource: fn },
            { validateStack: fn },
            { validateStack: typed },
            { validateStack: "x" },
        ];
        for (const p of probes) {
            expect(sdkPolicy.isResourcePolicy(p), JSON.stringify(p)).to.equal(sdkPolicyModule.isResourcePolicy(p));
            expect(sdkPolicy.isStackPolicy(p), JSON.stringify(p)).to.equal(sdkPolicyModule.isStackPolicy(p));
        }
        for (const v of [undefined, null, {}, fn, typed, { __pulumiType: "" }, { __pulumiType: 3 }]) {
            expect(sdkPolicy.getPulumiType(v)).to.equal(sdkPolicyModule.getPulumiType(v));
        }
    });

    it("deserializes secrets, assets, archives and plain values as the SDK does", () => {
        const sig = rpc.specialSigKey;
        const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
        const special = (inner: fc.Arbitrary<unknown>) =>
            fc.oneof(
                inner.map((value) => ({ [sig]: rpc.specialSecretSig, value: value === undefined ? null : value })),
                fc.constantFrom(
                    { [sig]: rpc.specialAssetSig, path: "index.js" },
                    { [sig]: rpc.specialAssetSig, text: "exports.handler = 1" },
                    { [sig]: rpc.specialAssetSig, uri: "https://example.com/a.zip" },
                    { [sig]: rpc.specialArchiveSig, path: "./app" },
                    { [sig]: rpc.specialArchiveSig, uri: "https://example.com/b.zip" },
                    { [sig]: rpc.specialArchiveSig, assets: { "index.js": { [sig]: rpc.specialAssetSig, text: "x" }, lib: { [sig]: rpc.specialArchiveSig, path: "./lib" } } },
                ),
            );
        const value = fc.letrec((tie) => ({
            node: fc.oneof({ depthSize: "small" }, leaf, special(tie("node")), fc.array(tie("node").filter((v) => v !== undefined), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), tie("node"), { maxKeys: 3 })),
        })).node;
        const props = fc.dictionary(fc.string({ maxLength: 8 }), value, { maxKeys: 4 });
        // Assets compare by their kind and their fields.
        const plain = (v: unknown): unknown => {
            if (pulumi.asset.Asset.isInstance(v) || pulumi.asset.Archive.isInstance(v)) {
                const { constructor } = v as object;
                return { kind: constructor.name, ...Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, plain(x)])) };
            }
            if (Array.isArray(v)) {
                return v.map(plain);
            }
            return v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;
        };
        fc.assert(
            fc.property(props, (p) => {
                const outcome = (f: () => unknown) => {
                    try {
                        return { value: plain(f()) };
                    } catch (e) {
                        return { error: (e as Error).message };
                    }
                };
                expect(outcome(() => deserializeProperties(p))).to.deep.equal(outcome(() => sdkDeserialize.deserializeProperties({ toJavaScript: () => p }, false)));
            }),
            { numRuns: 300 },
        );
    });
});
