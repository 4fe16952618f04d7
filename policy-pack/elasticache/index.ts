import { BaselinePolicy } from "../lib/policy";
import { elastiCacheClusterEncryption } from "./cluster-encryption";
import { elastiCacheReplicationGroupEncryptionCustomerManagedKey } from "./replication-group-encryption-customer-managed-key";
import { elasticacheReplicationGroupTransitEncryption } from "./replication-group-transit-encryption";

export const elastiCachePolicies: BaselinePolicy[] = [
    elastiCacheReplicationGroupEncryptionCustomerManagedKey,
    elastiCacheClusterEncryption,
    elasticacheReplicationGroupTransitEncryption,
];
