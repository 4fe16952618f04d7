// Secrets never reach the audit's output (issue 7). The insecure counterpart's export is given
// recognisable values in the places findings quote (an integration's URI, a domain name, a
// listener's TLS policy, a CloudFront origin, a role's trust policy document, a policy document's
// resource, a key policy's Sid), and in places nothing should quote (provider inputs, stack
// outputs, an output value marked secret); then the same export holds them as plaintext secrets
// (`pulumi stack export --show-secrets`). The plain export shows that findings do quote them; the
// secret one must give the same findings while no output byte (every format, on stdout, in an
// --output file, on stderr for a cut export) holds them raw, JSON- or XML-escaped, URL-encoded,
// base64-encoded, or broken across a table's lines.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { redactor } from "../../cli/audit/audit";
import { goldenFormats, repoRoot, runCli } from "../cli/golden";
import { truncationMessage } from "./export-corpus";

// Alphanumeric, so that it can stand in names, hosts and ARNs without changing any verdict.
const marker = "zq7s3cr3tVx9k";
// With the characters each format escapes, for free text: Sids and condition values.
const special = `Qw8<&"s3cr3t'>Jp`;

const sig = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const outputValueSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const plaintext = (value: unknown) => ({ [sig]: secretSig, plaintext: JSON.stringify(value) });

/** Every form in which a report could carry `secret`. */
function encodings(secret: string): string[] {
    const forms = new Set<string>([
        secret,
        JSON.stringify(secret).slice(1, -1),
        JSON.stringify(JSON.stringify(secret)).slice(1, -1),
        secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;"),
        secret.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;"),
        encodeURIComponent(secret),
        encodeURI(secret),
    ]);
    // Base64 of the secret at each of the three byte alignments it can have inside a longer text.
    for (const shift of [0, 1, 2]) {
        const encoded = Buffer.from(`${"\u0000".repeat(shift)}${secret}`).toString("base64");
        forms.add(encoded.slice(shift === 0 ? 0 : 4, -4));
    }
    return [...forms];
}

const needles = [...encodings(marker), ...encodings(special)];

