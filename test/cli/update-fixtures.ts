// Writes the audit's fixture exports and golden reports (`npm run update-audit-fixtures`).
//
// The exports are written as `pulumi stack export` writes deployment version 3: the reference
// stack and the insecure counterpart are run offline under Pulumi's mocks (as after `pulumi up`)
// and given what real state has besides (the root Stack resource, default providers, creation
// times, encrypted secrets); the small ones are built here, each for what it shows. With
// `--reports-only` only the golden reports are rewritten from the exports as they are.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CapturedResource, captureProgram } from "../../cli/program/capture";
import { readProject } from "../../cli/program/project";
import { exportsDir, expectedDir, expectedFile, goldenCases, goldenFormats, goldenReport, repoRoot } from "./golden";

const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const deployedAt = Date.parse("2024-05-06T09:30:00.000Z");

type Secrets = "ciphertext" | "plaintext";

interface StateResource {
    urn: string;
    custom: boolean;
    delete?: boolean;
    id?: string;
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: string;
    created: string;
    modified: string;
    sourcePosition?: string;
}

/** The state form of a value the engine received: secrets encrypted (or shown), runtime markers dropped. */
function stateValue(value: unknown, secrets: Secrets): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => stateValue(v, secrets));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const object = value as Record<string, unknown>;
    if (object[sigKey] === secretSig) {
        const plaintext = JSON.stringify(stateValue(object.value, secrets));
        return secrets === "plaintext" ? { [sigKey]: secretSig, plaintext } : { [sigKey]: secretSig, ciphertext: fakeCiphertext(plaintext) };
    }
    const result: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(object)) {
        if (!k.startsWith("__pulumi")) {
            result[k] = stateValue(v, secrets);
        }
    }
    return result;
}

/** What a passphrase secrets provider writes: opaque, and the same for the same plaintext here. */
function fakeCiphertext(plaintext: string): string {
    const digest = createHash("sha256").update(plaintext).digest();
    return `v1:${digest.subarray(0, 12).toString("base64")}:${digest.subarray(12).toString("base64")}`;
}

function secret(value: unknown): Record<string, unknown> {
    return { [sigKey]: secretSig, value };
}

function at(minutes: number): string {
    return new Date(deployedAt + minutes * 60_000).toISOString();
}

class StackBuilder {
    readonly resources: StateResource[] = [];
    readonly stackUrn: string;
    private readonly providers = new Map<string, string>();
    private minute = 0;

    constructor(
        readonly project: string,
        readonly stack: string,
        private readonly region: string,
    ) {
        this.stackUrn = this.urn("pulumi:pulumi:Stack", `${project}-${stack}`);
        this.resources.push({ urn: this.stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {}, created: at(0), modified: at(0) });
    }

    urn(type: string, name: string): string {
        return `urn:pulumi:${this.stack}::${this.project}::${type}::${name}`;
    }

    /** The default provider of a package, added on first use; answers its reference. */
    defaultProvider(pkg: string): string {
        let reference = this.providers.get(pkg);
        if (!reference) {
            const version = pkg === "aws" ? "7.48.0" : "5.1.0";
            const urn = this.urn(`pulumi:providers:${pkg}`, `default_${version.replace(/\./g, "_")}`);
            const id = uuid(urn);
            const inputs = pkg === "aws" ? { region: this.region, skipCredentialsValidation: "false", version } : { version };
            this.resources.push({ urn, custom: true, id, type: `pulumi:providers:${pkg}`, inputs, outputs: inputs, created: at(0), modified: at(0) });
            reference = `${urn}::${id}`;
            this.providers.set(pkg, reference);
        }
        return reference;
    }

    add(resource: Omit<StateResource, "created" | "modified" | "custom"> & { custom?: boolean; created?: string }, secrets: Secrets = "ciphertext"): StateResource {
        const custom = resource.custom ?? true;
        const created = resource.created ?? at((this.minute += 0.25));
        const pkg = resource.type.split(":")[0];
        const state: StateResource = {
            urn: resource.urn,
            custom,
            ...(resource.delete ? { delete: true } : {}),
            ...(custom ? { id: resource.id ?? uuid(resource.urn) } : {}),
            type: resource.type,
            inputs: stateValue(resource.inputs ?? {}, secrets) as Record<string, unknown>,
            outputs: stateValue(resource.outputs ?? resource.inputs ?? {}, secrets) as Record<string, unknown>,
            parent: resource.parent ?? this.stackUrn,
            dependencies: resource.dependencies ?? [],
            propertyDependencies: resource.propertyDependencies ?? {},
            ...(custom && pkg !== "pulumi" ? { provider: resource.provider ?? this.defaultProvider(pkg) } : {}),
            created,
            modified: created,
            ...(resource.sourcePosition ? { sourcePosition: resource.sourcePosition } : {}),
        };
        this.resources.push(state);
        return state;
    }

