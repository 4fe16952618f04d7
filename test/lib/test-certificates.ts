// PEM certificates for the certificate policies' cases, made with the openssl command line in a
// temporary directory when the test module loads: a test CA, leaves it signed (good, expired,
// SHA-1, RSA-1024, ECDSA) and a self-signed leaf. Nothing is stored in the repository.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface TestCertificate {
    certificate: string;
    privateKey: string;
}

export interface TestCertificates {
    ca: TestCertificate;
    /** CA-signed, SHA-256, RSA-2048, valid now. */
    leaf: TestCertificate;
    /** CA-signed, SHA-256, ECDSA P-256, valid now. */
    ecdsaLeaf: TestCertificate;
    selfSigned: TestCertificate;
    /** CA-signed, valid only in January 2020. */
    expired: TestCertificate;
    /** CA-signed with sha1WithRSAEncryption. */
    sha1: TestCertificate;
    /** CA-signed, RSA-1024 key. */
    rsa1024: TestCertificate;
    /** CA-signed, RSA-1536 key: above 1024 bits, still below the 2048 that ACM's trust needs. */
    rsa1536: TestCertificate;
}

const caConfig = `[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
default_days = 30
policy = any_subject
unique_subject = no
copy_extensions = none
[any_subject]
commonName = supplied
`;

function generate(): TestCertificates {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "baseline-certs-"));
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
    try {
        fs.writeFileSync(path.join(dir, "ca.cnf"), caConfig);
        fs.writeFileSync(path.join(dir, "index.txt"), "");
        fs.writeFileSync(path.join(dir, "serial"), "1000\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30", "-subj", "/CN=Baseline Test Root CA", "-keyout", "ca.key", "-out", "ca.pem");

        const leaf = (name: string, keySpec: string[], signArgs: string[]): TestCertificate => {
            openssl("req", "-new", ...keySpec, "-nodes", "-subj", `/CN=${name}.example.com`, "-keyout", `${name}.key`, "-out", `${name}.csr`);
            openssl("ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile", "ca.key", "-notext", "-in", `${name}.csr`, "-out", `${name}.pem`, ...signArgs);
            return { certificate: read(`${name}.pem`), privateKey: read(`${name}.key`) };
        };
        const rsa2048 = ["-newkey", "rsa:2048"];

        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30", "-subj", "/CN=self.example.com", "-keyout", "self.key", "-out", "self.pem");
        return {
            ca: { certificate: read("ca.pem"), privateKey: read("ca.key") },
            leaf: leaf("www", rsa2048, []),
            ecdsaLeaf: leaf("ecdsa", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], []),
            selfSigned: { certificate: read("self.pem"), privateKey: read("self.key") },
            expired: leaf("expired", rsa2048, ["-startdate", "20200101000000Z", "-enddate", "20200201000000Z"]),
            sha1: leaf("sha1", rsa2048, ["-md", "sha1"]),
            rsa1024: leaf("rsa1024", ["-newkey", "rsa:1024"], []),
            rsa1536: leaf("rsa1536", ["-newkey", "rsa:1536"], []),
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

let generated: TestCertificates | undefined;

/** The test certificates, generated once per test process. */
export function testCertificates(): TestCertificates {
    generated ??= generate();
    return generated;
}
