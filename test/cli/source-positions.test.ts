// SARIF locations stay inside the repository: a resource that a library created (an installed
// package in node_modules, a shared library outside the project, a bundled program's /snapshot/)
// points at the nearest frame of the program that created it, recorded in the state's stack
// trace, else at its parent component's place, else at its entry in the export.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Log } from "sarif";
import { parseExport } from "../../cli/audit/exports";
import { runCli } from "./golden";

const prefix = "urn:pulumi:prod::payments::";
const stackUrn = `${prefix}pulumi:pulumi:Stack::payments-prod`;
const providerUrn = `${prefix}pulumi:providers:aws::default_7_48_0`;
const ringUrn = `${prefix}acme:security:KeyRing::ledger`;
const keyUrn = (name: string, parent = stackUrn) => `${prefix}${parent === stackUrn ? "" : "acme:security:KeyRing$"}aws:kms/key:Key::${name}`;
const frames = (...positions: string[]) => positions.map((sourcePosition) => ({ sourcePosition }));

/** A key that does not rotate, as @pulumi/aws 7 leaves it in state, registered at `sourcePosition` by `stackTrace`. */
const key = (name: string, where: { sourcePosition: string; stackTrace?: { sourcePosition: string }[]; parent?: string }) => {
    const id = `0a1b2c3d-${name.length.toString().padStart(4, "0")}-4e5f-8a9b-0c1d2e3f4a5b`;
    const arn = `arn:aws:kms:eu-west-1:111122223333:key/${id}`;
    return {
        urn: keyUrn(name, where.parent),
        custom: true,
        id,
        type: "aws:kms/key:Key",
        inputs: { __defaults: [], description: `${name} data`, enableKeyRotation: false },
        outputs: { arn, description: `${name} data`, enableKeyRotation: false, id, keyId: id, keyUsage: "ENCRYPT_DECRYPT", multiRegion: false },
        parent: where.parent ?? stackUrn,
        provider: `${providerUrn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`,
        propertyDependencies: { description: [], enableKeyRotation: [] },
        created: "2025-03-04T10:00:00.000Z",
        modified: "2025-03-04T10:00:00.000Z",
        sourcePosition: where.sourcePosition,
        ...(where.stackTrace ? { stackTrace: where.stackTrace } : {}),
    };
};

const resources = [
    { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {}, created: "2025-03-04T09:59:00.000Z", modified: "2025-03-04T09:59:00.000Z" },
    {
        urn: providerUrn,
        custom: true,
        id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        type: "pulumi:providers:aws",
        inputs: { __internal: { "pulumi-go-provider-version": "" }, region: "eu-west-1", version: "7.48.0" },
        outputs: { region: "eu-west-1", version: "7.48.0" },
    },
    // Declared by the program itself.
    key("orders", { sourcePosition: "project:///infra/keys.ts#7,3", stackTrace: frames("project:///infra/keys.ts#7,3", "project:///index.ts#4,1") }),
    // Made by a shared library checked out beside the project, called from the program's index.ts.
    key("shared", { sourcePosition: "project:///../platform-lib/src/keys.ts#22,21", stackTrace: frames("project:///../platform-lib/src/keys.ts#22,21", "project:///index.ts#8,18") }),
    // A component from an installed package, declared in index.ts; its key records only the package's frames.
    {
        urn: ringUrn,
        custom: false,
        type: "acme:security:KeyRing",
        outputs: {},
        parent: stackUrn,
        sourcePosition: "project:///index.ts#30,5",
        stackTrace: frames("project:///index.ts#30,5"),
    },
    key("ring", {
        sourcePosition: "project:///node_modules/@acme/security/lib/keyring.js#40,12",
        stackTrace: frames("project:///node_modules/@acme/security/lib/keyring.js#40,12", "project:///node_modules/@acme/security/lib/keyring.js#18,9"),
        parent: ringUrn,
    }),
    // A program bundled into one executable, which runs from /snapshot/: no frame is in the repository.
    key("bundled", { sourcePosition: "project:///../../snapshot/payments/dist/index.js#3,1", stackTrace: frames("project:///../../snapshot/payments/dist/index.js#3,1") }),
];
const exportText = JSON.stringify({ version: 3, deployment: { manifest: { time: "2025-03-04T10:01:00Z", magic: "m", version: "v3.252.0" }, resources } }, null, 4);

describe("secure-baseline audit: places in the program", () => {
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "source-positions-"));
        fs.writeFileSync(path.join(dir, "prod.json"), exportText);
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("each resource is placed at its nearest frame in the program, else its parent's, else nowhere", () => {
        const e = parseExport("prod.json", exportText);
        expect(e.sourcePositions).to.deep.equal({
            [keyUrn("orders")]: { path: "infra/keys.ts", absolute: false, line: 7, column: 3 },
            [keyUrn("shared")]: { path: "index.ts", absolute: false, line: 8, column: 18 },
            [ringUrn]: { path: "index.ts", absolute: false, line: 30, column: 5 },
            [keyUrn("ring", ringUrn)]: { path: "index.ts", absolute: false, line: 30, column: 5 },
        });
    });

    it("SARIF results point into the repository: the program's line, else the resource's entry in the export", async () => {
        const run = await runCli(["audit", "prod.json", "--policy", "kms-key-rotation-enabled", "--format", "sarif"], { cwd: dir });
        expect(run.code).to.equal(1);
        const results = (JSON.parse(run.stdout) as Log).runs[0].results!;
        const entryLine = exportText.split("\n").findIndex((l) => l.includes(`"urn": "${keyUrn("bundled")}"`)) + 1;
        expect(results.map((r) => [r.locations![0].logicalLocations![0].name, r.locations![0].physicalLocation])).to.deep.equal([
            // By URN: the component's child first.
            ["ring", { artifactLocation: { uri: "index.ts" }, region: { startLine: 30, startColumn: 5 } }],
            ["bundled", { artifactLocation: { uri: "prod.json" }, region: { startLine: entryLine } }],
            ["orders", { artifactLocation: { uri: "infra/keys.ts" }, region: { startLine: 7, startColumn: 3 } }],
            ["shared", { artifactLocation: { uri: "index.ts" }, region: { startLine: 8, startColumn: 18 } }],
        ]);
    });
});
