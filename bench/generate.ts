// Synthetic stack exports for the benchmark: copies of the audit fixtures (the compliant reference
// stack, its insecure counterpart and a stack whose values are secrets) stitched into one large
// deployment, as a big estate would export it.
//
// Each copy is an isomorphic renaming of its template: every URN gets a copy tag in its name, and
// every physical identity (ids, names, ARNs' own segments, key ids, domain names) gets one too,
// wherever it appears: in inputs and outputs, inside policy documents, inside secret plaintexts.
// References (parent, dependencies, propertyDependencies, providers) are rewired to the copy's own
// resources. So in the default mix a copy joins only to itself, and the audit of an export must
// report, per copy, exactly what the audit of its template reports: the bench test holds the
// generator to that. A template may also name resources that the export holds once and every copy
// refers to (the interlinked mix): their identities are not renamed, so the copies name them.
import * as fs from "fs";
import * as path from "path";

/** The deployment (version 3) as `pulumi stack export` writes it, reduced to what the generator reads. */
interface ExportDocument {
    version: number;
    deployment: { manifest: unknown; secrets_providers?: unknown; resources: Record<string, any>[] };
}

export interface Template {
    /** The fixture's base name. */
    name: string;
    /** How many copies of it one block of the mix holds. */
    perBlock: number;
    /**
     * Resources of the fixture (`<type>::<name>`, as in their URNs) that the export holds once and
     * every copy refers to, by URN and by value: an organisation's shared key, its wildcard
     * certificate, the security group its load balancers share.
     */
    shared?: string[];
    /**
     * Each copy's role `<name>` (of type aws:iam/role:Role) also gets a customer-managed policy
     * attached: one aws:iam/policy:Policy the export holds once, and one RolePolicyAttachment per copy.
     */
    attachPolicyTo?: string;
}

/** The mix: mostly compliant stacks, some insecure ones, some whose security values are secrets. */
export const defaultMix: Template[] = [
    { name: "reference", perBlock: 3 },
    { name: "violations", perBlock: 1 },
    { name: "plaintext-secrets", perBlock: 1 },
];

/**
 * The mix of a production-like estate, in which the stacks' resources refer to each other: copies
 * of the compliant reference stack (load balancers with an HTTP-redirect and an HTTPS listener,
 * security groups and their rules, ACM certificates and their validations, roles with inline
 * policies, buckets, keys) that share one KMS key and its alias, one CloudFront certificate with
 * its validation, and one load-balancer security group (to which each copy adds its own ingress
 * rules for ports 80 and 443), and whose application
 * roles all have one shared customer-managed policy attached. Lookups by value, by referrer and by
 * certificate ARN then meet the same resources from every copy, as they do in a large real stack.
 */
export const interlinkedMix: Template[] = [
    {
        name: "reference",
        perBlock: 1,
        shared: [
            "aws:kms/key:Key::data-key",
            "aws:kms/alias:Alias::data-key",
            "aws:acm/certificate:Certificate::cdn",
            "aws:acm/certificateValidation:CertificateValidation::cdn",
            "aws:route53/record:Record::cdn-validation-0",
            "aws:ec2/securityGroup:SecurityGroup::alb",
        ],
        attachPolicyTo: "app",
    },
];

/** The insecure program's state alone, copied: every copy breaks every mandatory policy. */
export const insecureMix: Template[] = [{ name: "violations", perBlock: 1 }];

/** A resource type no policy reads, used to pad the export to the exact size asked for. */
const paddingTemplate = { fixture: "reference", type: "aws:route53/record:Record" };

export const benchStack = "bench";
export const benchProject = "synthetic-estate";
const stackUrn = `urn:pulumi:${benchStack}::${benchProject}::pulumi:pulumi:Stack::${benchProject}-${benchStack}`;

export interface Copy {
    template: string;
    /** The copy's tag, appended to its names: `g<index>`. */
    tag: string;
    /** Template URN → URN of this copy (replicated resources only; stack and providers are shared). */
    urns: Map<string, string>;
    /** The copy's renaming of a string of its template (identities get the copy's tag). */
    rename: (s: string) => string;
}

export interface Generated {
    /** The export's text, as `pulumi stack export` would write it (4-space indentation). */
    resources: number;
    copies: Copy[];
    /** Padding resources (no policy reads their type): their URNs. */
    padding: string[];
}

