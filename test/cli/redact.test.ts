// The indexed redaction must say exactly what replacing every secret, longest first, says: held
// against that plain algorithm on generated texts and secrets, including secrets that overlap each
// other and the replacement text itself.
import { expect } from "chai";
import fc from "fast-check";
import { redact, redactor } from "../../cli/audit/audit";
import { isPolicyVocabulary, redactedSecret } from "../../cli/audit/exports";

/** Every secret replaced, longest first; then every quoted part that occurs inside a secret. */
function plainRedact(text: string, secrets: string[]): string {
    const ordered = [...secrets].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    let result = text;
    for (const secret of ordered) {
        result = result.split(secret).join(redactedSecret);
    }
    return result.replace(/'([^'\n]{4,})'/g, (quoted, part: string) =>
        part.includes(redactedSecret) || isPolicyVocabulary(part) || /^[a-z][a-z0-9+.-]*:\/\/$/.test(part) || !ordered.some((s) => s.includes(part))
            ? quoted
            : `'${redactedSecret}'`,
    );
}

// A small alphabet, with the replacement's own characters, so that secrets overlap often.
const char = fc.constantFrom("a", "b", "c", "[", "]", "s", "e", "r", "t", "'");
const word = (min: number, max: number) => fc.array(char, { minLength: min, maxLength: max }).map((cs) => cs.join(""));

describe("audit: redaction of secrets", () => {
    it("is the same as replacing every secret longest first, then quoted parts found inside secrets", () => {
        fc.assert(
            fc.property(word(0, 40), fc.uniqueArray(word(1, 9), { maxLength: 12 }), (text, secrets) => {
                expect(redactor(secrets)(text)).to.equal(plainRedact(text, secrets));
                expect(redact(text, secrets)).to.equal(plainRedact(text, secrets));
            }),
            { numRuns: 3000, seed: 9 },
        );
    });

    it("replaces secrets inside longer text, the longest first, and leaves short strings alone", () => {
        const secrets = ["hunter2-pass", "hunter2", "abc"];
        expect(redactor(secrets)("x hunter2-pass y hunter2 abc")).to.equal(`x ${redactedSecret} y ${redactedSecret} abc`);
    });

    it("catches a secret that only appears once another one is replaced", () => {
        // "cret]!" is not in the text; replacing "topsecret" writes "[secret]", which holds it.
        expect(redactor(["topsecret", "cret]!"])("topsecret!")).to.equal(plainRedact("topsecret!", ["topsecret", "cret]!"]));
        expect(redactor(["topsecret", "cret]!"])("topsecret!")).to.equal(`[se${redactedSecret}`);
    });

    it("leaves a quoted resource name, and a quoted part of text that reveals nothing, alone", () => {
        const placeholder = "offline-secret-placeholder";
        const secrets = [placeholder, `${placeholder}:db-password-for-orders`];
        const text = "Bucket 'secret' and 'placeholder' and 'password-for' and 'orders'";
        // Without them, each quoted part that occurs inside a secret is masked.
        expect(redactor(secrets)(text)).to.equal(`Bucket '${redactedSecret}' and '${redactedSecret}' and '${redactedSecret}' and '${redactedSecret}'`);
        // The resource named 'secret' and the placeholder's own words stay; what the program added to the secret does not.
        expect(redactor(secrets, { notSecret: [placeholder], names: ["secret", "orders-table"] })(text)).to.equal(
            `Bucket 'secret' and 'placeholder' and '${redactedSecret}' and '${redactedSecret}'`,
        );
        // A whole secret is replaced whatever it is named.
        expect(redactor(["hunter2-pass"], { names: ["hunter2-pass"] })("'hunter2-pass'")).to.equal(`'${redactedSecret}'`);
    });
});
