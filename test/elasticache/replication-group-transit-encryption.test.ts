import { elasticacheReplicationGroupTransitEncryption } from "../../policy-pack/elasticache/replication-group-transit-encryption";
import { caseTable } from "../lib/cases";
import { resource, secret, unknown } from "../lib/fixtures";

const groupType = "aws:elasticache/replicationGroup:ReplicationGroup";
const compliant = { description: "sessions", engine: "valkey", nodeType: "cache.t4g.small", numCacheClusters: 2, atRestEncryptionEnabled: true, transitEncryptionEnabled: true };
const group = (name: string, change: Record<string, unknown> = {}) => resource(groupType, name, { ...compliant, ...change });

caseTable(elasticacheReplicationGroupTransitEncryption, [
    { name: "pass_baseline", resources: [group("pass_baseline")], expect: [] },
    { name: "pass_mode_required", resources: [group("pass_required", { transitEncryptionMode: "required" })], expect: [] },
    { name: "pass_enabled_as_string", resources: [group("pass_string", { transitEncryptionEnabled: "true" })], expect: [] },
    { name: "pass_enabled_as_secret", resources: [group("pass_secret", { transitEncryptionEnabled: secret(true) })], expect: [] },
    { name: "fail_disabled", resources: [group("fail_disabled", { transitEncryptionEnabled: false })], expect: [{ on: "fail_disabled", id: "disabled" }] },
    { name: "fail_unset", resources: [group("fail_unset", { transitEncryptionEnabled: undefined })], expect: [{ on: "fail_unset", id: "disabled" }] },
    { name: "fail_preferred_mode", resources: [group("fail_preferred", { transitEncryptionMode: "preferred" })], expect: [{ on: "fail_preferred", id: "preferredMode" }] },
    { name: "fail_disabled_with_unknown_mode", resources: [group("fail_known_part", { transitEncryptionEnabled: false, transitEncryptionMode: unknown.string })], expect: [{ on: "fail_known_part", id: "disabled" }] },
    { name: "na_other_type", resources: [resource("aws:elasticache/cluster:Cluster", "na_memcached", { engine: "memcached" })], expect: [], notApplicable: ["na_memcached"] },
    { name: "unknown_enabled", resources: [group("unknown_enabled", { transitEncryptionEnabled: unknown.bool })], expect: [{ on: "unknown_enabled", id: "undecided" }] },
    { name: "unknown_mode", resources: [group("unknown_mode", { transitEncryptionMode: unknown.string })], expect: [{ on: "unknown_mode", id: "undecided" }] },
]);
