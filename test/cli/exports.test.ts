import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError, parseExport, parseSourcePosition, readExports } from "../../cli/audit/exports";
import { describeSyntaxError } from "../../cli/audit/json-text";
import { proxy } from "../../policy-pack/lib/sdk";

const sig = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const stackUrn = "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod";
const providerUrn = "urn:pulumi:prod::shop::pulumi:providers:aws::default_7_48_0";
const keyUrn = "urn:pulumi:prod::shop::aws:kms/key:Key::orders";

function deployment(resources: unknown[], extra: Record<string, unknown> = {}) {
    return { manifest: { time: "2024-05-06T09:30:00Z", magic: "m", version: "v3.248.0" }, resources, ...extra };
}

const stack = { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} };
const provider = { urn: providerUrn, custom: true, id: "p-1", type: "pulumi:providers:aws", inputs: { region: "eu-west-1", version: "7.48.0" }, outputs: { region: "eu-west-1" } };
const key = (extra: Record<string, unknown> = {}) => ({
    urn: keyUrn,
    custom: true,
    id: "k-1",
    type: "aws:kms/key:Key",
    inputs: { enableKeyRotation: true },
    outputs: { enableKeyRotation: true, arn: "arn:aws:kms:eu-west-1:111122223333:key/k-1" },
    parent: stackUrn,
    provider: `${providerUrn}::p-1`,
    created: "2024-05-06T09:31:00.000Z",
    ...extra,
});

const parse = (value: unknown, source = "state.json") => parseExport(source, JSON.stringify(value, null, 4));

