// Invalid policy pack config through the analyzer server and through the audit (issue 7).
//
// The Pulumi CLI validates a `--policy-pack-config` against the config schema each policy
// advertises in GetAnalyzerInfo before it calls Configure; the server itself takes whatever
// Configure sends. So, for every invalid config here (a wrong-typed parameter of every policy,
// malformed waivers and waiver dates, unknown policy names, bad levels):
//   - the CLI's validation, modelled with a JSON-schema validator of its own over the schemas the
//     running pack advertises (not over the policy objects), rejects it naming the policy and field;
//   - the harness's configure, which resolves config as the CLI does, rejects it the same way;
//   - the audit's --policy-pack-config rejects it with exit code 2 and one line naming the file,
//     the policy and the field.
// A valid config is accepted by all three. The CLI's validation sees only each schema's
// `properties` and `required`, so the pack's server refuses in Configure what gets past it.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import Ajv from "ajv";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { ConfigError, PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { Parameter } from "../../policy-pack/lib/policy";
import { policies } from "../../policy-pack/policies";
import { PolicyPackServer } from "../harness/cli-harness";
import { repoRoot, runCli } from "../cli/golden";

interface Invalid {
    what: string;
    config: PolicyPackConfigFile;
    policy: string;
    /** The field as messages name it (a path into the policy's config), or undefined for the entry itself. */
    field?: string;
}

/** A value of a type the parameter does not accept. */
function wrongTyped(p: Parameter): unknown {
    switch (p.type) {
        case "string":
            return 7;
        case "integer":
        case "number":
            return "7";
        case "boolean":
            return "true";
        case "array":
            return "all";
        default:
            return [];
    }
}

const today = new Date().toISOString().slice(0, 10);
const future = `${Number(today.slice(0, 4)) + 5}-06-30`;

function invalidConfigs(): Invalid[] {
    const cases: Invalid[] = [];
    for (const policy of policies) {
        for (const [name, parameter] of Object.entries((policy.configSchema?.properties ?? {}) as Record<string, Parameter>)) {
            cases.push({ what: `${policy.name}.${name} of the wrong type`, config: { [policy.name]: { [name]: wrongTyped(parameter) } }, policy: policy.name, field: name });
        }
    }
    const waivers = (policy: string, waiver: unknown): PolicyPackConfigFile => ({ [policy]: { waivers: [waiver] } });
    const p = policies[0].name;
    const q = policies[policies.length - 1].name;
    const good = { resources: ["orders-*"], reason: "migration", expires: future };
    for (const [what, waiver, field] of [
        ["a waiver dated 31/12/2099", { ...good, expires: "31/12/2099" }, "waivers.0.expires"],
        ["a waiver dated 2099-13-01", { ...good, expires: "2099-13-01" }, "waivers.0.expires"],
        ["a waiver dated 2099-12-32", { ...good, expires: "2099-12-32" }, "waivers.0.expires"],
        ["a waiver dated 'tomorrow'", { ...good, expires: "tomorrow" }, "waivers.0.expires"],
        ["a waiver dated with a time", { ...good, expires: "2099-12-31T00:00:00Z" }, "waivers.0.expires"],
        ["a waiver dated as a number", { ...good, expires: 20991231 }, "waivers.0.expires"],
        ["a waiver whose reason is a number", { ...good, reason: 42 }, "waivers.0.reason"],
        ["a waiver naming no resources", { ...good, resources: [] }, "waivers.0.resources"],
        ["a waiver whose resources are a string", { ...good, resources: "orders-*" }, "waivers.0.resources"],
        ["a waiver with an empty pattern", { ...good, resources: [""] }, "waivers.0.resources.0"],
        ["a waiver without resources", { reason: "r", expires: future }, "waivers.0"],
        ["a waiver with a misspelt field", { ...good, expiry: future }, "waivers.0"],
        ["a waiver that is a string", "orders-*", "waivers.0"],
    ] as [string, unknown, string][]) {
        cases.push({ what: `${q}: ${what}`, config: waivers(q, waiver), policy: q, field });
    }
    cases.push({ what: "a bad enforcement level", config: { [p]: "blocking" }, policy: p, field: "enforcementLevel" });
    cases.push({ what: "a bad enforcement level in an object", config: { [p]: { enforcementLevel: "warn" } }, policy: p, field: "enforcementLevel" });
    cases.push({ what: "an unknown policy", config: { "s3-bucket-encryption": "mandatory" }, policy: "s3-bucket-encryption" });
    cases.push({ what: "a misspelt policy", config: { [`${p}s`]: { enforcementLevel: "advisory" } }, policy: `${p}s` });
    return cases;
}

const valid: PolicyPackConfigFile = {
    all: "advisory",
    [policies[0].name]: { enforcementLevel: "mandatory", waivers: [{ resources: ["urn:pulumi:*::orders"], reason: "migration", expires: future }] },
    [policies[1].name]: "disabled",
};