/** The needle found in `text` (whitespace removed too, for a table that wraps), or undefined. */
function leak(text: string): string | undefined {
    const squeezed = text.replace(/\s+/g, "");
    return needles.find((n) => text.includes(n) || squeezed.includes(n.replace(/\s+/g, "")));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** The insecure counterpart with the recognisable values; `secret` wraps them as plaintext secrets. */
function exportWithValues(secret: boolean): Doc {
    const text = fs
        .readFileSync(path.join(repoRoot, "test/fixtures/exports/violations.json"), "utf8")
        // The same host everywhere the program uses it, so that no reference between resources breaks.
        .split("api.insecure.example.com")
        .join(`${marker}.api.insecure.example.com`)
        .split("backend.insecure.example.com")
        .join(`${marker}.backend.insecure.example.com`);
    const doc = JSON.parse(text);
    const wrap = (value: unknown) => (secret ? plaintext(value) : value);
    const live = (end: string, type?: string) => doc.deployment.resources.find((r: Doc) => r.delete !== true && r.urn.endsWith(`::${end}`) && (!type || r.type === type));
    const both = (r: Doc, change: (props: Doc) => void) => [r.inputs, r.outputs].filter(Boolean).forEach(change);

    both(live("backend-over-http"), (p) => (p.uri = wrap(p.uri)));
    both(live("legacy-api", "aws:apigateway/domainName:DomainName"), (p) => (p.domainName = wrap(p.domainName)));
    both(live("https-legacy"), (p) => (p.sslPolicy = wrap(`ELBSecurityPolicy-2016-08-${marker}`)));
    // Nested: one origin's domain name, a secret inside a list inside the distribution's inputs.
    both(live("cdn"), (p) => (p.origins[0].domainName = wrap(`${marker}.us-east-1.elb.amazonaws.com`)));
    // Documents held as secrets, the recognisable value deep inside.
    both(live("ci-any-repo"), (p) => (p.assumeRolePolicy = wrap(p.assumeRolePolicy.replace("repo:acme/*", JSON.stringify(`repo:${special}/*`).slice(1, -1)))));
    both(live("broad", "aws:iam/policy:Policy"), (p) => (p.policy = wrap(p.policy.replace("arn:aws:s3:::*/*", `arn:aws:s3:::${marker}*/*`))));
    both(live("public-key"), (p) => (p.policy = wrap(p.policy.replace('"Effect":"Allow"', `"Sid":"Public${marker}","Effect":"Allow"`))));
    // Where no finding should look: provider configuration, stack outputs, an output value marked secret.
    const provider = live("default_7_48_0", "pulumi:providers:aws");
    both(provider, (p) => {
        p.accessKey = wrap(`AKIA${marker}`);
        p.assumeRole = wrap({ roleArn: `arn:aws:iam::123456789012:role/${marker}`, externalId: special });
    });
    live("insecure-counterpart-dev").outputs.database = wrap({ password: special, host: `${marker}.db.internal` });
    both(live("cdn"), (p) => (p.comment = secret ? { [sig]: outputValueSig, value: `cdn for ${marker}`, secret: true, dependencies: [] } : `cdn for ${marker}`));
    return doc;
}

const findings = (report: { violations: { policyName: string; urn: string; enforcementLevel: string }[] }) =>
    report.violations.map((v) => `${v.enforcementLevel} ${v.policyName} ${v.urn}`).sort();

describe("robustness: secrets never reach the audit's output", function () {
    this.timeout(120000);
    let dir: string;
    let plainFile: string;
    let secretFile: string;

    before(function () {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-exports-"));
        plainFile = path.join(dir, "plain.json");
        secretFile = path.join(dir, "secret.json");
        fs.writeFileSync(plainFile, JSON.stringify(exportWithValues(false), null, 4));
        fs.writeFileSync(secretFile, JSON.stringify(exportWithValues(true), null, 4));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("held in plain, findings quote the values (so the check below means something)", async function () {
        const run = await runCli(["audit", plainFile, "--format", "json"]);
        const messages = JSON.parse(run.stdout).violations.map((v: { message: string }) => v.message).join("\n");
        const quoted = [`${marker}.backend`, `${marker}.api`, `ELBSecurityPolicy-2016-08-${marker}`, `repo:${special}/*`, `arn:aws:s3:::${marker}*/*`].filter((v) => messages.includes(v));
        expect(quoted.length, `quoted: ${quoted.join(", ")}`).to.be.greaterThanOrEqual(4);
        for (const { format } of goldenFormats) {
            expect(leak((await runCli(["audit", plainFile, "--format", format])).stdout), format).to.not.equal(undefined);
        }
    });

    it("held as secrets, they are checked as their values: the same findings", async function () {
        const plain = JSON.parse((await runCli(["audit", plainFile, "--format", "json"])).stdout);
        const secret = JSON.parse((await runCli(["audit", secretFile, "--format", "json"])).stdout);
        expect(findings(secret)).to.deep.equal(findings(plain));
        expect(secret.violations.length).to.be.greaterThan(40);
    });

    for (const { format, extension } of goldenFormats) {
        it(`${format}: not on stdout, not in an --output file, not in the summary line`, async function () {
            const toStdout = await runCli(["audit", secretFile, "--format", format]);
            expect(toStdout.code).to.equal(1);
            expect(toStdout.stdout.length).to.be.greaterThan(1000);
            expect(leak(toStdout.stdout), "stdout").to.equal(undefined);
            expect(toStdout.stderr).to.equal("");
            const onTerminal = await runCli(["audit", secretFile, "--format", format], { stdoutIsTTY: true, columns: 60 });
            expect(leak(onTerminal.stdout), "stdout on a narrow terminal").to.equal(undefined);
            const file = path.join(dir, `report.${extension}`);
            const toFile = await runCli(["audit", secretFile, "--format", format, "--output", file]);
            expect(toFile.code).to.equal(1);
            expect(leak(toFile.stdout), "summary line").to.equal(undefined);
            const written = fs.readFileSync(file, "utf8");
            expect(written).to.equal(toStdout.stdout);
            expect(leak(written), "--output file").to.equal(undefined);
        });
    }

    it("a quoted part of a secret is redacted; the policy language's words and URL schemes are not", function () {
        const redact = redactor(["http://db.s3cr3t.example.com:5432/", '{"Statement":[{"Action":"s3:GetObject","Principal":"arn:aws:iam::999988887777:role/ops"}]}']);
        expect(redact("backend 'db.s3cr3t.example.com' over 'http://', principal 'arn:aws:iam::999988887777:role/ops' may 's3:GetObject', 'public-bucket' is fine")).to.equal(
            "backend '[secret]' over 'http://', principal '[secret]' may 's3:GetObject', 'public-bucket' is fine",
        );
    });

    it("stderr: an export cut inside or just after each secret names the line, never the value", async function () {
        const text = fs.readFileSync(secretFile, "utf8");
        let cuts = 0;
        for (let at = text.indexOf(secretSig); at >= 0; at = text.indexOf(secretSig, at + 1)) {
            for (const length of [at + 60, at + 90, at + 200]) {
                const cut = path.join(dir, "cut.json");
                fs.writeFileSync(cut, text.slice(0, length));
                const run = await runCli(["audit", cut, "--format", "json"]);
                expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).to.deep.equal({ code: 2, stdout: "", stderr: `secure-baseline: ${cut}: ${truncationMessage(text, length)}\n` });
                expect(leak(run.stderr)).to.equal(undefined);
                cuts++;
            }
        }
        expect(cuts).to.be.greaterThan(20);
    });
});