export interface GenerateOptions {
    /** Total number of resources in the export (the stack resource and providers included). */
    resources: number;
    mix?: Template[];
    /** Where the fixtures are: test/fixtures/exports of the repository. */
    fixturesDir?: string;
}

export const defaultFixturesDir = path.resolve(__dirname, "..", "..", "test", "fixtures", "exports");

/**
 * Writes a synthetic export of exactly `options.resources` resources to `file`, streaming, so that
 * 100k resources (a few hundred MB of text) never have to be one string.
 */
export function generateExport(file: string, options: GenerateOptions): Generated {
    const fd = fs.openSync(file, "w");
    try {
        return generate(options, (chunk) => fs.writeSync(fd, chunk));
    } finally {
        fs.closeSync(fd);
    }
}

/** The same export as one string (for small sizes: tests). */
export function generateExportText(options: GenerateOptions): { text: string; generated: Generated } {
    const chunks: string[] = [];
    const generated = generate(options, (chunk) => chunks.push(chunk));
    return { text: chunks.join(""), generated };
}

function generate(options: GenerateOptions, write: (chunk: string) => void): Generated {
    const fixturesDir = options.fixturesDir ?? defaultFixturesDir;
    const mix = options.mix ?? defaultMix;
    const templates = new Map(mix.map((t) => [t.name, loadTemplate(fixturesDir, t)]));
    const padding = loadTemplate(fixturesDir, { name: paddingTemplate.fixture, perBlock: 1 }).replicated.find((r) => r.type === paddingTemplate.type)!;

    // Shared: one stack resource, each template's providers and shared resources once (a large
    // stack has few providers).
    const shared: Record<string, any>[] = [{ urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} }];
    for (const t of templates.values()) {
        for (const p of t.providers) {
            shared.push(renameResource(p, t.sharedUrns, (s) => s));
        }
    }
    if (options.resources < shared.length) {
        throw new Error(`an export of ${options.resources} resources cannot hold the ${shared.length} shared ones`);
    }

    write(`{\n    "version": 3,\n    "deployment": {\n        "manifest": ${indent(JSON.stringify(firstManifest(templates), null, 4), 8)},\n        "resources": [\n`);
    let written = 0;
    let first = true;
    const emit = (r: Record<string, any>) => {
        write(`${first ? "" : ",\n"}            ${indent(JSON.stringify(r, null, 4), 12)}`);
        first = false;
        written++;
    };
    shared.forEach(emit);

    const copies: Copy[] = [];
    const paddingUrns: string[] = [];
    let index = 0;
    for (;;) {
        let added = false;
        for (const t of mix) {
            const template = templates.get(t.name)!;
            for (let i = 0; i < t.perBlock; i++) {
                if (written + template.replicated.length > options.resources) {
                    continue;
                }
                const copy = makeCopy(template, `g${index++}`);
                copies.push(copy.copy);
                copy.resources.forEach(emit);
                added = true;
            }
        }
        if (!added) {
            break;
        }
    }
    const paddingSet = loadTemplate(fixturesDir, { name: paddingTemplate.fixture, perBlock: 1 });
    while (written < options.resources) {
        const copy = makeCopy({ ...paddingSet, replicated: [padding] }, `g${index++}`);
        paddingUrns.push(...copy.copy.urns.values());
        copy.resources.forEach(emit);
    }
    write(`\n        ]\n    }\n}\n`);
    return { resources: written, copies, padding: paddingUrns };
}

interface LoadedTemplate {
    name: string;
    document: ExportDocument;
    replicated: Record<string, any>[];
    /** The providers and the template's shared resources, each held once by the export. */
    providers: Record<string, any>[];
    /** Stack, provider and shared resources' URNs of the template → their URNs in the bench export. */
    sharedUrns: Map<string, string>;
    /** Physical identities of the replicated resources, longest first. */
    tokens: string[];
    tokenPattern: RegExp;
}

const loaded = new Map<string, LoadedTemplate>();

