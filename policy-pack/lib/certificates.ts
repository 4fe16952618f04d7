// Where a certificate comes from and who uses it.
//
// An endpoint names its certificate by ARN. At preview that ARN is often unknown, but the
// input's `propertyDependencies` still name the in-stack resource it came from: an
// aws.acm.Certificate, an aws.acm.CertificateValidation (whose certificateArn is the certificate's
// own, the usual way to wait for validation), or an aws.iam.ServerCertificate.
import { X509Certificate } from "node:crypto";
import { Node, StackGraph } from "./graph";
import { isOneOf, types } from "./types";
import { UNKNOWN, at, isUnknown, list } from "./values";

const acmArnPattern = /^arn:aws[a-z-]*:acm:/;
const iamServerCertificateArnPattern = /^arn:aws[a-z-]*:iam::[^:]*:server-certificate\//;

/** What a known certificate ARN is: from ACM, an IAM server certificate, or something else. */
export function classifyCertificateArn(arn: string): "acm" | "iam" | "other" {
    if (acmArnPattern.test(arn)) {
        return "acm";
    }
    return iamServerCertificateArnPattern.test(arn) ? "iam" : "other";
}

export type CertificateOrigin =
    | { kind: "absent" }
    /** From ACM: the in-stack certificates it resolves to (none when it is outside the stack). */
    | { kind: "acm"; certificates: Node[]; fullyResolved: boolean }
    | { kind: "iam"; serverCertificates: Node[] }
    /** A known value that is neither an ACM nor an IAM server certificate ARN. */
    | { kind: "other" }
    /** Unknown at preview, and no in-stack certificate resource it comes from. */
    | { kind: "unknown" };

/** Resolves certificate ARNs against the certificates of one stack. */
export class CertificateResolver {
    constructor(private readonly graph: StackGraph) {}

    /**
     * Where the certificate ARN `value` of `node` comes from. `dependencyProp` is the top-level
     * input that holds it (propertyDependencies are recorded per top-level input), so a nested
     * ARN such as viewerCertificate.acmCertificateArn is looked up under "viewerCertificate".
     */
    origin(node: Node, dependencyProp: string, value: unknown, following: Set<Node> = new Set()): CertificateOrigin {
        if (value === undefined || value === null || value === "") {
            return { kind: "absent" };
        }
        const dependencies = node.propertyDependencies[dependencyProp] ?? [];
        const fromDependencies = this.fromDependencies(dependencies, following);
        if (isUnknown(value)) {
            return fromDependencies;
        }
        if (typeof value !== "string") {
            return { kind: "other" };
        }
        const kind = classifyCertificateArn(value);
        if (kind === "acm") {
            // An ARN that names no in-stack certificate may still be one whose ARN is unknown at preview.
            const byArn = this.graph.named(value, [...types.acmCertificate]);
            const viaDependencies = fromDependencies.kind === "acm" ? fromDependencies.certificates : [];
            return { kind: "acm", certificates: [...new Set([...(byArn === UNKNOWN ? [] : byArn), ...viaDependencies])], fullyResolved: byArn !== UNKNOWN || viaDependencies.length > 0 };
        }
        if (kind === "iam") {
            return { kind: "iam", serverCertificates: this.graph.identifiedBy(value, [...types.iamServerCertificate]) };
        }
        return { kind: "other" };
    }

    private fromDependencies(dependencies: Node[], following: Set<Node>): CertificateOrigin {
        const certificates = dependencies.filter((d) => isOneOf(d.type, types.acmCertificate));
        const validations = dependencies.filter((d) => isOneOf(d.type, types.acmCertificateValidation));
        const serverCertificates = dependencies.filter((d) => isOneOf(d.type, types.iamServerCertificate));
        const fromAcm = certificates.length > 0 || validations.length > 0;
        if (fromAcm && serverCertificates.length === 0) {
            const found = new Set(certificates);
            let fullyResolved = true;
            for (const validation of validations) {
                if (following.has(validation)) {
                    continue;
                }
                const validated = this.origin(validation, "certificateArn", validation.inputs.certificateArn, new Set([...following, validation]));
                if (validated.kind === "acm") {
                    validated.certificates.forEach((c) => found.add(c));
                    fullyResolved &&= validated.fullyResolved;
                } else {
                    fullyResolved = false;
                }
            }
            return { kind: "acm", certificates: [...found], fullyResolved };
        }
        if (serverCertificates.length > 0 && !fromAcm) {
            return { kind: "iam", serverCertificates };
        }
        return { kind: "unknown" };
    }
}

