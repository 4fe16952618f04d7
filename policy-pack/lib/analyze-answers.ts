// Analyze's not-applicable answers, encoded once each.
//
// The server answers each Analyze with every policy that does not apply to the resource, with its
// reason: about 35 answers and 6 KB for a resource of the bench's mix, the same (policy, reason)
// pairs again and again. The protocol's JavaScript encoder (google-protobuf) writes strings byte
// by byte into growing arrays: encoding those answers allocated about 40% of all the memory the
// pack allocates at Analyze, and the garbage collector's work followed. So each distinct answer is
// encoded once, by the same encoder, and a response is encoded as its diagnostics followed by its
// answers' bytes. Those are the bytes the encoder writes for the whole message: it writes a
// message's fields in the order of their numbers, the answers are the last field, and each
// element of a repeated field is written on its own (tag, length, bytes).
// test/lib/analyze-answers.test.ts holds the two encodings to the same bytes.
import { ServerExtension, ServerModules } from "./analyzer-server";

/** A policy's reasons are few (its types, a few fixed ones); some name a resource, so only so many are kept. */
const reasonsKeptPerPolicy = 64;

interface Answer {
    getPolicyName(): string;
    getReason(): string;
}

interface Response {
    getDiagnosticsList(): unknown[];
    getNotApplicableList(): Answer[];
    serializeBinary(): Uint8Array;
}

/**
 * An encoder of AnalyzeResponse that encodes each distinct answer once, or undefined when the
 * message is not the one described above (two fields, diagnostics then the answers), so that a
 * later version of the protocol is encoded by the SDK's encoder alone.
 */
export function answersEncoder(analyzer: ServerModules["analyzer"]): ((response: Response) => Uint8Array) | undefined {
    const { AnalyzeResponse } = analyzer;
    if (JSON.stringify(Object.keys(new AnalyzeResponse().toObject())) !== JSON.stringify(["diagnosticsList", "notApplicableList"])) {
        return undefined;
    }
    const encoded = new Map<string, Map<string, Uint8Array>>();
    const encode = (answer: Answer): Uint8Array => {
        const policy = answer.getPolicyName();
        let reasons = encoded.get(policy);
        if (reasons === undefined) {
            reasons = new Map();
            encoded.set(policy, reasons);
        }
        const reason = answer.getReason();
        let bytes = reasons.get(reason);
        if (bytes === undefined) {
            const alone = new AnalyzeResponse();
            alone.setNotApplicableList([answer]);
            bytes = alone.serializeBinary() as Uint8Array;
            if (reasons.size < reasonsKeptPerPolicy) {
                reasons.set(reason, bytes);
            }
        }
        return bytes;
    };
    return (response) => {
        const diagnostics = new AnalyzeResponse();
        diagnostics.setDiagnosticsList(response.getDiagnosticsList());
        return Buffer.concat([diagnostics.serializeBinary() as Uint8Array, ...response.getNotApplicableList().map(encode)]);
    };
}

/** Makes each Analyze response encode its answers through `answersEncoder`. */
export function encodeAnswersOnce(): ServerExtension {
    return (implementation, modules) => {
        const encoder = answersEncoder(modules.analyzer);
        if (encoder === undefined) {
            return implementation;
        }
        const { analyze } = implementation;
        return {
            ...implementation,
            analyze(call, callback) {
                return analyze.call(this, call, (error: unknown, response?: unknown) => {
                    if (response) {
                        const r = response as Response;
                        r.serializeBinary = () => encoder(r);
                    }
                    callback(error, response);
                });
            },
        };
    };
}
