import { expect } from "chai";
import { credentialFormat, credentialNamed } from "../../policy-pack/lib/secret-values";

describe("credential names and shapes (lib/secret-values.ts)", () => {
    it("tells names that hold a credential by their last words", () => {
        const named = ["/app/db/password", "DB_PASSWORD", "dbPassword", "GITHUB_TOKEN", "stripe-api-key", "AWS_SECRET_ACCESS_KEY", "tls/private_key", "clientSecret", "/svc/credentials"];
        expect(named.filter((n) => credentialNamed(n) === undefined)).to.deep.equal([]);
        expect(credentialNamed("/app/db/password")).to.equal("a password");
        expect(credentialNamed("AWS_SECRET_ACCESS_KEY")).to.equal("an access key");
    });

    it("does not take names that describe a credential for one", () => {
        const described = ["passwordMinLength", "/app/token/ttl", "tokenizer", "apiKeyRotationDays", "/app/region", "secretsmanager-endpoint", "keyboard"];
        expect(described.filter((n) => credentialNamed(n) !== undefined)).to.deep.equal([]);
    });

    it("tells values shaped like issued credentials, by what they are", () => {
        expect(credentialFormat("AKIAZ7EXAMPLE2QWERTY")?.kind).to.equal("an AWS access key ID");
        expect(credentialFormat("-----BEGIN RSA PRIVATE KEY-----\nMIIB...")?.kind).to.equal("a private key");
        expect(credentialFormat("ghp_" + "a".repeat(36))?.kind).to.equal("a GitHub token");
        expect(credentialFormat("mysql://admin:example@db:3306/app")?.kind).to.equal("a URL with a password in it");
        expect(credentialFormat("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWV4YW1wbGU")?.kind).to.equal("a JSON Web Token");
    });

    it("takes ordinary values for what they are", () => {
        const plain = ["eu-west-1", "https://api.example.com/v1", "arn:aws:s3:::bucket", "3600", "AKIA", "true", "-----BEGIN CERTIFICATE-----"];
        expect(plain.filter((v) => credentialFormat(v)?.kind !== undefined)).to.deep.equal([]);
    });
});