/** The CLI's check before Configure, modelled: schema defaults, then the file's entry, validated against what GetAnalyzerInfo advertised. */
function cliValidation(info: analyzer.AnalyzerInfo, file: PolicyPackConfigFile): string[] {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const problems: string[] = [];
    for (const p of info.getPoliciesList()) {
        const properties = (p.getConfigschema()?.getProperties()?.toJavaScript() ?? {}) as Record<string, { default?: unknown }>;
        const entry = file[p.getName()];
        const given = entry !== null && typeof entry === "object" ? { ...(entry as Record<string, unknown>) } : {};
        delete given.enforcementLevel;
        const config = { ...Object.fromEntries(Object.entries(properties).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default])), ...given };
        const validate = ajv.compile({ type: "object", properties, required: p.getConfigschema()?.getRequiredList() ?? [] });
        if (!validate(config)) {
            for (const e of validate.errors ?? []) {
                problems.push(`${p.getName()}: ${e.instancePath.slice(1).replace(/\//g, ".")} ${e.message}`);
            }
        }
    }
    return problems;
}

describe("robustness: invalid policy pack config through the analyzer server and the audit", function () {
    this.timeout(120000);
    let pack: PolicyPackServer;
    let dir: string;
    const cases = invalidConfigs();

    before(async function () {
        pack = await PolicyPackServer.start();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-config-"));
    });

    after(async function () {
        await pack?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("the CLI's schema validation, modelled over the advertised schemas, rejects each wrong value naming the policy and field", function () {
        let checked = 0;
        for (const c of cases.filter((x) => x.field !== undefined && x.field !== "enforcementLevel")) {
            const problems = cliValidation(pack.info, c.config);
            const field = c.field!.split(".").slice(0, 2).join(".");
            expect(
                problems.some((m) => m.startsWith(`${c.policy}: ${field}`)),
                `${c.what}: ${problems.join("; ") || "accepted"}`,
            ).to.equal(true);
            checked++;
        }
        expect(cliValidation(pack.info, valid)).to.deep.equal([]);
        this.test!.title += ` (${checked} configs)`;
    });

    it("the harness's Configure, resolving as the CLI does, rejects each one naming the policy and field", async function () {
        for (const c of cases) {
            let error: unknown;
            try {
                await pack.configure(c.config);
            } catch (e) {
                error = e;
            }
            expect(error, `${c.what}: accepted`).to.be.instanceOf(ConfigError);
            const message = (error as Error).message;
            expect(message, c.what).to.include(`'${c.policy}'`);
            if (c.field !== undefined) {
                expect(message, c.what).to.include(c.field);
            }
        }
        await pack.configure(valid);
        this.test!.title += ` (${cases.length} configs)`;
    });

    it("the audit's --policy-pack-config rejects each one: exit code 2, one line naming the file, the policy and the field", async function () {
        const exportFile = path.join(repoRoot, "test/fixtures/exports/deleted-and-pending.json");
        for (const [i, c] of cases.entries()) {
            const file = path.join(dir, `config-${i}.json`);
            fs.writeFileSync(file, JSON.stringify(c.config));
            const run = await runCli(["audit", exportFile, "--policy-pack-config", file, "--format", "json"]);
            expect({ code: run.code, stdout: run.stdout }, c.what).to.deep.equal({ code: 2, stdout: "" });
            expect(run.stderr, c.what).to.match(new RegExp(`^secure-baseline: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: policy pack config: '${c.policy}'[^\n]*\n$`));
            if (c.field !== undefined) {
                expect(run.stderr, c.what).to.include(c.field);
            }
        }
        const file = path.join(dir, "valid.json");
        fs.writeFileSync(file, JSON.stringify(valid));
        const run = await runCli(["audit", exportFile, "--policy-pack-config", file, "--format", "json"]);
        expect(run.stderr).to.equal("");
        expect(run.code).to.equal(0);
    });

    it("the server refuses in Configure what the CLI passes on (a misspelled parameter, a policy it does not have, a bad waiver), naming the policy and field, and takes a valid config", async function () {
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const { Struct }: typeof import("google-protobuf/google/protobuf/struct_pb") = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
        // The harness keeps its client to itself; these calls go around its configure on purpose,
        // with what the CLI sends after its own validation: every entry of the file, resolved.
        const client = (pack as unknown as { client: AnalyzerClient }).client;
        const configure = (entries: Record<string, Record<string, unknown>>) => {
            const request = new analyzer.ConfigureAnalyzerRequest();
            for (const [name, properties] of Object.entries(entries)) {
                const config = new analyzer.PolicyConfig();
                config.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
                config.setProperties(Struct.fromJavaScript(properties as never));
                request.getPolicyconfigMap().set(name, config);
            }
            return new Promise<{ code?: number; details?: string }>((resolve) => client.configure(request, (e) => resolve(e ?? {})));
        };
        const rotation = "kms-key-rotation-enabled";
        const refusals: [Record<string, Record<string, unknown>>, string][] = [
            [{ [rotation]: { maxRotationDays: 365, maxRotationDayz: 180 } }, `'${rotation}': 'maxRotationDayz' is not a parameter of this policy`],
            [{ [rotation]: { maxRotationDays: 365 }, "no-such-policy": { anything: 1 } }, "'no-such-policy' is not a policy of this pack"],
            [{ [policies[0].name]: { waivers: [{ resources: "orders-*", expires: "tomorrow", reason: "migration" }] } }, `'${policies[0].name}'`],
        ];
        for (const [entries, message] of refusals) {
            const answer = await configure(entries);
            expect(answer.code, JSON.stringify(entries)).to.equal(3 /* INVALID_ARGUMENT */);
            expect(answer.details, JSON.stringify(entries)).to.include(message);
        }
        expect(await configure({ [rotation]: { maxRotationDays: 180 } })).to.deep.equal({});
        // Leave the pack configured validly for anything after this.
        await pack.configure({});
    });
});
