// Acceptance through the real analyzer server: the built pack, started as the Pulumi CLI starts
// it, previews a small stack (a customer-managed key, a bucket, its encryption configuration and
// bucket policy, under the Stack resource and the default AWS provider) the way the CLI sends it
// at preview: computed outputs unknown, references joined by propertyDependencies.
import { expect } from "chai";
import { BaselinePolicy, packName } from "../../policy-pack/lib/policy";
import { reportPolicy } from "../../policy-pack/lib/run-report";
import { packVersion } from "../../policy-pack/lib/pack-info";
import { PolicyPackConfigFile } from "../../policy-pack/lib/config";
import { Diagnostic, ResourceState } from "../../policy-pack/lib/runner";
import { policies } from "../../policy-pack/policies";
import { project, resource, secret, stack, unknown, urn } from "../lib/fixtures";
import { PackRun, PolicyPackServer, levelName, severityNames } from "./cli-harness";

const account = "111122223333";
const stackUrn = urn("pulumi:pulumi:Stack", `${project}-${stack}`);
const awsProvider = { urn: urn("pulumi:providers:aws", "default_7_48_0"), type: "pulumi:providers:aws", inputs: { region: "us-east-1", version: "7.48.0" } };

/** A resource the program creates: at preview its outputs are its inputs plus unknown computed values. */
function created(type: string, name: string, inputs: Record<string, unknown>, computed: string[], extra: Partial<ResourceState> = {}): ResourceState {
    const outputs = { ...inputs, ...Object.fromEntries(computed.map((k) => [k, unknown.string])) };
    return resource(type, name, inputs, { outputs, parent: stackUrn, provider: awsProvider, ...extra });
}

const keyPolicy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "AccountAdministersTheKey", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }],
});

interface PreviewOptions {
    key?: Record<string, unknown>;
    /** The encryption rule's applyServerSideEncryptionByDefault; null: no encryption configuration at all. */
    byDefault?: Record<string, unknown> | null;
    bucket?: Record<string, unknown>;
}

/** The compliant stack at preview, with the given changes. */
function preview(options: PreviewOptions = {}): ResourceState[] {
    const key = created("aws:kms/key:Key", "data-key", { description: "data at rest", enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy, ...options.key }, ["arn", "id", "keyId"]);
    const bucket = created("aws:s3/bucket:Bucket", "data", { bucket: "acme-data", ...options.bucket }, ["arn", "id", "serverSideEncryptionConfiguration"]);
    // The key's ARN and the bucket's id are unknown at preview; propertyDependencies say whose they are.
    const byDefault = options.byDefault === undefined ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown.string } : options.byDefault;
    const configuration =
        byDefault &&
        created(
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "data-sse",
            { bucket: unknown.string, rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }] },
            ["id"],
            {
                dependencies: [bucket.urn, ...(byDefault.kmsMasterKeyId === unknown.string ? [key.urn] : [])],
                propertyDependencies: { bucket: [bucket.urn], rules: byDefault.kmsMasterKeyId === unknown.string ? [key.urn] : [] },
            },
        );
    const bucketPolicy = created(
        "aws:s3/bucketPolicy:BucketPolicy",
        "data-policy",
        {
            bucket: unknown.string,
            policy: {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "DenyPlainHttp", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [unknown.string, unknown.string], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                    {
                        Sid: "DenyNonKmsUploads",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:PutObject",
                        Resource: unknown.string,
                        Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"] } },
                    },
                ],
            },
        },
        ["id"],
        { dependencies: [bucket.urn], propertyDependencies: { bucket: [bucket.urn], policy: [bucket.urn] } },
    );
    const stackResource = resource("pulumi:pulumi:Stack", `${project}-${stack}`, {});
    const providerResource = resource(awsProvider.type, "default_7_48_0", awsProvider.inputs);
    return [stackResource, providerResource, key, bucket, ...(configuration ? [configuration] : []), bucketPolicy];
}

const keyUrn = urn("aws:kms/key:Key", "data-key");
const bucketUrn = urn("aws:s3/bucket:Bucket", "data");

/** The S3 and KMS policies: everything the compliant stack is compliant with. */
// The fixture's bucket models encryption only: public access blocks are judged by their own tables.
const atRestPolicies = new Set(policies.filter((p) => (p.name.startsWith("s3-") || p.name.startsWith("kms-")) && p.domain !== "access").map((p) => p.name));