/** A certificate ARN input of an endpoint: the top-level input it sits under, and its value. */
export interface CertificateReference {
    node: Node;
    dependencyProp: string;
    value: unknown;
}

/** `path` steps; "*" expands a list. */
type Path = (string | "*")[];

/**
 * The inputs through which endpoints attach an ACM certificate. Load balancers, CloudFront and
 * API Gateway are the endpoints the baseline is about; the others also use a certificate, so a
 * certificate they use is not "attached to nothing".
 */
const certificateInputs: { tokens: readonly string[]; paths: Path[] }[] = [
    { tokens: types.listener, paths: [["certificateArn"]] },
    { tokens: types.listenerCertificate, paths: [["certificateArn"]] },
    { tokens: types.classicLoadBalancer, paths: [["listeners", "*", "sslCertificateId"]] },
    { tokens: types.cloudfrontDistribution, paths: [["viewerCertificate", "acmCertificateArn"]] },
    { tokens: types.apiGatewayDomainName, paths: [["certificateArn"], ["regionalCertificateArn"]] },
    { tokens: types.apiGatewayV2DomainName, paths: [["domainNameConfiguration", "certificateArn"]] },
    { tokens: types.appsyncDomainName, paths: [["certificateArn"]] },
    { tokens: types.cognitoUserPoolDomain, paths: [["certificateArn"]] },
    { tokens: types.clientVpnEndpoint, paths: [["serverCertificateArn"], ["authenticationOptions", "*", "rootCertificateChainArn"]] },
    { tokens: types.searchDomain, paths: [["domainEndpointOptions", "customEndpointCertificateArn"]] },
];

/** Every certificate reference that in-stack endpoints declare. */
export function certificateReferences(graph: StackGraph): CertificateReference[] {
    const references: CertificateReference[] = [];
    for (const { tokens, paths } of certificateInputs) {
        for (const node of graph.ofType(...tokens)) {
            for (const path of paths) {
                for (const value of valuesAt(node.inputs, path)) {
                    references.push({ node, dependencyProp: path[0], value });
                }
            }
        }
    }
    return references;
}

/** The values at a path, expanding lists at "*"; an unknown step yields one UNKNOWN. */
function valuesAt(value: unknown, path: Path): unknown[] {
    if (path.length === 0) {
        return [value];
    }
    if (isUnknown(value)) {
        return [UNKNOWN];
    }
    const [step, ...rest] = path;
    if (step === "*") {
        const items = list(value);
        return items === UNKNOWN ? [UNKNOWN] : items.flatMap((item) => valuesAt(item, rest));
    }
    const next = at(value, step);
    return next === undefined || next === null ? [] : valuesAt(next, rest);
}

/** Whether an ACM certificate is imported rather than issued by ACM (declared inputs). */
export function isImported(inputs: Record<string, unknown>): boolean {
    return ["certificateBody", "privateKey", "privateKeyWo"].some((k) => declared(inputs[k]));
}

/** Whether an ACM certificate is issued by a private CA (declared inputs). */
export function isPrivateCa(inputs: Record<string, unknown>): boolean {
    return declared(inputs.certificateAuthorityArn);
}

/** Present in the program's declaration: a value, or one that is unknown until another resource exists. */
function declared(value: unknown): boolean {
    return value !== undefined && value !== null && value !== "";
}

/** What a PEM certificate shows about its trustworthiness; never any of its material. */
export interface PemFindings {
    selfSigned: boolean;
    /** The end of validity, when it has passed. */
    expiredOn?: Date;
    /** The name of a broken signature hash (SHA-1, MD5, MD2), when the certificate uses one. */
    weakSignature?: string;
    /** The RSA modulus length, when it is under 2048 bits. */
    weakRsaBits?: number;
}

