// The config resolution compiles a policy's schema only when a config sets its parameters: that
// is sound only if every policy's defaults pass its own schema, which this holds.
import { expect } from "chai";
import { ConfigError, resolveConfig } from "../../policy-pack/lib/config";
import { policies } from "../../policy-pack/policies";

describe("lib/config: schema defaults", () => {
    it("every policy's parameter defaults, set explicitly, pass its schema", () => {
        for (const policy of policies) {
            const defaults = Object.fromEntries(
                Object.entries(policy.configSchema?.properties ?? {}).flatMap(([key, schema]) => ((schema as { default?: unknown }).default !== undefined ? [[key, (schema as { default?: unknown }).default]] : [])),
            );
            const resolved = resolveConfig(policies, { [policy.name]: { enforcementLevel: "advisory", ...defaults } }).get(policy.name)!;
            expect(resolved.properties, policy.name).to.deep.equal(resolveConfig(policies, {}).get(policy.name)!.properties);
        }
    });

    it("still refuses a parameter a policy does not have, and a wrong value", () => {
        const withParameters = policies.find((p) => Object.keys(p.configSchema?.properties ?? {}).length > 0)!;
        expect(() => resolveConfig(policies, { [withParameters.name]: { noSuchParameter: 1 } })).to.throw(ConfigError, `'${withParameters.name}': 'noSuchParameter' is not a parameter of this policy`);
    });
});