function loadTemplate(dir: string, template: Template): LoadedTemplate {
    const { name } = template;
    const key = `${dir}|${name}|${(template.shared ?? []).join(",")}|${template.attachPolicyTo ?? ""}`;
    const cached = loaded.get(key);
    if (cached) {
        return cached;
    }
    const document = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as ExportDocument;
    const resources = [...document.deployment.resources];
    if (template.attachPolicyTo !== undefined) {
        resources.push(...attachedPolicy(resources, template.attachPolicyTo));
    }
    const shared = new Set([...(template.shared ?? []), ...(template.attachPolicyTo !== undefined ? [`${attachedPolicyType}::${attachedPolicyName}`] : [])]);
    const sharedUrns = new Map<string, string>();
    const providers: Record<string, any>[] = [];
    const replicated: Record<string, any>[] = [];
    for (const r of resources) {
        if (r.type === "pulumi:pulumi:Stack") {
            sharedUrns.set(r.urn, stackUrn);
        } else if (String(r.type).startsWith("pulumi:providers:") || shared.has(`${r.type}::${lastSegment(r.urn)}`)) {
            sharedUrns.set(r.urn, `urn:pulumi:${benchStack}::${benchProject}::${urnType(r.urn)}::${name}-${lastSegment(r.urn)}`);
            providers.push(r);
        } else if (r.delete !== true) {
            replicated.push(r);
        }
    }
    if ([...shared].some((s) => !resources.some((r) => `${r.type}::${lastSegment(r.urn)}` === s))) {
        throw new Error(`${name}: a shared resource is not in the fixture`);
    }
    // What the shared resources are called stays as it is in every copy, so that the copies name them.
    const sharedTokens = new Set(identityTokens(providers.filter((p) => !String(p.type).startsWith("pulumi:"))));
    const tokens = identityTokens(replicated).filter((token) => !sharedTokens.has(token));
    const t: LoadedTemplate = {
        name,
        document,
        replicated,
        providers,
        sharedUrns,
        tokens,
        // A token counts only as a whole: not inside a longer name (letters, digits, `-`, `_` around it).
        tokenPattern: new RegExp(`(?<![A-Za-z0-9_-])(?:${tokens.map(escapeRegExp).join("|")})(?![A-Za-z0-9_-])`, "g"),
    };
    loaded.set(key, t);
    return t;
}

const attachedPolicyType = "aws:iam/policy:Policy";
const attachedPolicyName = "estate-tracing";

/**
 * A customer-managed policy, as @pulumi/aws 7 exports it, and its attachment to the template's role
 * `roleName`: tracing actions that AWS does not scope to resources (the X-Ray actions' resource
 * types are "*" in the Service Authorization Reference), so the grant is least-privilege.
 */
function attachedPolicy(resources: Record<string, any>[], roleName: string): Record<string, any>[] {
    const role = resources.find((r) => r.type === "aws:iam/role:Role" && lastSegment(r.urn) === roleName);
    const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
    if (!role || !stack) {
        throw new Error(`no role ${roleName} to attach a policy to`);
    }
    const prefix = role.urn.slice(0, role.urn.indexOf("::", "urn:pulumi:".length + 1));
    const project = role.urn.split("::")[1];
    const policyUrn = `${prefix}::${project}::${attachedPolicyType}::${attachedPolicyName}`;
    const arn = `arn:aws:iam::123456789012:policy/${attachedPolicyName}-5d1c0e2`;
    const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" }] });
    const common = { custom: true, parent: stack.urn, provider: role.provider, created: role.created, modified: role.modified };
    const policy = {
        urn: policyUrn,
        id: arn,
        type: attachedPolicyType,
        inputs: { policy: document, description: "Tracing for every application of the estate" },
        outputs: { id: arn, arn, name: `${attachedPolicyName}-5d1c0e2`, policy: document, description: "Tracing for every application of the estate", path: "/" },
        dependencies: [],
        propertyDependencies: { policy: [], description: [] },
        ...common,
    };
    const attachmentId = `${role.outputs.name}-${attachedPolicyName}-20240506`;
    const attachment = {
        urn: `${prefix}::${project}::aws:iam/rolePolicyAttachment:RolePolicyAttachment::${roleName}-${attachedPolicyName}`,
        id: attachmentId,
        type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        inputs: { policyArn: arn, role: role.outputs.name },
        outputs: { id: attachmentId, policyArn: arn, role: role.outputs.name },
        dependencies: [role.urn, policyUrn],
        propertyDependencies: { policyArn: [policyUrn], role: [role.urn] },
        ...common,
    };
    return [policy, attachment];
}

/** Fields that carry a resource's physical identity (what other resources refer to it by). */
const identityKeys = ["id", "arn", "name", "bucket", "keyId", "targetKeyId", "domainName", "functionName", "roleName"];