/** Reads the first certificate of a PEM text; undefined when it is not one. */
export function inspectPem(pem: string, now: Date): PemFindings | undefined {
    let certificate: X509Certificate;
    try {
        certificate = new X509Certificate(pem);
    } catch {
        return undefined;
    }
    const findings: PemFindings = { selfSigned: certificate.issuer === certificate.subject && verifiesWithOwnKey(certificate) };
    const validTo = new Date(certificate.validTo);
    if (!Number.isNaN(validTo.getTime()) && validTo.getTime() < now.getTime()) {
        findings.expiredOn = validTo;
    }
    const algorithm = weakSignatureAlgorithms.get(signatureAlgorithmOid(certificate.raw) ?? "");
    if (algorithm) {
        findings.weakSignature = algorithm;
    }
    const key = certificate.publicKey;
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if ((key.asymmetricKeyType === "rsa" || key.asymmetricKeyType === "rsa-pss") && bits !== undefined && bits < 2048) {
        findings.weakRsaBits = bits;
    }
    return findings;
}

function verifiesWithOwnKey(certificate: X509Certificate): boolean {
    try {
        return certificate.verify(certificate.publicKey);
    } catch {
        return false;
    }
}

/** Signature algorithms whose hash allows forged certificates, by OID. */
const weakSignatureAlgorithms = new Map([
    ["1.2.840.113549.1.1.5", "SHA-1"], // sha1WithRSAEncryption
    ["1.3.14.3.2.29", "SHA-1"], // sha1WithRSASignature (OIW)
    ["1.2.840.10045.4.1", "SHA-1"], // ecdsa-with-SHA1
    ["1.2.840.10040.4.3", "SHA-1"], // dsa-with-sha1
    ["1.2.840.113549.1.1.4", "MD5"], // md5WithRSAEncryption
    ["1.2.840.113549.1.1.2", "MD2"], // md2WithRSAEncryption
]);

/**
 * The OID of the certificate's outer signatureAlgorithm. Node's X509Certificate does not expose
 * it, so the DER is walked just far enough:
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, … }, … }.
 */
export function signatureAlgorithmOid(der: Buffer): string | undefined {
    const certificate = readTlv(der, 0);
    if (!certificate || certificate.tag !== 0x30) {
        return undefined;
    }
    const tbs = readTlv(der, certificate.contentStart);
    if (!tbs || tbs.tag !== 0x30) {
        return undefined;
    }
    const algorithm = readTlv(der, tbs.end);
    if (!algorithm || algorithm.tag !== 0x30) {
        return undefined;
    }
    const oid = readTlv(der, algorithm.contentStart);
    if (!oid || oid.tag !== 0x06) {
        return undefined;
    }
    return decodeOid(der.subarray(oid.contentStart, oid.end));
}

interface Tlv {
    tag: number;
    contentStart: number;
    end: number;
}

/** One DER tag-length-value at `offset` (single-byte tags, definite lengths), within bounds. */
function readTlv(der: Buffer, offset: number): Tlv | undefined {
    if (offset + 2 > der.length) {
        return undefined;
    }
    const tag = der[offset];
    let length = der[offset + 1];
    let contentStart = offset + 2;
    if (length & 0x80) {
        const octets = length & 0x7f;
        if (octets === 0 || octets > 4 || contentStart + octets > der.length) {
            return undefined;
        }
        length = 0;
        for (let i = 0; i < octets; i++) {
            length = length * 256 + der[contentStart + i];
        }
        contentStart += octets;
    }
    const end = contentStart + length;
    return end > der.length ? undefined : { tag, contentStart, end };
}

function decodeOid(bytes: Buffer): string | undefined {
    if (bytes.length === 0) {
        return undefined;
    }
    const arcs: number[] = [];
    let value = 0;
    for (const byte of bytes) {
        value = value * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            arcs.push(value);
            value = 0;
        }
    }
    const first = arcs.shift()!;
    const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
    return [...head, ...arcs].join(".");
}