    /** A resource of this stack by type and name, with its inputs as outputs unless given. */
    resource(type: string, name: string, inputs: Record<string, unknown>, extra: Partial<StateResource> = {}, secrets: Secrets = "ciphertext"): StateResource {
        return this.add({ urn: this.urn(type, name), type, inputs, ...extra }, secrets);
    }

    export(extra: { pending_operations?: unknown[]; secrets?: Secrets } = {}): unknown {
        return {
            version: 3,
            deployment: {
                manifest: { time: at(30), magic: "0b0cbcd95bd5e5a0b2e7e45f2ab5e0c3b5c8f4a3b6e9c1d2f3a4b5c6d7e8f9a0", version: "v3.248.0" },
                secrets_providers: { type: "passphrase", state: { salt: "v1:fixture-salt:fixture-check" } },
                resources: this.resources,
                ...(extra.pending_operations ? { pending_operations: extra.pending_operations } : {}),
            },
        };
    }
}

/** A key policy that separates administering the key from using it, each for one named role. */
function keyPolicy(account: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "KeyAdministration",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${account}:role/key-admin` },
                Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
                Resource: "*",
            },
            { Sid: "KeyUse", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:role/app` }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
        ],
    });
}

/** A key compliant with every key policy but rotation, which `rotation` decides. */
function keyInputs(description: string, rotation: unknown): Record<string, unknown> {
    return { description, enableKeyRotation: rotation, deletionWindowInDays: 30, policy: keyPolicy("111122223333") };
}

