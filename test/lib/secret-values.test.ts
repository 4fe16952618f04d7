import { expect } from "chai";
import { isHighEntropy, isSecretName, scriptAssignments, secretValue } from "../../policy-pack/lib/secret-values";

// Credential-shaped values are assembled so that no whole one sits in the source.
const cases: { name: string; variable: string; value: string; kind: string | undefined }[] = [
    { name: "aws_access_key_id", variable: "KEY", value: "AKIA" + "IOSFODNN7EXAMPLE", kind: "an AWS access key ID" },
    { name: "aws_temporary_access_key_id", variable: "X", value: "ASIA" + "Y3VS5JJCDS3XFN4Q", kind: "an AWS access key ID" },
    { name: "pkcs8_private_key", variable: "CERT", value: "-----BEGIN " + "PRIVATE KEY-----\nMIIB", kind: "a private key" },
    { name: "github_token", variable: "X", value: "ghs_" + "Q".repeat(36), kind: "a GitHub token" },
    { name: "slack_token", variable: "X", value: "xoxb-" + "1234567890-abcdef", kind: "a Slack token" },
    { name: "stripe_live_key", variable: "X", value: "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", kind: "a Stripe secret key" },
    { name: "google_api_key", variable: "X", value: "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", kind: "a Google API key" },
    { name: "jwt", variable: "X", value: "eyJ" + "hbGciOiJIUzI1NiJ9.eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", kind: "a JSON Web Token" },
    { name: "url_with_password", variable: "DATABASE", value: "postgres://app:" + "s3cr3tpw@db.internal:5432/orders", kind: "a URL with a password in it" },
    { name: "high_entropy_under_secret_name", variable: "CLIENT_SECRET", value: "Zx81kQ0pLw7vN3mB5rT9yU2i", kind: "a high-entropy value under a secret's name" },
    { name: "high_entropy_hex_under_secret_name", variable: "api-key", value: "9f86d081884c7d659a2feaa0c55ad015", kind: "a high-entropy value under a secret's name" },
    { name: "high_entropy_under_plain_name", variable: "BUILD_ID", value: "Zx81kQ0pLw7vN3mB5rT9yU2i", kind: undefined },
    { name: "reference_name", variable: "DB_PASSWORD_ARN", value: "Zx81kQ0pLw7vN3mB5rT9yU2i", kind: undefined },
    { name: "arn_under_secret_name", variable: "DB_SECRET", value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf", kind: undefined },
    { name: "words_under_secret_name", variable: "PASSWORD_POLICY", value: "minimum-length-twelve", kind: undefined },
    { name: "url_without_password", variable: "AUTH_URL", value: "https://user@auth.example.com/", kind: undefined },
    { name: "interpolated_url", variable: "DATABASE", value: "postgres://app:${DB_PASSWORD}@db:5432/orders", kind: undefined },
];

describe("secret values (lib/secret-values.ts)", () => {
    for (const c of cases) {
        it(c.name, () => {
            expect(secretValue(c.variable, c.value)?.kind).to.equal(c.kind);
        });
    }
    it("tells secret names from names of references", () => {
        expect(["DB_PASSWORD", "db.pass", "GITHUB_TOKEN", "API_KEY", "aws_secret_access_key", "AUTH"].filter(isSecretName)).to.have.length(6);
        expect(["DB_PASSWORD_ARN", "TOKEN_URL", "API_KEY_NAME", "PASSAGE", "AUTHOR", "SECRET_PATH"].filter(isSecretName)).to.deep.equal([]);
    });
    it("needs length, mixed characters and entropy", () => {
        expect(isHighEntropy("Short1!")).to.equal(false);
        expect(isHighEntropy("aaaaaaaaaaaaaaaaaaaa1")).to.equal(false);
        expect(isHighEntropy("orders-production-eu-west")).to.equal(false);
        expect(isHighEntropy("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).to.equal(true);
    });
    it("reads assignments out of scripts", () => {
        expect(scriptAssignments("#!/bin/sh\nexport A=1\nB=\"two words\"\nc: 'x'\nrun --flag")).to.deep.equal([
            { name: "A", value: "1" },
            { name: "B", value: "two words" },
            { name: "c", value: "x" },
        ]);
    });
});