function levelsOf(run: PackRun, policyName: string, target: string): string[] {
    return run.diagnostics.filter((d) => d.policyName === policyName && d.urn === target).map((d) => d.enforcementLevel);
}

function show(diagnostics: Diagnostic[]): string {
    return diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} on ${d.urn ?? "(stack)"}: ${d.message.split("\n").slice(-1)[0]}`).join("\n");
}

describe("the built pack through the real analyzer server", function () {
    let pack: PolicyPackServer;

    before(async function () {
        pack = await PolicyPackServer.start();
    });

    after(async function () {
        await pack?.close();
    });

    async function analyze(resources: ResourceState[], config: PolicyPackConfigFile = {}): Promise<PackRun> {
        await pack.configure(config);
        return pack.run(resources);
    }

    // How fast it starts is measured by the bench (npm run bench, cold start), not asserted here.
    it("starts as the CLI starts it and answers GetAnalyzerInfo", function () {
        expect(pack.info.getPoliciesList().length).to.be.greaterThan(0);
        // @pulumi/policy does not implement Handshake; the pack answers it, to learn the directory
        // report files are relative to (policy-pack/lib/run-report.ts).
        expect(pack.handshakeImplemented).to.equal(true);
    });

    it("GetAnalyzerInfo lists every policy with its severity, enforcement level, config schema and metadata", function () {
        expect({ name: pack.info.getName(), version: pack.info.getVersion(), supportsConfig: pack.info.getSupportsconfig() }).to.deep.equal({
            name: packName,
            version: packVersion,
            supportsConfig: true,
        });
        const listed = pack.info.getPoliciesList().map((p) => ({
            name: p.getName(),
            description: p.getDescription(),
            enforcementLevel: levelName(p.getEnforcementlevel()),
            severity: severityNames[p.getSeverity()],
            configSchema: { properties: p.getConfigschema()?.getProperties()?.toJavaScript(), required: p.getConfigschema()?.getRequiredList() },
            framework: p.getFramework()?.toObject(),
            tags: p.getTagsList(),
            remediationSteps: p.getRemediationSteps(),
            url: p.getUrl(),
        }));
        // After the pack's policies, the entry that declares the run's report files (not a policy of the pack).
        const declared = [...policies, reportPolicy as BaselinePolicy].map((p) => ({
            name: p.name,
            description: p.description,
            enforcementLevel: p.enforcementLevel ?? "mandatory",
            severity: p.severity,
            configSchema: { properties: p.configSchema?.properties, required: p.configSchema?.required ?? [] },
            // Unset framework fields read back as empty strings.
            framework: p.framework
                ? { name: p.framework.name ?? "", version: p.framework.version ?? "", reference: p.framework.reference ?? "", specification: p.framework.specification ?? "" }
                : undefined,
            tags: p.tags ?? [],
            remediationSteps: p.remediationSteps,
            url: p.url,
        }));
        expect(listed).to.deep.equal(declared);
    });

    it("a compliant bucket encrypted with an in-stack key whose ARN is unknown at preview gets no S3 or KMS diagnostic", async function () {
        const run = await analyze(preview());
        const atRest = run.diagnostics.filter((d) => atRestPolicies.has(d.policyName));
        expect(atRest, show(atRest)).to.deep.equal([]);
    });

    const violations: { name: string; options: PreviewOptions; policy: string; on: string }[] = [
        { name: "a bucket with SSE-S3", options: { byDefault: { sseAlgorithm: "AES256" } }, policy: "s3-bucket-default-encryption-kms", on: bucketUrn },
        { name: "a bucket with SSE-KMS and no kmsMasterKeyId", options: { byDefault: { sseAlgorithm: "aws:kms" } }, policy: "s3-bucket-encryption-customer-managed-key", on: bucketUrn },
        { name: "a bucket with no default encryption", options: { byDefault: null }, policy: "s3-bucket-default-encryption-kms", on: bucketUrn },
        { name: "a key without rotation", options: { key: { enableKeyRotation: undefined } }, policy: "kms-key-rotation-enabled", on: keyUrn },
        { name: "a key without an explicit policy", options: { key: { policy: undefined } }, policy: "kms-key-policy-explicit", on: keyUrn },
    ];
    for (const v of violations) {
        it(`${v.name}: ${v.policy} reports it as mandatory`, async function () {
            expect([...atRestPolicies], `the pack has no policy ${v.policy}`).to.include(v.policy);
            const run = await analyze(preview(v.options));
            const levels = levelsOf(run, v.policy, v.on);
            expect(levels, show(run.diagnostics)).to.include("mandatory");
            expect(levels, show(run.diagnostics)).not.to.include("advisory");
        });
    }

    it("at the remediate level a policy's fix runs before Analyze, and a policy without one is reported as mandatory", async function () {
        const run = await analyze(preview({ byDefault: null, key: { enableKeyRotation: false } }), {
            "kms-key-rotation-enabled": "remediate",
            "s3-bucket-default-encryption-kms": { enforcementLevel: "remediate" },
        });
        expect(run.remediations.map((r) => [r.policyName, r.urn, r.changes])).to.deep.equal([["kms-key-rotation-enabled", keyUrn, [{ path: ["enableKeyRotation"], from: false, to: true }]]]);
        expect(levelsOf(run, "kms-key-rotation-enabled", keyUrn)).to.deep.equal([]);
        expect(levelsOf(run, "s3-bucket-default-encryption-kms", bucketUrn)).to.deep.equal(["mandatory"]);
    });

    it("a disabled policy is skipped: no diagnostic and no not-applicable answer", async function () {
        const run = await analyze(preview({ key: { enableKeyRotation: false } }), { "kms-key-rotation-enabled": "disabled" });
        expect(run.diagnostics.filter((d) => d.policyName === "kms-key-rotation-enabled")).to.deep.equal([]);
        expect(run.notApplicable.filter((n) => n.policyName === "kms-key-rotation-enabled")).to.deep.equal([]);
    });

    it("`all: advisory` makes every violation advisory", async function () {
        const run = await analyze(preview({ byDefault: null, key: { enableKeyRotation: false } }), { all: "advisory" });
        expect(levelsOf(run, "kms-key-rotation-enabled", keyUrn)).to.deep.equal(["advisory"]);
        expect(levelsOf(run, "s3-bucket-default-encryption-kms", bucketUrn)).to.deep.equal(["advisory"]);
        expect(run.diagnostics.filter((d) => d.enforcementLevel !== "advisory")).to.deep.equal([]);
    });

    it("a secret-wrapped value reaches the policies unwrapped", async function () {
        const rotating = await analyze(preview({ key: { enableKeyRotation: secret(true) } }));
        expect(levelsOf(rotating, "kms-key-rotation-enabled", keyUrn)).to.deep.equal([]);
        const notRotating = await analyze(preview({ key: { enableKeyRotation: secret(false) } }));
        expect(levelsOf(notRotating, "kms-key-rotation-enabled", keyUrn)).to.deep.equal(["mandatory"]);
    });

    it("inputs recorded in one preview do not decide the next one (Analyze records them again)", async function () {
        const inline = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown.string }, bucketKeyEnabled: true } } };
        const first = await analyze(preview({ byDefault: null, bucket: inline }));
        expect(levelsOf(first, "s3-bucket-default-encryption-kms", bucketUrn)).to.deep.equal([]);
        const second = await analyze(preview({ byDefault: null }));
        expect(levelsOf(second, "s3-bucket-default-encryption-kms", bucketUrn)).to.deep.equal(["mandatory"]);
    });

    it("a stack check enabled alone judges the inputs recorded at Analyze, where the server calls nothing for it", async function () {
        // Deployed, the key's outputs carry AWS's default policy; the program declared none.
        const deployedKey = { ...preview()[2], inputs: { description: "data at rest", enableKeyRotation: true }, outputs: { description: "data at rest", enableKeyRotation: true, policy: keyPolicy } };
        const run = await analyze([deployedKey], { all: "disabled", "kms-key-policy-explicit": "mandatory" });
        expect(run.diagnostics.map((d) => `${d.phase} ${d.enforcementLevel} ${d.policyName} ${d.urn}`)).to.deep.equal([`analyzeStack mandatory kms-key-policy-explicit ${keyUrn}`]);
        expect(run.diagnostics[0].message).to.contain("KMS key 'data-key' has no explicit key policy");
        expect(run.notApplicable).to.deep.equal([]);
    });

    it("nothing reaches stdout after the port, stderr or the engine", function () {
        expect({ stdout: pack.stdout, stderr: pack.stderr, engineLogs: pack.engineLogs }).to.deep.equal({ stdout: [], stderr: "", engineLogs: [] });
    });
});
