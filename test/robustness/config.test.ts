// Bad `--policy-pack-config` values through the runner: every parameter of every policy given a
// value of the wrong type, unknown policy names and bad enforcement levels are all rejected before
// any policy runs, with a message that names the policy and the field, as the Pulumi CLI rejects
// them against each policy's config schema.
import { expect } from "chai";
import fc from "fast-check";
import { ConfigError, PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { BaselinePolicy, Parameter } from "../../policy-pack/lib/policy";
import { runPolicies } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { resource } from "../lib/fixtures";
import { policySeed, settings } from "./settings";

const anyResource = [resource("aws:s3/bucket:Bucket", "b", { bucket: "b" })];

/** The error running the pack with `config` fails with (the test fails if it runs). */
async function rejection(config: PolicyPackConfigFile): Promise<Error> {
    try {
        await runPolicies(policies, anyResource, { config });
    } catch (e) {
        return e as Error;
    }
    throw new Error(`config ${JSON.stringify(config)} was accepted`);
}

function jsonType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

/** Whether a value has the JSON-schema type a parameter declares (an integer is also a number). */
function hasType(value: unknown, type: Parameter["type"]): boolean {
    const actual = jsonType(value);
    return actual === type || (type === "number" && actual === "integer");
}

/** Values of every JSON type, for the types a parameter does not accept. */
const jsonValue = fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 60, "", "60", "true", "*", [], [1], ["x"], {}, { a: 1 }),
    fc.jsonValue({ maxDepth: 2 }),
);

/** Arrays whose items break the declared item schema (wrong item type, or a waiver of the wrong shape). */
function badItems(p: Parameter): unknown[][] {
    const items = (p.items ?? {}) as { type?: string; properties?: Record<string, unknown> };
    switch (items.type) {
        case "string":
            return [[1], [null], [["x"]], [{}]];
        case "integer":
        case "number":
            return [["80"], [null], [[1]]];
        case "object":
            return [["x"], [null], [{}], [{ resources: "b" }], [{ resources: [] }], [{ resources: [""] }], [{ resources: ["b"], reason: 1 }], [{ resources: ["b"], expires: 20991231 }], [{ resources: ["b"], owner: "me" }]];
        default:
            return [];
    }
}

function parametersOf(policy: BaselinePolicy): [string, Parameter][] {
    return Object.entries((policy.configSchema?.properties ?? {}) as Record<string, Parameter>);
}

describe("robustness: invalid policy pack config is rejected, naming the policy and field", function () {
    const totals = { parameters: 0, values: 0 };

    after(function () {
        console.log(`    config: ${totals.values} wrong-typed values over ${totals.parameters} parameters of ${policies.length} policies rejected`);
    });

    for (const policy of policies) {
        for (const [name, parameter] of parametersOf(policy)) {
            it(`${policy.name}: ${name} (${parameter.type}) with a value of another type`, async function () {
                let checked = 0;
                const property = fc.asyncProperty(
                    jsonValue.filter((v) => !hasType(v, parameter.type)),
                    async (value) => {
                        const error = await rejection({ [policy.name]: { [name]: value } });
                        expect(error, String(error)).to.be.instanceOf(ConfigError);
                        expect(error.message).to.include(`'${policy.name}'`).and.to.include(name);
                        checked++;
                    },
                );
                await fc.assert(property, { numRuns: 25, seed: policySeed(settings.seed, `${policy.name}.${name}`) });
                for (const value of badItems(parameter)) {
                    const error = await rejection({ [policy.name]: { [name]: value } });
                    expect(error, `${JSON.stringify(value)}: ${error}`).to.be.instanceOf(ConfigError);
                    expect(error.message).to.include(`'${policy.name}'`).and.to.include(name);
                    checked++;
                }
                for (const value of outOfRange(parameter)) {
                    const error = await rejection({ [policy.name]: { [name]: value } });
                    expect(error, `${JSON.stringify(value)}: ${error}`).to.be.instanceOf(ConfigError);
                    expect(error.message).to.include(`'${policy.name}'`).and.to.include(name);
                    checked++;
                }
                totals.values += checked;
                totals.parameters++;
            });
        }

        it(`${policy.name}: a parameter it does not have (a misspelt one)`, async function () {
            const parameters = parametersOf(policy).map(([name]) => name);
            for (const name of [...parameters.map((p) => `${p}z`), "maxRotationDayz", "enabled"]) {
                const error = await rejection({ [policy.name]: { [name]: 1 } });
                expect(error, `${name}: ${error}`).to.be.instanceOf(ConfigError);
                expect(error.message).to.equal(`policy pack config: '${policy.name}': '${name}' is not a parameter of this policy (its parameters: ${parameters.join(", ")})`);
            }
        });

        it(`${policy.name}: a bad enforcement level`, async function () {
            for (const level of ["blocking", "Mandatory", "", 1, null, true, ["mandatory"], { level: "advisory" }]) {
                const error = await rejection({ [policy.name]: typeof level === "string" ? level : { enforcementLevel: level } });
                expect(error, `${JSON.stringify(level)}: ${error}`).to.be.instanceOf(ConfigError);
                expect(error.message).to.include(`'${policy.name}'`);
            }
            for (const entry of [1, null, true, ["mandatory"]]) {
                const error = await rejection({ [policy.name]: entry });
                expect(error, `${JSON.stringify(entry)}: ${error}`).to.be.instanceOf(ConfigError);
                expect(error.message).to.include(`'${policy.name}'`);
            }
        });
    }

    it("an unknown policy name, a misspelt one, or a bad level for all", async function () {
        for (const [config, names] of [
            [{ "s3-bucket-encryption": "mandatory" }, "s3-bucket-encryption"],
            [{ [`${policies[0].name}x`]: { enforcementLevel: "advisory" } }, `${policies[0].name}x`],
            [{ all: "blocking" }, "all"],
            [{ all: { enforcementLevel: 3 } }, "all"],
        ] as [PolicyPackConfigFile, string][]) {
            const error = await rejection(config);
            expect(error, String(error)).to.be.instanceOf(ConfigError);
            expect(error.message).to.include(`'${names}'`);
        }
    });

    it("a config that is not an object", async function () {
        for (const config of [null, "mandatory", [], 1]) {
            const error = await rejection(config as unknown as PolicyPackConfigFile);
            expect(error, String(error)).to.be.instanceOf(ConfigError);
        }
    });
});

/** Values of the right type outside the declared bounds or enum. */
function outOfRange(p: Parameter): unknown[] {
    const values: unknown[] = [];
    if (p.minimum !== undefined) {
        values.push(p.minimum - 1);
    }
    if (p.maximum !== undefined) {
        values.push(p.maximum + 1);
    }
    if (p.enum !== undefined) {
        values.push(`not-${String(p.enum[0])}`);
    }
    return values;
}