function uuid(seed: string): string {
    const h = createHash("sha256").update(seed).digest("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A program run as after `pulumi up`, its registrations written as state. */
async function programExport(dir: string, adjust: (builder: StackBuilder, captured: CapturedResource[]) => void = () => {}): Promise<unknown> {
    const request = readProject(dir, "dev", false);
    const captured = await captureProgram(request);
    if (captured.error) {
        throw new Error(`${dir}: ${captured.error.message}`);
    }
    const builder = new StackBuilder(request.project, request.stack, request.config["aws:region"] ?? "us-east-1");
    for (const r of captured.resources) {
        builder.add({
            urn: r.urn,
            type: r.type,
            custom: r.custom,
            id: r.id || undefined,
            inputs: r.inputs,
            // Bridged providers record the ID among the outputs too.
            outputs: r.custom && r.id && !r.type.startsWith("pulumi:providers:") ? { id: r.id, ...r.outputs } : r.outputs,
            parent: r.parent,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            provider: r.provider,
        });
    }
    adjust(builder, captured.resources);
    return builder.export();
}

/** A small stack whose security-relevant values are secrets, exported with or without --show-secrets. */
function secretsExport(secrets: Secrets): unknown {
    const b = new StackBuilder("payments", "prod", "eu-west-1");
    const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9";
    const bucketName = "payments-prod-ledger";
    const key = b.resource("aws:kms/key:Key", "ledger-key", keyInputs("ledger", secret(true)), {
        outputs: { ...keyInputs("ledger", secret(true)), arn: keyArn, keyId: keyArn.split("/")[1] },
    }, secrets);
    const bucket = b.resource("aws:s3/bucket:Bucket", "ledger", { bucket: bucketName, tags: { "cost-center": secret("cc-4711-s3cr3t-tag") } }, {
        outputs: { bucket: bucketName, id: bucketName, arn: `arn:aws:s3:::${bucketName}` },
    }, secrets);
    b.resource(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "ledger-encryption",
        {
            bucket: bucketName,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true, blockedEncryptionTypes: ["SSE-C"] }],
        },
        { propertyDependencies: { bucket: [bucket.urn], rules: [key.urn] }, dependencies: [bucket.urn, key.urn] },
        secrets,
    );
    const policy = {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "DenyNonKmsUploads",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${bucketName}/*`,
                Condition: { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } },
            },
        ],
    };
    b.resource("aws:s3/bucketPolicy:BucketPolicy", "ledger-policy", { bucket: bucketName, policy: secret(JSON.stringify(policy)) }, {
        propertyDependencies: { bucket: [bucket.urn] },
        dependencies: [bucket.urn],
    }, secrets);
    b.resource(
        "aws:lb/listener:Listener",
        "api-https",
        {
            loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/50dc6c495c0c9188",
            port: 443,
            protocol: "HTTPS",
            sslPolicy: secret("Legacy-TLS10-Policy-s3cr3t-ssl"),
            certificateArn: secret("arn:aws:acm:eu-west-1:111122223333:certificate/s3cr3t-cert-4c1d-9e8f-0a1b2c3d4e5f"),
            defaultActions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }],
        },
        {},
        secrets,
    );
    b.resource(
        "aws:lambda/function:Function",
        "ledger-export",
        { runtime: "nodejs20.x", handler: "index.handler", environment: { variables: { DB_PASSWORD: secret("hunter2-s3cr3t-db-password") } } },
        {},
        secrets,
    );
    return b.export();
}

/** A stack mid-change: resources marked for deletion, operations an interrupted update left pending, source positions, an explicit provider. */
function deletedAndPendingExport(): unknown {
    const b = new StackBuilder("legacy-app", "staging", "eu-central-1");
    const euProviderUrn = b.urn("pulumi:providers:aws", "eu-west");
    const euProvider = b.add({ urn: euProviderUrn, type: "pulumi:providers:aws", inputs: { region: "eu-west-1", version: "7.48.0" } });
    b.add({ urn: b.urn("pulumi:providers:aws", "replaced-eu"), type: "pulumi:providers:aws", inputs: { region: "eu-west-1", version: "6.0.0" }, delete: true });
    b.resource("aws:kms/key:Key", "rotating", { ...keyInputs("rotating", true), __defaults: [] }, {
        outputs: { ...keyInputs("rotating", true), __meta: '{"schema_version":"0"}' },
        sourcePosition: "project:///index.ts#12,17",
    });
    b.resource("aws:kms/key:Key", "static", keyInputs("static", false), {
        provider: `${euProviderUrn}::${euProvider.id}`,
        sourcePosition: "project:///keys/static.ts#4,5",
    });
    b.resource("aws:kms/key:Key", "retired", keyInputs("retired, replaced by rotating", false), { delete: true });
    const creating = {
        urn: b.urn("aws:kms/key:Key", "incoming"),
        custom: true,
        type: "aws:kms/key:Key",
        inputs: keyInputs("incoming", false),
        parent: b.stackUrn,
        provider: b.defaultProvider("aws"),
        created: at(29),
        modified: at(29),
    };
    const updating = b.resources.find((r) => r.urn === b.urn("aws:kms/key:Key", "static"))!;
    return b.export({
        pending_operations: [
            { resource: creating, type: "creating" },
            { resource: updating, type: "updating" },
        ],
    });
}

async function writeExports(): Promise<void> {
    const write = (name: string, value: unknown) => fs.writeFileSync(path.join(repoRoot, exportsDir, name), `${JSON.stringify(value, null, 4)}\n`);
    write("reference.json", await programExport(repoRoot));
    write(
        "violations.json",
        await programExport(path.join(repoRoot, "test/fixtures/programs/insecure"), (b) => {
            // Default encryption added three days after the bucket: objects written in between may be unencrypted.
            const configuration = b.resources.find((r) => r.type.startsWith("aws:s3/bucketServerSideEncryptionConfiguration") && r.urn.endsWith("::aws-managed-key"));
            if (configuration) {
                configuration.created = configuration.modified = at(3 * 24 * 60);
            }
        }),
    );
    write(
        "tag-waivers.json",
        await programExport(path.join(repoRoot, "test/fixtures/programs/tag-waivers"), (b) => {
            // What the AWS provider records besides the declared tags: `__defaults` among the inputs,
            // and `tagsAll` (the tags with the provider's default tags, none here) among the outputs.
            for (const r of b.resources) {
                if (r.inputs && "tags" in r.inputs) {
                    r.inputs = { __defaults: [], ...r.inputs };
                    r.outputs = { ...r.outputs, tagsAll: r.inputs.tags };
                }
            }
        }),
    );
    write("plaintext-secrets.json", secretsExport("plaintext"));
    write("ciphertext-secrets.json", secretsExport("ciphertext"));
    write("deleted-and-pending.json", deletedAndPendingExport());
}

async function writeReports(): Promise<void> {
    fs.mkdirSync(path.join(repoRoot, expectedDir), { recursive: true });
    for (const c of goldenCases) {
        for (const { format, extension } of goldenFormats) {
            const run = await goldenReport(c, format);
            if (run.stderr !== "") {
                throw new Error(`${c.name} (${format}): ${run.stderr}`);
            }
            fs.writeFileSync(expectedFile(c, extension), run.stdout);
        }
    }
}

async function updateFixtures(): Promise<void> {
    if (!process.argv.includes("--reports-only")) {
        await writeExports();
    }
    await writeReports();
}

updateFixtures().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
});