describe("stack exports", () => {
    describe("forms", () => {
        it("reads deployment version 3, version 4 and the bare deployment object alike", () => {
            const v3 = parse({ version: 3, deployment: deployment([stack, provider, key()]) });
            const v4 = parse({ version: 4, features: ["refreshBeforeUpdate"], deployment: deployment([stack, provider, key()]) });
            const bare = parse(deployment([stack, provider, key()]));
            expect(v4.resources).to.deep.equal(v3.resources);
            expect(bare.resources).to.deep.equal(v3.resources);
            expect(v3.stack).to.equal("shop/prod");
        });

        it("reads an empty stack, named after its file", () => {
            const empty = parse({ version: 3, deployment: { manifest: { time: "t", magic: "m", version: "v" } } }, "exports/new-stack.json");
            expect(empty.resources).to.deep.equal([]);
            expect(empty.stack).to.equal("new-stack");
        });
    });

    describe("resources, as the CLI's offline analysis maps them", () => {
        it("names by the URN's last segment and keeps parent, dependencies and property dependencies", () => {
            const bucketUrn = "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::a::b";
            const e = parse(deployment([stack, provider, key(), { urn: bucketUrn, custom: true, type: "aws:s3/bucket:Bucket", dependencies: [keyUrn], propertyDependencies: { kms: [keyUrn] } }]));
            const bucket = e.resources.find((r) => r.urn === bucketUrn)!;
            expect(bucket).to.include({ name: "b" });
            expect(bucket.dependencies).to.deep.equal([keyUrn]);
            expect(bucket.propertyDependencies).to.deep.equal({ kms: [keyUrn] });
            expect(e.resources.find((r) => r.urn === keyUrn)!.parent).to.equal(stackUrn);
        });

        it("skips resources marked for deletion and counts them", () => {
            const e = parse(deployment([stack, provider, key({ delete: true }), key({ enableKeyRotation: false })]));
            expect(e.resources.map((r) => r.urn)).to.deep.equal([stackUrn, providerUrn, keyUrn]);
            expect(e.deleted).to.equal(1);
        });

        it("gives a resource its provider's inputs, the provider named by '<URN>::<ID>'", () => {
            const e = parse(deployment([stack, provider, key()]));
            expect(e.resources.find((r) => r.urn === keyUrn)!.provider).to.deep.equal({
                urn: providerUrn,
                type: "pulumi:providers:aws",
                name: "default_7_48_0",
                inputs: { region: "eu-west-1", version: "7.48.0" },
            });
        });

        it("drops '__' keys at every level and records creation times and source positions", () => {
            const e = parse(
                deployment([
                    stack,
                    key({ inputs: { __defaults: [], enableKeyRotation: true, tags: { __meta: "x", team: "orders" } }, sourcePosition: "project:///infra/keys.ts#7,3" }),
                ]),
            );
            const r = e.resources.find((x) => x.urn === keyUrn)!;
            expect(r.inputs).to.deep.equal({ enableKeyRotation: true, tags: { team: "orders" } });
            expect(e.created).to.deep.equal({ [keyUrn]: "2024-05-06T09:31:00.000Z" });
            expect(e.sourcePositions).to.deep.equal({ [keyUrn]: { path: "infra/keys.ts", absolute: false, line: 7, column: 3 } });
        });

        it("finds the line of each resource's entry in the file", () => {
            const text = JSON.stringify({ version: 3, deployment: deployment([stack, key()]) }, null, 4);
            const e = parseExport("state.json", text);
            const line = text.split("\n").findIndex((l) => l.includes(`"urn": "${keyUrn}"`)) + 1;
            expect(e.lines[keyUrn]).to.equal(line);
        });
    });

    describe("values", () => {
        it("unwraps plaintext secrets for the checks and remembers their strings; ciphertext becomes '[secret]'", () => {
            const e = parse(
                deployment([
                    stack,
                    key({
                        inputs: {
                            enableKeyRotation: { [sig]: secretSig, plaintext: "true" },
                            policy: { [sig]: secretSig, plaintext: JSON.stringify("{\"Version\":\"2012-10-17\"}") },
                            description: { [sig]: secretSig, ciphertext: "v1:abc:def" },
                            tags: { [sig]: secretSig, plaintext: JSON.stringify({ owner: "team-s3cr3t" }) },
                        },
                    }),
                ]),
            );
            const inputs = e.resources.find((r) => r.urn === keyUrn)!.inputs;
            expect(inputs.enableKeyRotation).to.deep.equal({ [sig]: secretSig, value: true });
            expect(inputs.description).to.equal("[secret]");
            expect(inputs.tags).to.deep.equal({ [sig]: secretSig, value: { owner: "team-s3cr3t" } });
            expect(e.secrets).to.have.members(['{"Version":"2012-10-17"}', "team-s3cr3t"]);
        });

        it("decodes the secrets of a stack whose secrets provider is b64, and remembers their strings and ciphertexts", () => {
            const b64 = (value: unknown) => ({ [sig]: secretSig, ciphertext: Buffer.from(JSON.stringify(value)).toString("base64") });
            const sourceArn = "arn:aws:sns:eu-west-1:111122223333:orders-s3cr3t-topic";
            const permissionUrn = "urn:pulumi:prod::shop::aws:lambda/permission:Permission::from-orders";
            const permission = {
                urn: permissionUrn,
                custom: true,
                id: "from-orders-20240506",
                type: "aws:lambda/permission:Permission",
                inputs: { action: "lambda:InvokeFunction", function: "orders", principal: "sns.amazonaws.com", sourceArn: b64(sourceArn) },
                outputs: { id: "from-orders-20240506", action: "lambda:InvokeFunction", function: "orders", principal: "sns.amazonaws.com", sourceArn: b64(sourceArn) },
                parent: stackUrn,
                provider: `${providerUrn}::p-1`,
            };
            const e = parse(deployment([stack, provider, key({ inputs: { enableKeyRotation: b64(true), description: { [sig]: secretSig, ciphertext: "bm90IGpzb24=" } } }), permission], { secrets_providers: { type: "b64" } }));
            const inputs = (urn: string) => e.resources.find((r) => r.urn === urn)!.inputs;
            expect(inputs(permissionUrn).sourceArn).to.deep.equal({ [sig]: secretSig, value: sourceArn });
            expect(e.resources.find((r) => r.urn === permissionUrn)!.outputs!.sourceArn).to.deep.equal({ [sig]: secretSig, value: sourceArn });
            expect(inputs(keyUrn).enableKeyRotation).to.deep.equal({ [sig]: secretSig, value: true });
            // Base64 of text that is not JSON ("not json") is no value the CLI wrote: unreadable, as an encrypted one.
            expect(inputs(keyUrn).description).to.equal("[secret]");
            expect(e.secrets).to.include.members([sourceArn, b64(sourceArn).ciphertext]);
        });

        it("reads a secret it cannot decrypt from the plaintext of the output of the same name, as a secret still", () => {
            const sourceArn = "arn:aws:events:eu-west-1:111122223333:rule/nightly-s3cr3t";
            const permissionUrn = "urn:pulumi:prod::shop::aws:lambda/permission:Permission::nightly";
            const sealed = { [sig]: secretSig, ciphertext: "v1:c2FsdA==:c2VhbGVk" };
            const e = parse(
                deployment(
                    [
                        stack,
                        provider,
                        {
                            urn: permissionUrn,
                            custom: true,
                            id: "nightly-20240506",
                            type: "aws:lambda/permission:Permission",
                            inputs: { principal: "events.amazonaws.com", sourceArn: sealed, statementId: sealed },
                            outputs: { id: "nightly-20240506", principal: "events.amazonaws.com", sourceArn, statementId: sealed },
                            parent: stackUrn,
                        },
                    ],
                    { secrets_providers: { type: "passphrase", state: { salt: "v1:c2FsdA==:c2FsdA==" } } },
                ),
            );
            const permission = e.resources.find((r) => r.urn === permissionUrn)!;
            expect(permission.inputs.sourceArn).to.deep.equal({ [sig]: secretSig, value: sourceArn });
            // No plaintext twin: unreadable.
            expect(permission.inputs.statementId).to.equal("[secret]");
            expect(e.secrets).to.include(sourceArn);
        });

        it("turns resource references into the referenced ID (or URN), and output values into their value or an unknown", () => {
            const e = parse(
                deployment([
                    stack,
                    key({
                        inputs: {
                            byId: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: keyUrn, id: "k-9", packageVersion: "7.48.0" },
                            byUrn: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: stackUrn },
                            known: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "v", dependencies: [] },
                            hidden: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "s", secret: true },
                            pending: { [sig]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" },
                            strange: { [sig]: "00000000000000000000000000000000", a: 1 },
                            asset: { [sig]: "c44067f5952c0a294b673a41bacd8c17", hash: "h" },
                        },
                    }),
                ]),
            );
            expect(e.resources.find((r) => r.urn === keyUrn)!.inputs).to.deep.equal({
                byId: "k-9",
                byUrn: stackUrn,
                known: "v",
                hidden: { [sig]: secretSig, value: "s" },
                pending: proxy.unknownStringValue,
                strange: { a: 1 },
                asset: proxy.unknownAssetValue,
            });
        });

        it("reads source positions in the project or as absolute files", () => {
            expect(parseSourcePosition("project:///index.ts#12,5")).to.deep.equal({ path: "index.ts", absolute: false, line: 12, column: 5 });
            expect(parseSourcePosition("file:///home/ci/app/index.ts#3")).to.deep.equal({ path: "/home/ci/app/index.ts", absolute: true, line: 3 });
            expect(parseSourcePosition("project:///my%20app/index.ts")).to.deep.equal({ path: "my app/index.ts", absolute: false });
            expect(parseSourcePosition("index.ts:3")).to.equal(undefined);
        });
    });

    describe("problems, each one line naming the input", () => {
        const problem = (text: string, source = "state.json") => {
            try {
                parseExport(source, text);
            } catch (e) {
                expect(e).to.be.instanceOf(InputError);
                return (e as Error).message;
            }
            throw new Error("no error");
        };

        it("says where JSON breaks without quoting it", () => {
            expect(problem('{"version": 3, "deployment": {"resources": [ {"urn": "s3cr3t" ,, ]}}')).to.equal("state.json: not valid JSON: unexpected character at line 1, column 64");
            expect(problem('{"version": 3,\n "deployment": {"resources": [')).to.equal("state.json: not valid JSON: the text ends at line 2 before the JSON is complete (truncated?)");
            expect(problem("")).to.equal("state.json: the file is empty");
            expect(problem("stack: dev")).to.equal("state.json: not valid JSON: unexpected character at line 1, column 1");
        });

        it("refuses what is not a stack export", () => {
            expect(problem('{"version": 5, "deployment": {}}')).to.equal(
                "state.json: deployment version 5 is not supported (this reads versions 1 to 4; export the stack again with a current Pulumi CLI)",
            );
            expect(problem('{"version": "3", "checkpoint": {}}')).to.equal(
                'state.json: deployment version "3" is not supported (this reads versions 1 to 4; export the stack again with a current Pulumi CLI)',
            );
            expect(problem('{"version": 3, "checkpoint": []}')).to.equal("state.json: 'checkpoint' is not an object: not a complete checkpoint");
            expect(problem('{"version": 3, "checkpoint": {"stack": "dev", "latest": 7}}')).to.equal("state.json: 'checkpoint.latest' is not an object: not a complete checkpoint");
            expect(problem('{"version": 3}')).to.equal("state.json: no 'deployment' object: not a complete stack export");
            expect(problem('{"name": "package"}')).to.equal(
                "state.json: not a stack export: expected {version, deployment} as written by `pulumi stack export`, a file backend's checkpoint, or a deployment object",
            );
            expect(problem("[]")).to.equal("state.json: not a stack export: expected a JSON object as written by `pulumi stack export`");
            expect(problem('{"version": 3, "deployment": {"resources": [{"type": "aws:s3/bucket:Bucket"}]}}')).to.equal("state.json: resource #1 has no valid 'urn'");
            expect(problem('{"version": 3, "deployment": {"resources": {}}}')).to.equal("state.json: 'deployment.resources' is not a list");
        });

        it("locates errors in long and unusual texts", () => {
            expect(describeSyntaxError('{"a": "\\x"}')).to.equal("not valid JSON: unexpected character at line 1, column 9");
            expect(describeSyntaxError('{"a": tru')).to.equal("not valid JSON: the text ends at line 1 before the JSON is complete (truncated?)");
            expect(describeSyntaxError('{"a": 1}\n}')).to.equal("not valid JSON: unexpected character at line 2, column 1");
            expect(describeSyntaxError('{"a": "line\nbreak"}')).to.equal("not valid JSON: unexpected character at line 1, column 12");
        });

        it("names missing files and directories without exports", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exports-"));
            try {
                fs.writeFileSync(path.join(dir, "notes.txt"), "not an export");
                expect(() => readExports([dir])).to.throw(InputError, `${dir}: no stack exports in this directory (expected *.json or *.json.gz files written by \`pulumi stack export\` or a file backend)`);
                expect(() => readExports([path.join(dir, "missing.json")])).to.throw(InputError, `${path.join(dir, "missing.json")}: no such file or directory`);
                fs.writeFileSync(path.join(dir, "b.json"), JSON.stringify({ version: 3, deployment: deployment([stack]) }));
                fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify({ version: 3, deployment: deployment([stack]) }));
                expect(readExports([dir]).map((e) => e.source)).to.deep.equal([path.join(dir, "a.json"), path.join(dir, "b.json")]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});
