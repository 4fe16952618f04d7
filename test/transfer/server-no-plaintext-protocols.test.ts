import { transferServerNoPlaintextProtocols } from "../../policy-pack/transfer/server-no-plaintext-protocols";
import { caseTable } from "../lib/cases";
import { resource, unknown } from "../lib/fixtures";

const serverType = "aws:transfer/server:Server";
const compliant = { endpointType: "VPC", identityProviderType: "SERVICE_MANAGED", protocols: ["SFTP"], securityPolicyName: "TransferSecurityPolicy-2024-01" };
const server = (name: string, change: Record<string, unknown> = {}) => resource(serverType, name, { ...compliant, ...change });

caseTable(transferServerNoPlaintextProtocols, [
    { name: "pass_baseline", resources: [server("pass_baseline")], expect: [] },
    { name: "pass_protocols_unset_is_sftp", resources: [server("pass_unset", { protocols: undefined })], expect: [] },
    { name: "pass_sftp_ftps_as2", resources: [server("pass_secure_mix", { protocols: ["SFTP", "FTPS", "AS2"], certificate: "arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" })], expect: [] },
    { name: "fail_ftp_only", resources: [server("fail_ftp", { protocols: ["FTP"], endpointType: "VPC", identityProviderType: "API_GATEWAY" })], expect: [{ on: "fail_ftp", id: "ftp" }] },
    { name: "fail_ftp_beside_ftps", resources: [server("fail_ftp_and_ftps", { protocols: ["FTPS", "FTP"] })], expect: [{ on: "fail_ftp_and_ftps", id: "ftp" }] },
    { name: "fail_ftp_lower_case", resources: [server("fail_lower", { protocols: ["ftp"] })], expect: [{ on: "fail_lower", id: "ftp" }] },
    { name: "fail_ftp_beside_an_unknown_protocol", resources: [server("fail_known_part", { protocols: ["FTP", unknown.string] })], expect: [{ on: "fail_known_part", id: "ftp" }] },
    { name: "na_other_type", resources: [resource("aws:transfer/user:User", "na_user", { serverId: "s-0123", userName: "partner" })], expect: [], notApplicable: ["na_user"] },
    { name: "unknown_protocols", resources: [server("unknown_protocols", { protocols: unknown.array })], expect: [{ on: "unknown_protocols", id: "undecided" }] },
    { name: "unknown_one_protocol", resources: [server("unknown_one", { protocols: ["SFTP", unknown.string] })], expect: [{ on: "unknown_one", id: "undecided" }] },
]);
