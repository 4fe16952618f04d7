import { dmsEndpointSsl } from "../../policy-pack/dms/endpoint-ssl";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";

const endpointType = "aws:dms/endpoint:Endpoint";
const compliant = {
    endpointId: "orders-source",
    endpointType: "source",
    engineName: "postgres",
    serverName: "orders.cluster-abc.us-east-1.rds.amazonaws.com",
    port: 5432,
    databaseName: "orders",
    username: "migrate",
    password: secret("not-a-real-password"),
    sslMode: "verify-full",
    certificateArn: "arn:aws:dms:us-east-1:111122223333:cert:RDSCA",
};
const endpoint = (name: string, change: Record<string, unknown> = {}) => resource(endpointType, name, { ...compliant, ...change });
const redis = (name: string, redisSettings: unknown) =>
    endpoint(name, { endpointType: "target", engineName: "redis", sslMode: undefined, certificateArn: undefined, serverName: undefined, redisSettings });

caseTable(dmsEndpointSsl, [
    { name: "pass_baseline", resources: [endpoint("pass_baseline")], expect: [] },
    { name: "pass_require", resources: [endpoint("pass_require", { sslMode: "require", certificateArn: undefined })], expect: [] },
    { name: "pass_mysql_verify_ca", resources: [endpoint("pass_mysql", { engineName: "mysql", port: 3306, sslMode: "verify-ca" })], expect: [] },
    { name: "fail_none", resources: [endpoint("fail_none", { sslMode: "none", certificateArn: undefined })], expect: [{ on: "fail_none", id: "noSsl" }] },
    { name: "fail_unset", resources: [endpoint("fail_unset", { sslMode: undefined, certificateArn: undefined })], expect: [{ on: "fail_unset", id: "noSsl" }] },
    { name: "fail_none_upper_case", resources: [endpoint("fail_upper", { engineName: "sqlserver", sslMode: "NONE" })], expect: [{ on: "fail_upper", id: "noSsl" }] },
    { name: "pass_redis_default_ssl_encryption", resources: [redis("pass_redis_default", { authType: "none", port: 6379, serverName: "cache.example.internal" })], expect: [] },
    { name: "pass_redis_ssl_encryption", resources: [redis("pass_redis_tls", { authType: "auth-token", sslSecurityProtocol: "ssl-encryption", port: 6379, serverName: "cache.example.internal" })], expect: [] },
    { name: "fail_redis_plaintext", resources: [redis("fail_redis_plaintext", { authType: "none", sslSecurityProtocol: "plaintext", port: 6379, serverName: "cache.example.internal" })], expect: [{ on: "fail_redis_plaintext", id: "redisPlaintext" }] },
    { name: "fail_redis_plaintext_list_shaped", resources: [redis("fail_redis_list", [{ authType: "none", sslSecurityProtocol: "plaintext", port: 6379, serverName: "cache.example.internal" }])], expect: [{ on: "fail_redis_list", id: "redisPlaintext" }] },
    {
        name: "na_s3_target",
        resources: [resource(endpointType, "na_s3", { endpointId: "lake", endpointType: "target", engineName: "s3", s3Settings: { bucketName: "lake", serviceAccessRoleArn: "arn:aws:iam::111122223333:role/dms-s3" } })],
        expect: [],
        notApplicable: ["na_s3"],
    },
    { name: "na_redshift_target", resources: [endpoint("na_redshift", { endpointType: "target", engineName: "redshift", sslMode: "none" })], expect: [], notApplicable: ["na_redshift"] },
    { name: "na_other_type", resources: [resource("aws:dms/s3Endpoint:S3Endpoint", "na_s3_endpoint", { endpointId: "lake", endpointType: "target", bucketName: "lake" })], expect: [], notApplicable: ["na_s3_endpoint"] },
    { name: "unknown_ssl_mode", resources: [endpoint("unknown_mode", { sslMode: unknown.string })], expect: [{ on: "unknown_mode", id: "undecided" }] },
    { name: "unknown_engine", resources: [endpoint("unknown_engine", { engineName: unknown.string, sslMode: "none" })], expect: [{ on: "unknown_engine", id: "undecided" }] },
    { name: "unknown_redis_protocol", resources: [redis("unknown_redis", { authType: "none", sslSecurityProtocol: unknown.string, port: 6379, serverName: "cache.example.internal" })], expect: [{ on: "unknown_redis", id: "undecided" }] },
]);
