// The pack encodes Analyze's not-applicable answers once each (policy-pack/lib/analyze-answers.ts):
// the bytes must be the ones the protocol's own encoder writes for the whole response.
import { expect } from "chai";
import * as fc from "fast-check";
import * as path from "path";
import { answersEncoder } from "../../policy-pack/lib/analyze-answers";

/* eslint-disable @typescript-eslint/no-var-requires */
// The protocol's messages as the analyzer server loads them (policy-pack/lib/analyzer-server.ts).
const analyzer = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));

interface Diagnostic {
    policyName: string;
    message: string;
    urn: string;
    enforcementLevel: number;
}

function response(diagnostics: Diagnostic[], answers: [string, string][]): any {
    const result = new analyzer.AnalyzeResponse();
    result.setDiagnosticsList(
        diagnostics.map((d) => {
            const diagnostic = new analyzer.AnalyzeDiagnostic();
            diagnostic.setPolicyname(d.policyName);
            diagnostic.setPolicypackname("aws-secure-baseline");
            diagnostic.setMessage(d.message);
            diagnostic.setUrn(d.urn);
            diagnostic.setEnforcementlevel(d.enforcementLevel);
            return diagnostic;
        }),
    );
    result.setNotApplicableList(
        answers.map(([policyName, reason]) => {
            const answer = new analyzer.PolicyNotApplicable();
            answer.setPolicyName(policyName);
            answer.setReason(reason);
            return answer;
        }),
    );
    return result;
}

describe("lib/analyze-answers: Analyze's answers encoded once each", () => {
    const encode = answersEncoder(analyzer)!;

    it("knows the protocol's AnalyzeResponse (diagnostics, then the answers)", () => {
        expect(encode).to.be.a("function");
    });

    it("writes the bytes of the protocol's encoder, answers repeated across responses included", () => {
        const diagnostic = { policyName: "kms-key-rotation-enabled", message: "KMS key 'data-key' …", urn: "urn:pulumi:dev::p::aws:kms/key:Key::data-key", enforcementLevel: 1 };
        const answers: [string, string][] = [
            ["s3-bucket-no-website", "Policy only applies to resources of type 'aws:s3/bucket:Bucket' or 'aws:s3/bucketV2:BucketV2'"],
            ["report", ""],
            ["lb-listener-tls-policy", "only HTTPS and TLS listeners negotiate TLS; this one is HTTP — «é»"],
        ];
        for (const r of [response([], []), response([diagnostic], []), response([], answers), response([diagnostic, diagnostic], [...answers, ...answers])]) {
            expect(Buffer.from(encode(r))).to.deep.equal(Buffer.from(r.serializeBinary()));
        }
    });

    it("writes the same bytes as the protocol's encoder for any diagnostics and answers", () => {
        const text = fc.string({ unit: "grapheme", maxLength: 40 });
        const diagnostic = fc.record({ policyName: text, message: text, urn: text, enforcementLevel: fc.integer({ min: 0, max: 3 }) });
        const answer = fc.tuple(fc.constantFrom("a", "b", "c"), fc.oneof(fc.constantFrom("", "Policy only applies to resources of type 'x'"), text));
        fc.assert(
            fc.property(fc.array(diagnostic, { maxLength: 3 }), fc.array(answer, { maxLength: 12 }), (diagnostics, answers) => {
                const r = response(diagnostics, answers);
                expect(Buffer.from(encode(r))).to.deep.equal(Buffer.from(r.serializeBinary()));
            }),
        );
    });
});