/**
 * Types whose identity is global, not the stack's: an OIDC provider's ARN is its issuer URL, which
 * trust policies name in condition keys. Every copy shares it, as the stacks of one account do.
 */
const globalIdentityTypes = ["aws:iam/openIdConnectProvider:OpenIdConnectProvider"];

/**
 * The atomic identities of the template's resources: names and ids as they are, and for ARNs the
 * last segment (a key id, a certificate id), whose rename carries over into every ARN holding it.
 */
function identityTokens(resources: Record<string, any>[]): string[] {
    const tokens = new Set<string>();
    const add = (value: unknown) => {
        if (typeof value !== "string" || value.length < 4 || value.startsWith("$")) {
            return;
        }
        if (value.startsWith("arn:")) {
            const segment = value.split(/[:/]/).pop()!;
            if (segment.length >= 4 && segment !== "*") {
                tokens.add(segment);
            }
            return;
        }
        if (!value.includes(":") && !value.includes("/")) {
            tokens.add(value);
        } else if (value.startsWith("alias/")) {
            tokens.add(value.slice("alias/".length));
        }
    };
    for (const r of resources) {
        if (globalIdentityTypes.includes(r.type)) {
            continue;
        }
        add(r.id);
        for (const props of [r.inputs ?? {}, r.outputs ?? {}]) {
            for (const key of identityKeys) {
                add(props[key]);
            }
        }
    }
    return [...tokens].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

function makeCopy(t: LoadedTemplate, tag: string): { copy: Copy; resources: Record<string, any>[] } {
    const urns = new Map<string, string>(t.sharedUrns);
    const own = new Map<string, string>();
    for (const r of t.replicated) {
        const renamed = `urn:pulumi:${benchStack}::${benchProject}::${urnType(r.urn)}::${t.name}-${lastSegment(r.urn)}-${tag}`;
        urns.set(r.urn, renamed);
        own.set(r.urn, renamed);
    }
    const renames = new Map(t.tokens.map((token) => [token, renameToken(token, tag)]));
    const rename = (s: string) => s.replace(t.tokenPattern, (token) => renames.get(token) ?? token);
    return { copy: { template: t.name, tag, urns: own, rename }, resources: t.replicated.map((r) => renameResource(r, urns, rename)) };
}

/** The resource with its URNs mapped and every other string's identities renamed. */
function renameResource(r: Record<string, any>, urns: Map<string, string>, rename: (s: string) => string): Record<string, any> {
    const mapString = (s: string): string => {
        if (s.startsWith("urn:pulumi:")) {
            const direct = urns.get(s);
            if (direct !== undefined) {
                return direct;
            }
            // A provider reference: `<provider URN>::<provider ID>`.
            const cut = s.lastIndexOf("::");
            const provider = urns.get(s.slice(0, cut));
            return provider !== undefined ? `${provider}${s.slice(cut)}` : s;
        }
        return rename(s);
    };
    const walk = (value: unknown): unknown => {
        if (typeof value === "string") {
            return mapString(value);
        }
        if (Array.isArray(value)) {
            return value.map(walk);
        }
        if (value !== null && typeof value === "object") {
            const out: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(value)) {
                out[k] = walk(v);
            }
            return out;
        }
        return value;
    };
    return walk(r) as Record<string, any>;
}

const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const domainPattern = /^[a-z0-9*_-]+(\.[a-z0-9_-]+)+\.?$/;

/** A renamed identity that keeps its shape: a UUID stays a UUID, a domain name stays one. */
function renameToken(token: string, tag: string): string {
    if (uuidPattern.test(token)) {
        const n = Number(tag.slice(1));
        // The copy number in the last group's first six digits: unique per copy, the rest kept.
        return `${token.slice(0, 24)}${n.toString(16).padStart(6, "0")}${token.slice(30)}`;
    }
    if (domainPattern.test(token)) {
        const dot = token.indexOf(".");
        return `${token.slice(0, dot)}-${tag}${token.slice(dot)}`;
    }
    return `${token}-${tag}`;
}

function firstManifest(templates: Map<string, LoadedTemplate>): unknown {
    return [...templates.values()][0].document.deployment.manifest;
}

function urnType(urn: string): string {
    // urn:pulumi:<stack>::<project>::<type>::<name>
    const parts = urn.split("::");
    return parts.slice(2, -1).join("::");
}

function lastSegment(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

function indent(text: string, spaces: number): string {
    return text.split("\n").join(`\n${" ".repeat(spaces)}`);
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
